// The quarterly report as PDF: cairo's PDF surface, Pango for every text (wrapped and shrunk to
// its box by the certificate's text block), bars drawn with cairo. A chart in a PDF cannot run
// the browser's charting library, so its bars are drawn here from the same table cells.
#include <algorithm>
#include <cstdlib>

#include <cairo-pdf.h>

#include "credentials/certificate/cairo_handles.hpp"
#include "credentials/certificate/text_block.hpp"
#include "reports/quarterly.hpp"

namespace mc::reports {

namespace {

namespace gfx = credentials::gfx;

constexpr double kW = 612, kH = 792, kMargin = 48, kRow = 15, kBarRow = 14;
constexpr gfx::Rgb kInk{0.07, 0.07, 0.09}, kNavy{0.10, 0.20, 0.36}, kGrey{0.35, 0.36, 0.39};
constexpr gfx::Rgb kBar{0.0, 0.37, 0.64};

gfx::TextStyle style(double size, gfx::Rgb color, bool bold = false, PangoAlignment align = PANGO_ALIGN_LEFT) {
    gfx::TextStyle s;
    s.family = "DejaVu Sans";
    s.weight = bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL;
    s.max_size = size;
    s.min_size = std::max(5.0, size - 2.5);
    s.color = color;
    s.align = align;
    return s;
}

// The number in a cell ("12", "45.5%", "3.0"); nullopt for "*", "—" and words.
std::optional<double> number_of(const std::string& cell) {
    if (cell.empty() || cell == "*" || cell == "—") return std::nullopt;
    char* end = nullptr;
    double v = std::strtod(cell.c_str(), &end);
    if (end == cell.c_str()) return std::nullopt;
    return v;
}

struct Pen {
    cairo_t* cr;
    double y = kMargin;
    int page = 1;
    std::string footer;
    Result<void> new_page_if(double need) {
        if (y + need <= kH - kMargin) return {};
        TRY(draw_footer());
        cairo_show_page(cr);
        ++page;
        y = kMargin;
        return {};
    }
    Result<void> draw_footer() {
        return gfx::draw_text(cr, footer + " · " + std::to_string(page), style(7, kGrey, false, PANGO_ALIGN_CENTER),
                              {kMargin, kH - kMargin + 14, kW - 2 * kMargin, 12});
    }
};

Result<void> draw_chart(Pen& pen, const Table& t) {
    if (t.chart.empty()) return {};
    int column = std::atoi(t.chart_columns.c_str()) - 1; // the first charted column
    if (column < 1) return {};
    double max = 0;
    for (const auto& r : t.rows)
        if (column < static_cast<int>(r.size()))
            if (auto v = number_of(r[column])) max = std::max(max, *v);
    if (max <= 0) return {};
    const double label_w = 170, bar_w = kW - 2 * kMargin - label_w - 50;
    for (const auto& r : t.rows) {
        if (column >= static_cast<int>(r.size())) continue;
        TRY(pen.new_page_if(kBarRow));
        TRY(gfx::draw_text(pen.cr, r[0], style(7.5, kInk), {kMargin, pen.y, label_w - 6, kBarRow}));
        if (auto v = number_of(r[column])) {
            cairo_set_source_rgb(pen.cr, kBar.r, kBar.g, kBar.b);
            cairo_rectangle(pen.cr, kMargin + label_w, pen.y + 2, std::max(1.0, *v / max * bar_w), kBarRow - 4);
            cairo_fill(pen.cr);
        }
        TRY(gfx::draw_text(pen.cr, r[column], style(7.5, kInk), {kMargin + label_w + bar_w + 4, pen.y, 46, kBarRow}));
        pen.y += kBarRow;
    }
    pen.y += 6;
    return {};
}

Result<void> draw_table(Pen& pen, const Table& t) {
    TRY(pen.new_page_if(60));
    TRY(gfx::draw_text(pen.cr, t.caption, style(11, kNavy, true), {kMargin, pen.y, kW - 2 * kMargin, 18}));
    pen.y += 20;
    TRY(draw_chart(pen, t));
    std::size_t cols = t.head.size();
    if (cols == 0) return {};
    const double width = kW - 2 * kMargin, first = std::min(170.0, width * 0.4);
    double rest = cols > 1 ? (width - first) / static_cast<double>(cols - 1) : 0;
    auto x_of = [&](std::size_t c) { return c == 0 ? kMargin : kMargin + first + rest * static_cast<double>(c - 1); };
    auto w_of = [&](std::size_t c) { return c == 0 ? first : rest; };
    auto row = [&](const std::vector<std::string>& cells, bool head) -> Result<void> {
        double h = head ? kRow * 1.8 : kRow;
        TRY(pen.new_page_if(h));
        for (std::size_t c = 0; c < cols && c < cells.size(); ++c)
            TRY(gfx::draw_text(pen.cr, cells[c], style(head ? 6.5 : 7.5, head ? kNavy : kInk, head, c ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT),
                               {x_of(c) + 2, pen.y, w_of(c) - 4, h}));
        pen.y += h;
        cairo_set_source_rgb(pen.cr, 0.8, 0.8, 0.82);
        cairo_set_line_width(pen.cr, 0.4);
        cairo_move_to(pen.cr, kMargin, pen.y);
        cairo_line_to(pen.cr, kW - kMargin, pen.y);
        cairo_stroke(pen.cr);
        return {};
    };
    TRY(row(t.head, true));
    for (const auto& r : t.rows) TRY(row(r, false));
    if (!t.how.empty()) {
        TRY(pen.new_page_if(30));
        TRY(gfx::draw_text(pen.cr, t.how, style(7, kGrey), {kMargin, pen.y + 3, width, 26}, gfx::VAlign::top));
        pen.y += 30;
    }
    pen.y += 12;
    return {};
}

} // namespace

Result<std::string> render_quarterly_pdf(const QuarterlyReport& q, const std::string& footer) {
    TRY(gfx::check_text(q.title, 1000));
    TRY(gfx::check_text(q.subtitle, 4000));
    for (const auto& t : q.tables) {
        TRY(gfx::check_text(t.caption, 1000));
        TRY(gfx::check_text(t.how, 4000));
        for (const auto& h : t.head) TRY(gfx::check_text(h, 1000));
        for (const auto& r : t.rows)
            for (const auto& c : r) TRY(gfx::check_text(c, 1000));
    }
    std::string pdf;
    gfx::Surface surface{cairo_pdf_surface_create_for_stream(gfx::append_to_string, &pdf, kW, kH)};
    TRY(gfx::cairo_ok(cairo_surface_status(surface.get())));
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, q.title.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "microcred");
    {
        gfx::Cairo cr{cairo_create(surface.get())};
        TRY(gfx::cairo_ok(cairo_status(cr.get())));
        Pen pen{cr.get(), kMargin, 1, footer};
        TRY(gfx::draw_text(cr.get(), q.title, style(18, kNavy, true), {kMargin, pen.y, kW - 2 * kMargin, 26}));
        pen.y += 28;
        TRY(gfx::draw_text(cr.get(), q.subtitle, style(8, kGrey), {kMargin, pen.y, kW - 2 * kMargin, 30}, gfx::VAlign::top));
        pen.y += 36;
        for (const auto& t : q.tables) TRY(draw_table(pen, t));
        TRY(pen.draw_footer());
        cairo_show_page(cr.get());
        TRY(gfx::cairo_ok(cairo_status(cr.get())));
    }
    cairo_surface_finish(surface.get());
    TRY(gfx::cairo_ok(cairo_surface_status(surface.get())));
    return pdf;
}

} // namespace mc::reports
