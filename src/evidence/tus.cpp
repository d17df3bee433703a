#include "evidence/tus.hpp"

#include <cstdio>
#include <ctime>

#include <sodium.h>

#include <vector>

namespace mc::evidence::tus {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

std::optional<std::string> base64_decode(std::string_view text) {
    std::vector<unsigned char> out(text.size() * 3 / 4 + 3);
    std::size_t len = 0;
    const char* end = nullptr;
    // tus-js-client pads (btoa); other clients may not: accept both, nothing else.
    int variant = text.ends_with("=") ? sodium_base64_VARIANT_ORIGINAL : sodium_base64_VARIANT_ORIGINAL_NO_PADDING;
    if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &len, &end, variant) != 0 ||
        end != text.data() + text.size())
        return std::nullopt;
    return std::string(reinterpret_cast<const char*>(out.data()), len);
}

auto malformed(std::string detail) { return fail(Errc::bad_input, "evidence.upload.bad_metadata", std::move(detail)); }

} // namespace

std::optional<std::uint64_t> parse_length(std::string_view text) {
    if (text.empty() || text.size() > 19) return std::nullopt;
    std::uint64_t v = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return v;
}

Result<std::map<std::string, std::string>> parse_metadata(std::string_view header) {
    std::map<std::string, std::string> out;
    if (trim(header).empty()) return out;
    while (true) {
        auto comma = header.find(',');
        auto pair = trim(header.substr(0, comma));
        auto space = pair.find(' ');
        auto key = pair.substr(0, space);
        if (key.empty()) return malformed("empty metadata key");
        for (char c : key)
            if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7F)
                return malformed("metadata key with a space or control character");
        std::string value;
        if (space != std::string_view::npos) {
            auto encoded = trim(pair.substr(space + 1));
            auto decoded = base64_decode(encoded);
            if (!decoded) return malformed("metadata value is not base64");
            value = std::move(*decoded);
        }
        if (!out.emplace(std::string(key), std::move(value)).second) return malformed("repeated metadata key");
        if (comma == std::string_view::npos) break;
        header.remove_prefix(comma + 1);
    }
    return out;
}

std::string http_date(long long unix_seconds) {
    std::time_t t = static_cast<std::time_t>(unix_seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    // Not strftime's %a/%b: those follow the process locale, the header must be English.
    static constexpr const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char out[40];
    std::snprintf(out, sizeof out, "%s, %02d %s %04d %02d:%02d:%02d GMT", days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
                  tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    return out;
}

} // namespace mc::evidence::tus
