// The badge as SVG. SVG has no text wrapping, so lines are broken here using an estimated
// glyph width for DejaVu Sans; viewers substitute a similar sans-serif if it is missing.
#include <glib.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "credentials/certificate/badge_layout.hpp"
#include "credentials/certificate/certificate.hpp"

namespace mc::credentials {
namespace {

// Valid UTF-8 with no characters XML 1.0 forbids (C0 controls become spaces), so the
// document always parses, whatever bytes the facts carried.
std::u32string clean(std::string_view text) {
    gchar* valid = g_utf8_make_valid(text.data(), static_cast<gssize>(text.size()));
    std::u32string out;
    for (const gchar* p = valid; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) c = ' ';
        out += static_cast<char32_t>(c);
    }
    g_free(valid);
    return out;
}

void append_escaped(std::string& out, std::u32string_view text) {
    for (char32_t c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        default: {
            char buf[6];
            out.append(buf, g_unichar_to_utf8(c, buf));
        }
        }
    }
}

// Greedy word wrap at `per_line` characters; words longer than a line are split.
std::vector<std::u32string> wrap(const std::u32string& text, std::size_t per_line) {
    std::vector<std::u32string> lines;
    std::u32string line;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && text[i] == ' ') ++i;
        std::size_t end = i;
        while (end < text.size() && text[end] != ' ') ++end;
        std::u32string word = text.substr(i, end - i);
        i = end;
        while (word.size() > per_line) {
            if (!line.empty()) lines.push_back(std::move(line)), line.clear();
            lines.push_back(word.substr(0, per_line));
            word.erase(0, per_line);
        }
        if (word.empty()) continue;
        if (!line.empty() && line.size() + 1 + word.size() > per_line)
            lines.push_back(std::move(line)), line.clear();
        if (!line.empty()) line += U' ';
        line += word;
    }
    if (!line.empty()) lines.push_back(std::move(line));
    return lines;
}

// Largest size from max to min at which the wrapped text fits the box; at the minimum,
// extra lines are dropped and the last kept line ends with an ellipsis.
void append_text_block(std::string& out, std::string_view raw, const badge::TextBox& box,
                       bool bold, const char* fill) {
    const std::u32string text = clean(raw);
    if (text.empty()) return;
    const double glyph = bold ? 0.66 : 0.60; // average advance of DejaVu Sans, in ems
    double size = box.max_size;
    std::vector<std::u32string> lines;
    for (;; size = std::max(box.min_size, size * 0.94)) {
        const auto per_line = static_cast<std::size_t>(std::max(1.0, box.w / (glyph * size)));
        lines = wrap(text, per_line);
        if (lines.size() * size * 1.2 <= box.h || size <= box.min_size) break;
    }
    const auto max_lines = static_cast<std::size_t>(std::max(1.0, box.h / (size * 1.2)));
    if (lines.size() > max_lines) {
        lines.resize(max_lines);
        lines.back() += U'…';
    }
    const double line_h = size * 1.2;
    // First baseline so the block is centered vertically in its box.
    double y = box.y + (box.h - lines.size() * line_h) / 2 + size * 0.95;
    char head[200];
    for (const auto& line : lines) {
        std::snprintf(head, sizeof head,
                      "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\"%s fill=\"%s\">",
                      badge::kCenter, y, size, bold ? " font-weight=\"bold\"" : "", fill);
        out += head;
        append_escaped(out, line);
        out += "</text>\n";
        y += line_h;
    }
}

} // namespace

std::string render_badge_svg(const BadgeImageFacts& facts) {
    using namespace badge;
    std::string out;
    char buf[512];
    out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"512\" height=\"512\" "
           "viewBox=\"0 0 512 512\" role=\"img\" aria-label=\"";
    append_escaped(out, clean(facts.title));
    out += "\">\n<title>";
    append_escaped(out, clean(facts.title));
    out += "</title>\n";
    std::snprintf(buf, sizeof buf,
                  "<circle cx=\"256\" cy=\"256\" r=\"%.0f\" fill=\"%s\"/>\n"
                  "<circle cx=\"256\" cy=\"256\" r=\"%.0f\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.0f\"/>\n"
                  "<circle cx=\"256\" cy=\"256\" r=\"%.0f\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"/>\n"
                  "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"%s\" stroke-width=\"2\"/>\n",
                  kOuterR, kNavyHex, kRingR, kGoldHex, kRingWidth, kInnerR, kGoldHex,
                  kCenter - kRuleHalf, kRuleY, kCenter + kRuleHalf, kRuleY, kGoldHex);
    out += buf;
    out += "<polygon fill=\"";
    out += kGoldHex;
    out += "\" points=\"";
    for (int i = 0; i < 10; ++i) {
        double x = 0, y = 0;
        star_point(i, x, y);
        std::snprintf(buf, sizeof buf, "%s%.1f,%.1f", i ? " " : "", x, y);
        out += buf;
    }
    out += "\"/>\n<g font-family=\"'DejaVu Sans', Verdana, sans-serif\" text-anchor=\"middle\">\n";
    append_text_block(out, facts.title, kTitle, true, "#ffffff");
    append_text_block(out, facts.subtitle, kSubtitle, false, "#ffffff");
    append_text_block(out, facts.issuer_name, kIssuer, false, kGoldHex);
    out += "</g>\n</svg>\n";
    return out;
}

} // namespace mc::credentials
