#pragma once
#include <nlohmann/json_fwd.hpp>
#include <string>
#include "platform/error.hpp"
namespace mc::credentials {
// JSON-LD document -> expanded -> RDF dataset -> RDFC-1.0 canonical N-Quads (SHA-256 hashing).
// Contexts only from the pinned set; unknown context URL => Errc::bad_input.
// Work limits (canonicalization and expansion) => Errc::bad_input with key "credentials.too_complex".
// `safe` (default on, as Data Integrity verifiers must): anything expansion or toRdf would
// drop (undefined terms, relative IRIs...) fails with key "credentials.problems.undefined_terms"
// (jsonld::kUnsafeKey), because the signature would not cover it. Off only for tests that
// exercise the plain JSON-LD behaviour.
Result<std::string> canonicalize_jsonld(const nlohmann::json& document, bool safe = true);
}
