#include <gtest/gtest.h>

#include <cairo.h>

#include "credentials/certificate/cairo_handles.hpp"
#include "credentials/certificate/certificate.hpp"
#include "credentials/certificate/qr_draw.hpp"

namespace mc::credentials {
namespace {

using Modules = std::vector<std::vector<bool>>;

// A finder pattern: 7x7 dark ring, light ring, 3x3 dark centre.
bool finder_at(const Modules& m, int row, int col) {
    for (int r = 0; r < 7; ++r)
        for (int c = 0; c < 7; ++c) {
            const bool ring = r == 0 || r == 6 || c == 0 || c == 6;
            const bool centre = r >= 2 && r <= 4 && c >= 2 && c <= 4;
            if (m[row + r][col + c] != (ring || centre)) return false;
        }
    return true;
}

TEST(QrModules, SymbolIsSquareSmallAndHasFinders) {
    const std::string url = "https://credentials.example.org/verify/01JQ4ZK3Q5M7N9P2R4T6V8X0Y2";
    auto m = qr_modules(url);
    ASSERT_TRUE(m) << m.error().detail;
    const int n = static_cast<int>(m->size());
    ASSERT_EQ((n - 17) % 4, 0) << "width 17 + 4 * version";
    const int version = (n - 17) / 4;
    // 65 bytes at level M need version 4 or 5 (depending on mode mixing): small enough to print.
    EXPECT_GE(version, 4);
    EXPECT_LE(version, 5);
    for (const auto& row : *m) ASSERT_EQ(static_cast<int>(row.size()), n);
    EXPECT_TRUE(finder_at(*m, 0, 0));
    EXPECT_TRUE(finder_at(*m, 0, n - 7));
    EXPECT_TRUE(finder_at(*m, n - 7, 0));
    EXPECT_FALSE(finder_at(*m, n - 7, n - 7));
}

TEST(QrModules, LongerTextNeedsALargerSymbol) {
    auto small = qr_modules("https://a.example/v/1");
    auto large = qr_modules(std::string(400, 'x'));
    ASSERT_TRUE(small && large);
    EXPECT_LT(small->size(), large->size());
}

TEST(QrModules, RefusesEmptyAndOversizeText) {
    auto empty = qr_modules("");
    ASSERT_FALSE(empty);
    EXPECT_EQ(empty.error().code, Errc::bad_input);
    auto huge = qr_modules(std::string(3000, 'x')); // over version 40-M capacity (2331 bytes)
    ASSERT_FALSE(huge);
    EXPECT_EQ(huge.error().code, Errc::bad_input);
}

// Draw the symbol onto a bitmap and sample every module centre: the drawing code puts each
// module where the symbol says, with a white quiet zone of kQrQuietZone modules around it.
TEST(QrDraw, PlacesEveryModule) {
    auto m = qr_modules("https://credentials.example.org/verify/abc");
    ASSERT_TRUE(m);
    const int n = static_cast<int>(m->size());
    const int scale = 6, side = (n + 2 * gfx::kQrQuietZone) * scale, offset = 10;
    gfx::Surface surface{cairo_image_surface_create(CAIRO_FORMAT_RGB24, side + 2 * offset, side + 2 * offset)};
    gfx::Cairo cr{cairo_create(surface.get())};
    cairo_set_source_rgb(cr.get(), 0.5, 0.5, 0.5); // grey page, so the white quiet zone shows
    cairo_paint(cr.get());
    gfx::draw_qr(cr.get(), *m, offset, offset, side);
    cairo_surface_flush(surface.get());

    const unsigned char* data = cairo_image_surface_get_data(surface.get());
    const int stride = cairo_image_surface_get_stride(surface.get());
    auto blue = [&](int x, int y) { return data[y * stride + x * 4]; }; // little-endian BGRx
    const int q = gfx::kQrQuietZone;
    for (int r = -q; r < n + q; ++r)
        for (int c = -q; c < n + q; ++c) {
            const int x = offset + (c + q) * scale + scale / 2, y = offset + (r + q) * scale + scale / 2;
            const bool dark = r >= 0 && c >= 0 && r < n && c < n && (*m)[r][c];
            ASSERT_EQ(blue(x, y), dark ? 0 : 255) << "module " << r << "," << c;
        }
    EXPECT_EQ(blue(offset / 2, offset / 2), 128) << "nothing drawn outside the square";
}

} // namespace
} // namespace mc::credentials
