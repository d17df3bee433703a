#include "credentials/certificate/text_block.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "credentials/certificate/cairo_handles.hpp"

namespace mc::credentials::gfx {
namespace {

int pango_units(double v) { return static_cast<int>(std::lround(v * PANGO_SCALE)); }

// A layout on the cairo context's thread-default font map: pango_cairo_font_map_get_default()
// is per thread since Pango 1.32.6, so concurrent renders never share a font map.
Layout make_layout(cairo_t* cr, std::string_view text, const TextStyle& style, double size,
                   double width) {
    Layout layout{pango_cairo_create_layout(cr)};
    FontDesc desc{pango_font_description_new()};
    pango_font_description_set_family(desc.get(), style.family);
    pango_font_description_set_weight(desc.get(), style.weight);
    pango_font_description_set_style(desc.get(), style.slant);
    // Absolute size: one unit is one point on the PDF, independent of Pango's 96 dpi default.
    pango_font_description_set_absolute_size(desc.get(), size * PANGO_SCALE);
    pango_layout_set_font_description(layout.get(), desc.get());
    pango_layout_set_width(layout.get(), pango_units(width));
    pango_layout_set_wrap(layout.get(), style.wrap_anywhere ? PANGO_WRAP_CHAR : PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout.get(), style.align);
    if (style.letter_spacing != 0) {
        AttrList attrs{pango_attr_list_new()};
        pango_attr_list_insert(attrs.get(), pango_attr_letter_spacing_new(pango_units(style.letter_spacing)));
        pango_layout_set_attributes(layout.get(), attrs.get());
    }
    // set_text, never set_markup: names like "<b>Ana & Zoë</b>" are printed as typed.
    pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
    return layout;
}

double layout_height(PangoLayout* layout) {
    int w = 0, h = 0;
    pango_layout_get_size(layout, &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
}

} // namespace

Result<void> check_text(std::string_view text, std::size_t max_bytes) {
    if (text.size() > max_bytes)
        return fail(Errc::bad_input, "credentials.errors.bad_certificate", "certificate text too long");
    if (!g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr))
        return fail(Errc::bad_input, "credentials.errors.bad_certificate", "certificate text is not UTF-8");
    return {};
}

Result<void> draw_text(cairo_t* cr, std::string_view text, const TextStyle& style, Box box,
                       VAlign valign) {
    if (text.empty()) return {};
    // Shrink in ~6% steps: a handful of layouts even for a 300-character name.
    double size = style.max_size;
    Layout layout = make_layout(cr, text, style, size, box.w);
    while (layout_height(layout.get()) > box.h && size > style.min_size) {
        size = std::max(style.min_size, size * 0.94);
        layout = make_layout(cr, text, style, size, box.w);
    }
    if (layout_height(layout.get()) > box.h) {
        // Still too tall at the smallest size: keep the lines that fit and end with an ellipsis.
        pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
        pango_layout_set_height(layout.get(), pango_units(box.h));
    }
    const double h = layout_height(layout.get());
    double y = box.y;
    if (valign == VAlign::middle) y += (box.h - h) / 2;
    if (valign == VAlign::bottom) y += box.h - h;

    cairo_save(cr);
    cairo_set_source_rgb(cr, style.color.r, style.color.g, style.color.b);
    cairo_move_to(cr, box.x, y);
    pango_cairo_show_layout(cr, layout.get());
    cairo_restore(cr);
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        return fail(Errc::internal, "errors.internal", cairo_status_to_string(cairo_status(cr)));
    return {};
}

} // namespace mc::credentials::gfx
