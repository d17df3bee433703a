#include "platform/text/csv_reader.hpp"

#include <cctype>

#include "platform/text/utf8.hpp"

namespace mc {

CsvRead read_csv_records(std::string_view text) {
    CsvRead out;
    std::size_t line = 1, i = 0;
    if (text.starts_with("\xEF\xBB\xBF")) i = 3;
    auto at_separator = [&] { return text[i] == ',' || text[i] == '\n' || text[i] == '\r'; };
    while (i < text.size()) {
        CsvRecord rec;
        rec.line = line;
        bool record_done = false;
        while (!record_done) {
            std::string field;
            if (i < text.size() && text[i] == '"') {
                std::size_t opened = line;
                ++i;
                bool closed = false;
                while (i < text.size()) {
                    char c = text[i++];
                    if (c == '"') {
                        if (i < text.size() && text[i] == '"') {
                            field += '"';
                            ++i;
                        } else {
                            closed = true;
                            break;
                        }
                    } else {
                        if (c == '\n') ++line;
                        field += c;
                    }
                }
                if (!closed) {
                    out.unclosed_quote_line = opened;
                    return out;
                }
                // Text after the closing quote up to the separator is kept, as spreadsheets do.
                while (i < text.size() && !at_separator()) field += text[i++];
            } else {
                while (i < text.size() && !at_separator()) field += text[i++];
            }
            rec.fields.push_back(std::move(field));
            if (i >= text.size()) {
                record_done = true;
            } else if (text[i] == ',') {
                ++i;
            } else {
                if (text[i] == '\r') ++i;
                if (i < text.size() && text[i] == '\n') ++i;
                ++line;
                record_done = true;
            }
        }
        for (const auto& f : rec.fields)
            if (!text::valid_utf8(f) || text::has_control_chars(f, /*allow_line_breaks=*/true)) {
                out.bad_text_line = rec.line;
                return out;
            }
        bool blank = rec.fields.size() == 1 && rec.fields[0].find_first_not_of(" \t") == std::string::npos;
        if (!blank) out.records.push_back(std::move(rec));
    }
    return out;
}

std::string csv_header_name(std::string_view field) {
    std::size_t a = 0, b = field.size();
    while (a < b && (field[a] == ' ' || field[a] == '\t')) ++a;
    while (b > a && (field[b - 1] == ' ' || field[b - 1] == '\t')) --b;
    std::string s(field.substr(a, b - a));
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

} // namespace mc
