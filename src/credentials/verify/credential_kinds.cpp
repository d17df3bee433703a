#include "credentials/verify/credential_kinds.hpp"

#include "credentials/verify/json_schema.hpp"
#include "credentials/verify/ob3_schema.hpp"

namespace mc::credentials {
namespace {

using nlohmann::json;

bool has_type(const json& doc, std::string_view name) {
    if (!doc.is_object()) return false;
    auto it = doc.find("type");
    if (it == doc.end()) return false;
    if (it->is_string()) return it->get_ref<const std::string&>() == name;
    if (!it->is_array()) return false;
    for (const auto& t : *it)
        if (t.is_string() && t.get_ref<const std::string&>() == name) return true;
    return false;
}

json contains_type(const char* name) {
    return {{"type", "array"}, {"minItems", 1}, {"contains", {{"enum", {name}}}}, {"items", {{"type", "string"}}}};
}
// In JSON-LD one value and a one-element array are the same data: 1EdTech's own CLR example
// writes "type": "ClrSubject".
json type_named(const char* name) {
    return {{"oneOf", json::array({json{{"type", "string"}, {"enum", {name}}}, contains_type(name)})}};
}

// CLR 2.0 has no schema among the shared conformance files, so its required shape is written
// here from the CLR 2.0 data model (ClrCredential, ClrSubject), reusing the OB 3.0 schema's
// definitions for what the two standards share (profiles, proofs, status, contexts). Each part
// in verifiableCredential is verified on its own, with its own schema.
json clr_schema() {
    json root;
    root["$defs"] = ob3_achievement_credential_schema()["$defs"];
    root["$defs"]["ClrSubject"] = {
        {"type", "object"},
        {"required", {"type", "verifiableCredential"}},
        {"properties",
         {{"id", {{"type", "string"}}},
          {"type", type_named("ClrSubject")},
          // Listed achievements are descriptions; each awarded one is checked inside its own credential.
          {"identifier", {{"type", "array"}, {"items", {{"type", "object"}}}}},
          {"achievement", {{"type", "array"}, {"items", {{"type", "object"}}}}},
          {"verifiableCredential", {{"type", "array"}, {"minItems", 1}, {"items", {{"type", "object"}}}}},
          {"association", {{"type", "array"}, {"items", {{"type", "object"}}}}}}}};
    root["$defs"]["ClrCredential"] = {
        {"type", "object"},
        {"required", {"@context", "id", "type", "name", "issuer", "validFrom", "credentialSubject"}},
        {"properties",
         {{"@context",
           {{"type", "array"},
            {"minItems", 2},
            {"items",
             {{{"enum", {kVc2Context}}},
              {{"type", "string"},
               {"pattern", "^https:\\/\\/purl\\.imsglobal\\.org\\/spec\\/clr\\/v2p0\\/context(-2\\.\\d\\.\\d)*\\.json$"}}}},
            {"additionalItems", {{"$ref", "#/$defs/Context"}}}}},
          {"id", {{"type", "string"}}},
          {"type", {{"allOf", {contains_type("VerifiableCredential"), contains_type("ClrCredential")}}}},
          {"name", {{"type", "string"}}},
          {"description", {{"type", "string"}}},
          {"issuer",
           {{"oneOf", json::array({json{{"type", "string"}},
                                   json{{"type", "object"},
                                        {"required", {"id", "type"}},
                                        {"properties", {{"id", {{"type", "string"}}}, {"type", type_named("Profile")}}}}})}}},
          {"validFrom", {{"type", "string"}, {"format", "date-time"}}},
          {"validUntil", {{"type", "string"}, {"format", "date-time"}}},
          {"credentialSubject", {{"$ref", "#/$defs/ClrSubject"}}},
          {"proof", {{"type", "array"}, {"items", {{"$ref", "#/$defs/Proof"}}}}},
          {"credentialStatus", {{"$ref", "#/$defs/CredentialStatus"}}}}}};
    root["$ref"] = "#/$defs/ClrCredential";
    return root;
}

json endorsement_schema() {
    json root;
    root["$defs"] = ob3_achievement_credential_schema()["$defs"];
    root["$ref"] = "#/$defs/EndorsementCredential";
    return root;
}

Result<void> check(const json& schema, const json& credential) {
    // As for achievements (ob3_schema.cpp): a single proof object is a one-element proof set.
    json doc = credential;
    if (doc.contains("proof") && doc["proof"].is_object()) doc["proof"] = json::array({doc["proof"]});
    auto failure = schema::validate(schema, doc);
    if (!failure) return {};
    const std::string at = failure->instance_path.empty() ? "/" : failure->instance_path;
    return fail(Errc::bad_input, "credentials.problems.schema", at + ": " + failure->message);
}

} // namespace

CredentialKind credential_kind(const json& credential) {
    if (has_type(credential, "ClrCredential")) return CredentialKind::clr;
    if (has_type(credential, "EndorsementCredential")) return CredentialKind::endorsement;
    return CredentialKind::achievement;
}

std::string_view kind_label(CredentialKind kind) {
    switch (kind) {
    case CredentialKind::clr: return "CLR 2.0 ClrCredential";
    case CredentialKind::endorsement: return "Open Badges 3.0 EndorsementCredential";
    case CredentialKind::achievement: break;
    }
    return "Open Badges 3.0 AchievementCredential";
}

bool on_vc_1_1(const json& credential) {
    if (!credential.is_object() || !credential.contains("@context")) return false;
    const auto& ctx = credential["@context"];
    const json& first = ctx.is_array() && !ctx.empty() ? ctx[0] : ctx;
    return first.is_string() && first.get_ref<const std::string&>() == kVc11Context;
}

json vc2_view(const json& credential) {
    if (!on_vc_1_1(credential)) return credential;
    json view = credential;
    if (view["@context"].is_array()) view["@context"][0] = kVc2Context;
    else view["@context"] = kVc2Context;
    for (auto [old_name, new_name] : {std::pair{"issuanceDate", "validFrom"}, std::pair{"expirationDate", "validUntil"}}) {
        if (view.contains(old_name) && !view.contains(new_name)) view[new_name] = view[old_name];
        view.erase(old_name);
    }
    return view;
}

Result<void> validate_credential_schema(const json& credential) {
    json view = vc2_view(credential);
    switch (credential_kind(view)) {
    case CredentialKind::clr: {
        static const json schema = clr_schema();
        return check(schema, view);
    }
    case CredentialKind::endorsement: {
        static const json schema = endorsement_schema();
        return check(schema, view);
    }
    case CredentialKind::achievement: break;
    }
    return validate_ob3_schema(view);
}

} // namespace mc::credentials
