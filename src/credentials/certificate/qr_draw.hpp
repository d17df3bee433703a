// Drawing a QR symbol with cairo, shared by the certificate and the tests that check it.
#pragma once

#include <vector>

#include <cairo.h>

namespace mc::credentials::gfx {

// The QR quiet zone the standard asks for, in modules, on each side.
inline constexpr int kQrQuietZone = 4;

// Draws `modules` (from qr_modules) as a `side` x `side` square at (x, y), quiet zone
// included, dark on white. Dark runs in a row are filled as one rectangle so rasterizers
// leave no hairline seams between modules, which would confuse phone scanners.
void draw_qr(cairo_t* cr, const std::vector<std::vector<bool>>& modules, double x, double y,
             double side);

} // namespace mc::credentials::gfx
