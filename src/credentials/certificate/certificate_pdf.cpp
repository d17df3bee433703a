// The printable certificate: one US Letter landscape page (792 x 612 pt) drawn with cairo's
// PDF surface into memory. Every text sits in a fixed box (text_block.hpp), so long names
// shrink or wrap inside their own space and the page count is always one.
#include <array>
#include <string>

#include <cairo-pdf.h>

#include "credentials/certificate/cairo_handles.hpp"
#include "credentials/certificate/certificate.hpp"
#include "credentials/certificate/qr_draw.hpp"
#include "credentials/certificate/text_block.hpp"

namespace mc::credentials {
namespace {

using gfx::Box;
using gfx::TextStyle;
using gfx::VAlign;

constexpr double kPageW = 792, kPageH = 612;
// Dark navy and greys that stay distinct from each other when printed in black and white.
constexpr gfx::Rgb kInk{0.07, 0.07, 0.09};
constexpr gfx::Rgb kNavy{0.10, 0.20, 0.36};
constexpr gfx::Rgb kGrey{0.30, 0.31, 0.34};

constexpr const char* kSerif = "DejaVu Serif";
constexpr const char* kSans = "DejaVu Sans";

void stroke_rect(cairo_t* cr, double inset, double width) {
    cairo_set_line_width(cr, width);
    cairo_rectangle(cr, inset, inset, kPageW - 2 * inset, kPageH - 2 * inset);
    cairo_stroke(cr);
}

void rule(cairo_t* cr, double x1, double x2, double y, double width, gfx::Rgb color) {
    cairo_set_source_rgb(cr, color.r, color.g, color.b);
    cairo_set_line_width(cr, width);
    cairo_move_to(cr, x1, y);
    cairo_line_to(cr, x2, y);
    cairo_stroke(cr);
}

// A double frame with small square corner marks: formal without needing colour.
void draw_frame(cairo_t* cr) {
    cairo_set_source_rgb(cr, kNavy.r, kNavy.g, kNavy.b);
    stroke_rect(cr, 20, 2.5);
    stroke_rect(cr, 27, 0.75);
    for (double cx : {27.0, kPageW - 27}) {
        for (double cy : {27.0, kPageH - 27}) {
            cairo_rectangle(cr, cx - 4, cy - 4, 8, 8);
            cairo_fill(cr);
        }
    }
}

Result<void> draw_main_text(cairo_t* cr, const CertificateFacts& f) {
    const double cx = kPageW / 2;
    TRY(gfx::draw_text(cr, f.label_title,
                       {kSerif, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 30, 16, kNavy, 1.2},
                       {60, 56, 672, 50}));
    rule(cr, cx - 60, cx + 60, 114, 1.5, kNavy);

    const TextStyle label{kSans, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 12, 9, kGrey};
    TRY(gfx::draw_text(cr, f.label_awarded_to, label, {60, 136, 672, 18}));
    TRY(gfx::draw_text(cr, f.recipient_name,
                       {kSerif, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 40, 11, kInk},
                       {80, 156, 632, 76}, VAlign::bottom)); // sits on the rule below it
    rule(cr, cx - 190, cx + 190, 241, 0.75, kGrey);

    TRY(gfx::draw_text(cr, f.label_for, label, {60, 248, 672, 18}));
    TRY(gfx::draw_text(cr, f.achievement_name,
                       {kSerif, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 22, 11, kNavy},
                       {80, 266, 632, 50}));
    TRY(gfx::draw_text(cr, f.achievement_description,
                       {kSans, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 10.5, 7.5, kInk},
                       {110, 318, 572, 44}));
    TRY(gfx::draw_text(cr, f.competency,
                       {kSans, PANGO_WEIGHT_NORMAL, PANGO_STYLE_OBLIQUE, 10.5, 7.5, kGrey},
                       {110, 364, 572, 28}));
    TRY(gfx::draw_text(cr, f.credit_line,
                       {kSans, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 11, 8, kNavy},
                       {110, 394, 572, 18}));
    return {};
}

// A signature-style column: the value above a rule, its label below.
Result<void> draw_signed_column(cairo_t* cr, double x, std::string_view value, std::string_view label) {
    TRY(gfx::draw_text(cr, value, {kSerif, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 15, 9, kInk},
                       {x, 440, 240, 56}, VAlign::bottom));
    rule(cr, x + 20, x + 220, 501, 0.75, kGrey);
    TRY(gfx::draw_text(cr, label, {kSans, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 10, 7.5, kGrey},
                       {x, 506, 240, 16}, VAlign::top));
    return {};
}

// cairo's tag attributes quote strings with ' and escape with a backslash.
std::string link_attributes(std::string_view uri) {
    std::string out = "uri='";
    for (char ch : uri) {
        if (ch == '\'' || ch == '\\') out += '\\';
        out += ch;
    }
    out += '\'';
    return out;
}

Result<void> draw_verification(cairo_t* cr, const CertificateFacts& f,
                               const std::vector<std::vector<bool>>& qr) {
    constexpr double side = 104;
    const double x = (kPageW - side) / 2;
    const std::string link = link_attributes(f.verify_url);
    // The QR code and the printed URL are also a clickable link in PDF viewers.
    cairo_tag_begin(cr, CAIRO_TAG_LINK, link.c_str());
    gfx::draw_qr(cr, qr, x, 422, side);
    cairo_tag_end(cr, CAIRO_TAG_LINK);
    TRY(gfx::draw_text(cr, f.label_verify, {kSans, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 8, 6.5, kGrey},
                       {226, 527, 340, 11}, VAlign::top));
    cairo_tag_begin(cr, CAIRO_TAG_LINK, link.c_str());
    TextStyle url{kSans, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 8, 6, kInk};
    url.wrap_anywhere = true; // a URL has no words; break it anywhere rather than overflow
    TRY(gfx::draw_text(cr, f.verify_url, url, {196, 538, 400, 20}, VAlign::top));
    cairo_tag_end(cr, CAIRO_TAG_LINK);
    TextStyle id{kSans, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 6.5, 5, kGrey};
    id.wrap_anywhere = true;
    TRY(gfx::draw_text(cr, f.credential_id, id, {196, 559, 400, 10}, VAlign::top));
    return {};
}

} // namespace

Result<std::string> render_certificate_pdf(const CertificateFacts& f) {
    const std::array<const std::string*, 16> fields{
        &f.locale, &f.recipient_name, &f.achievement_name, &f.achievement_description,
        &f.competency, &f.issuer_name, &f.issued_on, &f.credit_line, &f.verify_url,
        &f.credential_id, &f.label_title, &f.label_awarded_to, &f.label_for,
        &f.label_issued_by, &f.label_issued_on, &f.label_verify};
    for (const std::string* field : fields) TRY(gfx::check_text(*field, kMaxCertificateField));
    const auto qr = TRY(qr_modules(f.verify_url));

    std::string pdf;
    gfx::Surface surface{cairo_pdf_surface_create_for_stream(gfx::append_to_string, &pdf, kPageW, kPageH)};
    TRY(gfx::cairo_ok(cairo_surface_status(surface.get())));
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, f.achievement_name.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_AUTHOR, f.issuer_name.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "microcred");
    {
        gfx::Cairo cr{cairo_create(surface.get())};
        TRY(gfx::cairo_ok(cairo_status(cr.get())));
        draw_frame(cr.get());
        TRY(draw_main_text(cr.get(), f));
        TRY(draw_signed_column(cr.get(), 70, f.issuer_name, f.label_issued_by));
        TRY(draw_signed_column(cr.get(), kPageW - 70 - 240, f.issued_on, f.label_issued_on));
        TRY(draw_verification(cr.get(), f, qr));
        cairo_show_page(cr.get());
        TRY(gfx::cairo_ok(cairo_status(cr.get())));
    }
    // finish flushes the whole document through append_to_string; errors surface here.
    cairo_surface_finish(surface.get());
    TRY(gfx::cairo_ok(cairo_surface_status(surface.get())));
    return pdf;
}

} // namespace mc::credentials
