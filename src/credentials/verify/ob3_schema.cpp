#include "credentials/verify/ob3_schema.hpp"

#include "credentials/verify/json_schema.hpp"

namespace mc::credentials {

extern const char* const kOb3SchemaText; // generated: ob3_schema_text.cpp

const nlohmann::json& ob3_achievement_credential_schema() {
    static const nlohmann::json schema = nlohmann::json::parse(kOb3SchemaText);
    return schema;
}

Result<void> validate_ob3_schema(const nlohmann::json& credential) {
    // The 1EdTech schema types "proof" as an array, but VC Data Integrity allows a single
    // proof object (what we, the 1EdTech vectors and most issuers emit), and in JSON-LD one
    // value and a one-element array are the same data (1EdTech openbadges-specification
    // issue #473). So a single proof is checked as a one-element array.
    if (credential.is_object() && credential.contains("proof") && credential["proof"].is_object()) {
        nlohmann::json normalized = credential;
        normalized["proof"] = nlohmann::json::array({credential["proof"]});
        return validate_ob3_schema(normalized);
    }
    auto failure = schema::validate(ob3_achievement_credential_schema(), credential);
    if (!failure) return {};
    const std::string at = failure->instance_path.empty() ? "/" : failure->instance_path;
    return fail(Errc::bad_input, "credentials.problems.schema", at + ": " + failure->message);
}

} // namespace mc::credentials
