// A JSON Schema (draft 2019-09) validator for exactly the keywords the Open Badges 3.0
// schemas use. No C++ JSON Schema library is packaged in Debian 12, and the OB schemas
// need only a small, fixed subset; a keyword outside it is reported by
// unsupported_keywords() (a test runs it on the embedded schema) instead of being
// silently ignored, so a new schema version cannot be half-checked without notice.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace mc::credentials::schema {

// Supported: type, enum, pattern, format (date-time, date), required, properties,
// additionalProperties, items (schema or tuple), additionalItems, minItems, contains,
// allOf, oneOf, $ref (to "#/..." inside the same document), $defs. Annotations
// ($schema, $id, $comment, title, description) are accepted and ignored.
struct Failure {
    std::string instance_path; // JSON Pointer into the instance ("" is the root)
    std::string message;       // which keyword failed and why
};

// Validates `instance` against the root schema `root`. Returns the first failure found.
// Instances nested deeper than `max_depth` fail rather than recursing further.
std::optional<Failure> validate(const nlohmann::json& root, const nlohmann::json& instance,
                                std::size_t max_depth = 64);

// Keywords in `root` this validator does not implement, and $refs that do not resolve,
// each with the schema path where it was found. Empty for a schema we fully check.
std::vector<std::string> unsupported_keywords(const nlohmann::json& root);

} // namespace mc::credentials::schema
