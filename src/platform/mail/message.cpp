#include "platform/mail/message.hpp"

#include "platform/crypto/random.hpp"

namespace mc::mail {

namespace {
bool is_ascii_printable(std::string_view s) {
    for (unsigned char c : s)
        if (c < 0x20 || c > 0x7e) return false;
    return true;
}
// Length of the UTF-8 sequence starting with this byte (1 for stray continuation bytes).
std::size_t utf8_length(unsigned char lead) {
    if (lead >= 0xf0) return 4;
    if (lead >= 0xe0) return 3;
    if (lead >= 0xc0) return 2;
    return 1;
}
} // namespace

std::string encode_header_word(std::string_view text) {
    if (is_ascii_printable(text)) return std::string(text);
    // "=?UTF-8?B?" + "?=" is 12 characters; 45 bytes of input become 60 of base64: 72 in all.
    constexpr std::size_t max_chunk = 45;
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t end = i;
        while (end < text.size()) {
            std::size_t n = utf8_length(static_cast<unsigned char>(text[end]));
            if (end + n - i > max_chunk) break;
            end += n;
        }
        if (end == i) end = std::min(text.size(), i + utf8_length(static_cast<unsigned char>(text[i])));
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?" + crypto::base64_encode(text.substr(i, end - i)) + "?=";
        i = end;
    }
    return out;
}

std::string quoted_printable(std::string_view text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out, line;
    auto flush_line = [&](bool hard) {
        out += line;
        out += hard ? "\r\n" : "=\r\n";
        line.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == '\r') continue;
        if (c == '\n') {
            // Trailing white space on a line must be encoded or mail servers may strip it.
            if (!line.empty() && (line.back() == ' ' || line.back() == '\t')) {
                char last = line.back();
                line.pop_back();
                line += '=';
                line += hex[static_cast<unsigned char>(last) >> 4];
                line += hex[static_cast<unsigned char>(last) & 15];
            }
            flush_line(true);
            continue;
        }
        std::string piece;
        if ((c >= 33 && c <= 126 && c != '=') || c == ' ' || c == '\t') {
            piece = std::string(1, static_cast<char>(c));
        } else {
            piece = {'=', hex[c >> 4], hex[c & 15]};
        }
        if (line.size() + piece.size() > 75) flush_line(false);
        line += piece;
    }
    if (!line.empty()) flush_line(true);
    return out;
}

std::string dot_stuff(std::string_view text) {
    std::string out;
    bool line_start = true;
    for (char c : text) {
        if (c == '\r') continue;
        if (line_start && c == '.') out += '.';
        if (c == '\n') {
            out += "\r\n";
            line_start = true;
            continue;
        }
        out += c;
        line_start = false;
    }
    if (!line_start) out += "\r\n";
    return out;
}

std::string envelope_address(std::string_view mailbox) {
    auto open = mailbox.rfind('<');
    auto close = mailbox.rfind('>');
    if (open != std::string_view::npos && close != std::string_view::npos && close > open)
        return std::string(mailbox.substr(open + 1, close - open - 1));
    return std::string(mailbox);
}

bool has_line_break(std::string_view text) {
    return text.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos;
}

} // namespace mc::mail
