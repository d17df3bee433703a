// Where a "next" parameter may send a browser after sign-in or a language switch.
#pragma once

#include <string>
#include <string_view>

namespace mc::http {

// `next` when it is a path on this site, else `fallback`. Refused: anything not starting with a
// single "/", "//host" and "/\host" (browsers read both as another site), and control characters
// or backslashes anywhere (header splitting, odd browser parsing).
std::string local_redirect_target(std::string_view next, std::string_view fallback = "/");

} // namespace mc::http
