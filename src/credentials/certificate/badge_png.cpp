// The badge as a 512x512 PNG: a cairo image surface, Pango text, written to memory.
#include <string>

#include "credentials/certificate/badge_layout.hpp"
#include "credentials/certificate/cairo_handles.hpp"
#include "credentials/certificate/certificate.hpp"
#include "credentials/certificate/text_block.hpp"

namespace mc::credentials {
namespace {

void set_rgb(cairo_t* cr, const double (&c)[3]) { cairo_set_source_rgb(cr, c[0], c[1], c[2]); }

void draw_emblem(cairo_t* cr) {
    using namespace badge;
    set_rgb(cr, kNavy);
    cairo_arc(cr, kCenter, kCenter, kOuterR, 0, 2 * M_PI);
    cairo_fill(cr);
    set_rgb(cr, kGold);
    cairo_set_line_width(cr, kRingWidth);
    cairo_arc(cr, kCenter, kCenter, kRingR, 0, 2 * M_PI);
    cairo_stroke(cr);
    cairo_set_line_width(cr, 1.5);
    cairo_arc(cr, kCenter, kCenter, kInnerR, 0, 2 * M_PI);
    cairo_stroke(cr);
    for (int i = 0; i < 10; ++i) {
        double x = 0, y = 0;
        star_point(i, x, y);
        i == 0 ? cairo_move_to(cr, x, y) : cairo_line_to(cr, x, y);
    }
    cairo_close_path(cr);
    cairo_fill(cr);
    cairo_set_line_width(cr, 2);
    cairo_move_to(cr, kCenter - kRuleHalf, kRuleY);
    cairo_line_to(cr, kCenter + kRuleHalf, kRuleY);
    cairo_stroke(cr);
}

gfx::TextStyle style(const char* family, PangoWeight weight, const badge::TextBox& b, gfx::Rgb color) {
    return {family, weight, PANGO_STYLE_NORMAL, b.max_size, b.min_size, color};
}

} // namespace

Result<std::string> render_badge_png(const BadgeImageFacts& facts) {
    for (const std::string* field : {&facts.title, &facts.subtitle, &facts.issuer_name})
        TRY(gfx::check_text(*field, kMaxCertificateField));

    gfx::Surface surface{cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 512, 512)};
    TRY(gfx::cairo_ok(cairo_surface_status(surface.get())));
    {
        gfx::Cairo cr{cairo_create(surface.get())};
        TRY(gfx::cairo_ok(cairo_status(cr.get())));
        draw_emblem(cr.get());
        const gfx::Rgb white{1, 1, 1};
        const gfx::Rgb gold{badge::kGold[0], badge::kGold[1], badge::kGold[2]};
        const auto& t = badge::kTitle;
        const auto& s = badge::kSubtitle;
        const auto& i = badge::kIssuer;
        TRY(gfx::draw_text(cr.get(), facts.title, style("DejaVu Sans", PANGO_WEIGHT_BOLD, t, white),
                           {t.x, t.y, t.w, t.h}));
        TRY(gfx::draw_text(cr.get(), facts.subtitle, style("DejaVu Sans", PANGO_WEIGHT_NORMAL, s, white),
                           {s.x, s.y, s.w, s.h}));
        TRY(gfx::draw_text(cr.get(), facts.issuer_name, style("DejaVu Sans", PANGO_WEIGHT_NORMAL, i, gold),
                           {i.x, i.y, i.w, i.h}));
    }
    cairo_surface_flush(surface.get());
    std::string png;
    TRY(gfx::cairo_ok(cairo_surface_write_to_png_stream(surface.get(), gfx::append_to_string, &png)));
    return png;
}

} // namespace mc::credentials
