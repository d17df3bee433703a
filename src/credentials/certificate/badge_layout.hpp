// Geometry and colours of the round badge emblem, shared by the PNG and SVG renderers so the
// two images of one badge look the same.
#pragma once

#include <cmath>

namespace mc::credentials::badge {

constexpr double kSize = 512, kCenter = 256;
constexpr double kOuterR = 250, kRingR = 234, kRingWidth = 6, kInnerR = 226;
// Text boxes: x, y, width, height (pixels), the fonts' largest and smallest sizes.
struct TextBox { double x, y, w, h, max_size, min_size; };
constexpr TextBox kTitle{100, 168, 312, 150, 44, 18};
constexpr TextBox kSubtitle{120, 336, 272, 48, 22, 12};
constexpr TextBox kIssuer{146, 392, 220, 36, 16, 10};
constexpr double kRuleY = 326, kRuleHalf = 60;
// A five-pointed star above the title.
constexpr double kStarY = 118, kStarOuter = 30, kStarInner = 12;

// Navy field, gold accents, white text.
constexpr const char* kNavyHex = "#1a3360";
constexpr const char* kGoldHex = "#c9a227";
constexpr double kNavy[3] = {0x1a / 255.0, 0x33 / 255.0, 0x60 / 255.0};
constexpr double kGold[3] = {0xc9 / 255.0, 0xa2 / 255.0, 0x27 / 255.0};

// The star's ten points, clockwise from the top, as (x, y) pairs.
inline void star_point(int i, double& x, double& y) {
    const double r = (i % 2 == 0) ? kStarOuter : kStarInner;
    const double a = -M_PI / 2 + i * M_PI / 5;
    x = kCenter + r * std::cos(a);
    y = kStarY + r * std::sin(a);
}

} // namespace mc::credentials::badge
