// Drawing one block of user text into a fixed box with Pango: wrap, shrink to fit, and as
// a last resort ellipsize, so no input can push text outside its box or onto a second page.
#pragma once

#include <string_view>

#include <cairo.h>
#include <pango/pango.h>

#include "platform/error.hpp"

namespace mc::credentials::gfx {

struct Rgb { double r = 0, g = 0, b = 0; };

struct TextStyle {
    const char* family = "DejaVu Sans";
    PangoWeight weight = PANGO_WEIGHT_NORMAL;
    PangoStyle slant = PANGO_STYLE_NORMAL;
    double max_size = 12;         // in user units (points on the PDF page, pixels on a PNG)
    double min_size = 8;          // shrinking stops here; below it the text is ellipsized
    Rgb color{};
    double letter_spacing = 0;    // user units
    bool wrap_anywhere = false;   // URLs and ids: break between any characters, not at words
    PangoAlignment align = PANGO_ALIGN_CENTER; // report tables set left and right
};

struct Box { double x = 0, y = 0, w = 0, h = 0; };
enum class VAlign { top, middle, bottom };

// Draws `text` aligned as the style says (centered unless set) in `box`, at the largest size from max_size down to
// min_size at which it fits, placed vertically by `valign`. `text` must be valid UTF-8
// (check_text). Text goes through pango_layout_set_text: markup characters are literal.
Result<void> draw_text(cairo_t* cr, std::string_view text, const TextStyle& style, Box box,
                       VAlign valign = VAlign::middle);

// Refuses text that is not valid UTF-8 or longer than `max_bytes`.
Result<void> check_text(std::string_view text, std::size_t max_bytes);

} // namespace mc::credentials::gfx
