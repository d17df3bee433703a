// CSV for the exports admins open in a spreadsheet (RFC 4180 quoting, CRLF line ends).
#pragma once

#include <string>
#include <string_view>

namespace mc {

// One cell. A value a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a
// leading apostrophe: exported names and notes are typed by users.
inline std::string csv_cell(std::string_view v) {
    std::string s(v);
    if (!s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos) s.insert(0, 1, '\'');
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

} // namespace mc
