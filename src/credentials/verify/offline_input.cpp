#include "credentials/verify/offline_input.hpp"

#include "credentials/baking/png_bake.hpp"
#include "credentials/baking/svg_bake.hpp"

namespace mc::credentials::offline {
namespace {

auto malformed(std::string detail) { return fail(Errc::bad_input, "credentials.problems.malformed", std::move(detail)); }

std::string_view trim(std::string_view s) {
    if (s.starts_with("\xEF\xBB\xBF")) s.remove_prefix(3); // UTF-8 byte order mark
    while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\r' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

bool looks_like_jws(std::string_view s) {
    int dots = 0;
    for (char c : s) {
        if (c == '.') ++dots;
        else if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
    }
    return dots == 2;
}

Result<Extracted> classify(std::string_view text, std::string container) {
    text = trim(text);
    if (text.starts_with("{")) return Extracted{Extracted::Kind::json, std::move(container), std::string(text)};
    if (looks_like_jws(text)) return Extracted{Extracted::Kind::jwt, std::move(container), std::string(text)};
    return malformed("neither a JSON credential nor a compact JWT");
}

} // namespace

Result<Extracted> extract_credential(std::string_view bytes) {
    if (bytes.size() > kMaxBakedImageBytes) return fail(Errc::too_large, "credentials.problems.malformed", "file too large");
    if (bytes.starts_with(std::string_view("\x89PNG\r\n\x1a\n", 8))) {
        auto found = read_png_credential(as_bytes(bytes));
        if (!found) return malformed("unreadable PNG: " + found.error().detail);
        if (!*found) return fail(Errc::bad_input, "credentials.problems.no_baked_credential", "the PNG carries no credential");
        return classify(**found, "PNG badge");
    }
    std::string_view t = trim(bytes);
    if (t.starts_with("<")) { // XML: only an SVG badge can carry a credential
        auto found = read_svg_credential(t);
        if (!found) return malformed("unreadable SVG: " + found.error().detail);
        if (!*found) return fail(Errc::bad_input, "credentials.problems.no_baked_credential", "the SVG carries no credential");
        return classify(**found, "SVG badge");
    }
    return classify(t, "file");
}

} // namespace mc::credentials::offline
