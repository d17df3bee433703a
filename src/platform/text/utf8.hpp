// Text checks every edge applies before untrusted bytes are stored or rendered: a string that is
// not UTF-8 breaks every JSON answer that later carries it (nlohmann refuses to dump it), and a
// control character in a name (CR/LF above all) ends up in mail headers, CSV cells and logs.
#pragma once

#include <string>
#include <string_view>

namespace mc::text {

// True when every byte sequence is well-formed UTF-8 (RFC 3629: no overlongs, no surrogates,
// nothing above U+10FFFF).
bool valid_utf8(std::string_view s);

// True when s holds a C0 control (U+0000-U+001F), DEL or a C1 control (U+0080-U+009F).
// allow_line_breaks lets LF, CR and TAB through for multi-line text (answers, feedback).
bool has_control_chars(std::string_view s, bool allow_line_breaks = false);

// A single-line name: valid UTF-8 and no control characters at all.
inline bool is_clean_line(std::string_view s) { return valid_utf8(s) && !has_control_chars(s); }

// Replaces each malformed sequence with U+FFFD, so text already stored can be shown again.
std::string repair_utf8(std::string_view s);

} // namespace mc::text
