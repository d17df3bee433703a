// Internal to verify/: what a file holds. A badge image is opened to the credential it
// carries; the credential text is then JSON (Data Integrity) or a compact JWT.
#pragma once

#include <string>
#include <string_view>

#include "platform/error.hpp"

namespace mc::credentials::offline {

struct Extracted {
    enum class Kind { json, jwt } kind = Kind::json;
    std::string container; // "file", "PNG badge", "SVG badge"
    std::string text;      // the credential text, trimmed
};

// Fails (bad_input, key credentials.problems.malformed or no_baked_credential) with a
// plain-words detail. Never throws; bounded by kMaxBakedImageBytes.
Result<Extracted> extract_credential(std::string_view bytes);

} // namespace mc::credentials::offline
