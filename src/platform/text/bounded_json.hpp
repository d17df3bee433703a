// The one way to parse JSON that came from outside (request bodies, pasted or uploaded
// credentials, JWT parts, badge payloads). nlohmann's parser itself does not recurse, but
// copying, comparing, walking or expanding the tree it builds does: a body nested 60,000 levels
// deep overflowed the stack in the verify path. So size and depth are checked on the raw text,
// without recursion, before a tree exists.
#pragma once

#include <cstddef>
#include <string_view>

#include <nlohmann/json.hpp>

#include "platform/error.hpp"

namespace mc::text {

struct JsonLimits {
    std::size_t max_bytes = 1024 * 1024; // 1 MiB: far above any credential or API body we take
    int max_depth = 64;                  // an OB 3.0 credential nests about 8 levels
};

// Deepest nesting of arrays and objects in text (strings and escapes understood), counted
// without recursion; stops counting once `stop_at` is passed.
int json_depth(std::string_view text, int stop_at);

// Parses text within the limits: too large -> Errc::too_large ("errors.too_large"), too deep
// -> Errc::bad_input ("errors.json_too_deep"), not JSON or not UTF-8 -> Errc::bad_input
// ("errors.bad_encoding"). Error.detail says which, for the log.
Result<nlohmann::json> parse_untrusted_json(std::string_view text, const JsonLimits& limits = {});

} // namespace mc::text
