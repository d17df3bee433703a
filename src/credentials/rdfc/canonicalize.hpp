#pragma once
#include <nlohmann/json_fwd.hpp>
#include <string>
#include "platform/error.hpp"
namespace mc::credentials {
// JSON-LD document -> expanded -> RDF dataset -> RDFC-1.0 canonical N-Quads (SHA-256 hashing).
// Contexts only from the pinned set; unknown context URL => Errc::bad_input.
// Work limits (canonicalization and expansion) => Errc::bad_input with key "credentials.too_complex".
Result<std::string> canonicalize_jsonld(const nlohmann::json& document);
}
