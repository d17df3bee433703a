#include "platform/text/utf8.hpp"

#include <cstdint>

namespace mc::text {

namespace {

// Length of the well-formed sequence starting at s[i], or 0 when it is malformed.
std::size_t sequence_length(std::string_view s, std::size_t i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char b0 = byte(i);
    if (b0 < 0x80) return 1;
    std::size_t need = 0;
    unsigned char lo = 0x80, hi = 0xBF; // allowed range of the second byte
    if (b0 >= 0xC2 && b0 <= 0xDF) need = 1;
    else if (b0 == 0xE0) need = 2, lo = 0xA0;           // no overlong 3-byte forms
    else if (b0 >= 0xE1 && b0 <= 0xEC) need = 2;
    else if (b0 == 0xED) need = 2, hi = 0x9F;           // no UTF-16 surrogates
    else if (b0 >= 0xEE && b0 <= 0xEF) need = 2;
    else if (b0 == 0xF0) need = 3, lo = 0x90;           // no overlong 4-byte forms
    else if (b0 >= 0xF1 && b0 <= 0xF3) need = 3;
    else if (b0 == 0xF4) need = 3, hi = 0x8F;           // nothing above U+10FFFF
    else return 0;
    if (i + need >= s.size()) return 0; // truncated at the end
    if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
    for (std::size_t k = 2; k <= need; ++k)
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
    return need + 1;
}

} // namespace

bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        auto n = sequence_length(s, i);
        if (n == 0) return false;
        i += n;
    }
    return true;
}

bool has_control_chars(std::string_view s, bool allow_line_breaks) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x20) {
            if (allow_line_breaks && (c == '\n' || c == '\r' || c == '\t')) continue;
            return true;
        }
        if (c == 0x7F) return true;
        // C1 controls are U+0080-U+009F, encoded C2 80 .. C2 9F.
        if (c == 0xC2 && i + 1 < s.size()) {
            auto next = static_cast<unsigned char>(s[i + 1]);
            if (next >= 0x80 && next <= 0x9F) return true;
        }
    }
    return false;
}

std::string repair_utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        auto n = sequence_length(s, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
        } else {
            out.append(s.substr(i, n));
            i += n;
        }
    }
    return out;
}

} // namespace mc::text
