// Open Badges 3.0 SVG baking: an <openbadges:credential> element right after the root
// <svg> start tag, the root declaring xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0".
// A JSON credential goes in CDATA; a compact JWT goes in the element's verify attribute.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "platform/error.hpp"

namespace mc::credentials {

// JSON (text starting with '{') is embedded as CDATA, anything else must be a compact
// JWS (base64url and dots) and goes in verify="...". Any credential element already
// present is replaced. Refuses malformed SVG, DOCTYPE internal subsets, oversize input.
Result<std::string> bake_svg(std::string_view svg, std::string_view credential);

// The baked credential (verify attribute or text/CDATA content, trimmed), nullopt if none.
// Several credential elements are an error.
Result<std::optional<std::string>> read_svg_credential(std::string_view svg);

} // namespace mc::credentials
