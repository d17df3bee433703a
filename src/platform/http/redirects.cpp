#include "platform/http/redirects.hpp"

#include <algorithm>

namespace mc::http {

std::string local_redirect_target(std::string_view next, std::string_view fallback) {
    if (next.empty() || next[0] != '/' || next.starts_with("//")) return std::string(fallback);
    if (std::ranges::any_of(next, [](unsigned char c) { return c < 0x20 || c == 0x7f || c == '\\'; }))
        return std::string(fallback);
    return std::string(next);
}

} // namespace mc::http
