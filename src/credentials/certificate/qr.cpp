#include <cerrno>
#include <string>

#include "credentials/certificate/cairo_handles.hpp"
#include "credentials/certificate/certificate.hpp"
#include "credentials/certificate/qr_draw.hpp"

namespace mc::credentials {

Result<std::vector<std::vector<bool>>> qr_modules(std::string_view text) {
    if (text.empty())
        return fail(Errc::bad_input, "credentials.errors.bad_certificate", "empty QR text");
    // encodeData takes a length, so the text needs no NUL terminator and may contain any byte;
    // version 0 lets libqrencode pick the smallest symbol that holds the data.
    errno = 0;
    gfx::QrCode code{QRcode_encodeData(static_cast<int>(text.size()),
                                       reinterpret_cast<const unsigned char*>(text.data()), 0,
                                       QR_ECLEVEL_M)};
    if (!code) {
        if (errno == ERANGE)
            return fail(Errc::bad_input, "credentials.errors.bad_certificate", "QR text too long");
        return fail(Errc::internal, "errors.internal", "QRcode_encodeData failed");
    }
    const int n = code->width;
    std::vector<std::vector<bool>> rows(n, std::vector<bool>(n));
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c)
            rows[r][c] = (code->data[r * n + c] & 1) != 0; // bit 0 is "dark"; others are metadata
    return rows;
}

namespace gfx {

void draw_qr(cairo_t* cr, const std::vector<std::vector<bool>>& modules, double x, double y,
             double side) {
    const int n = static_cast<int>(modules.size());
    const double m = side / (n + 2 * kQrQuietZone);
    const double x0 = x + kQrQuietZone * m, y0 = y + kQrQuietZone * m;
    cairo_save(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, x, y, side, side);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (int r = 0; r < n; ++r) {
        for (int c = 0; c < n;) {
            if (!modules[r][c]) { ++c; continue; }
            int end = c;
            while (end < n && modules[r][end]) ++end;
            cairo_rectangle(cr, x0 + c * m, y0 + r * m, (end - c) * m, m);
            c = end;
        }
    }
    cairo_fill(cr); // one fill for the whole symbol: adjacent rows share edges exactly
    cairo_restore(cr);
}

} // namespace gfx
} // namespace mc::credentials
