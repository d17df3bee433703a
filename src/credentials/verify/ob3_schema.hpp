// Open Badges 3.0 AchievementCredential JSON Schema (1EdTech), compiled into the binary
// from the shared conformance copy, so verification needs no network and no files.
#pragma once

#include <nlohmann/json.hpp>

#include "platform/error.hpp"

namespace mc::credentials {

// The embedded schema, parsed once.
const nlohmann::json& ob3_achievement_credential_schema();

// A single "proof" object is checked as a one-element array (see ob3_schema.cpp).
// Fails with Errc::bad_input, key "credentials.problems.schema", detail
// "<instance JSON Pointer>: <what is wrong>" for the first violation found.
Result<void> validate_ob3_schema(const nlohmann::json& credential);

} // namespace mc::credentials
