// Builds the Open Badges 3.0 OpenBadgeCredential for one award, unsigned. Pure: everything
// it needs arrives in AwardFacts, so the same facts always give the same document.
//
// What goes in, on purpose: the issuer Profile, the Achievement (criteria, alignment to the
// competency, one ResultDescription per rubric criterion with its levels), and the
// AchievementSubject with a Result per criterion. What stays out: evidence files and any
// child's image — the evidence entry is a narrative only.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "catalog/content.hpp"

namespace mc::credentials {

inline constexpr const char* kVcContextV2 = "https://www.w3.org/ns/credentials/v2";
inline constexpr const char* kObContext = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

struct IssuerFacts {
    std::string id; // https URL of the issuer Profile
    std::string name;
    std::string url;
    std::string email;
    std::string description;
};

struct AwardFacts {
    std::string credential_id;  // "urn:uuid:..."
    std::string achievement_id; // URL of the achievement (one per micro-credential version)
    std::string locale;         // language of the texts put in the credential
    IssuerFacts issuer;
    catalog::Content content;
    std::string competency_code;
    std::string competency_title;
    std::string competency_url; // where the competency is described
    std::string framework_title;
    std::string recipient_name;
    std::string recipient_email;
    std::string recipient_salt; // the email is only carried hashed with this salt
    std::string recipient_identifier; // another id of the person (e.g. a registry number); may be empty
    std::vector<std::pair<std::string, std::string>> scores; // (criterion id, level id)
    std::chrono::sys_seconds valid_from{};
    std::optional<std::chrono::sys_seconds> valid_until;
    std::string evidence_narrative; // in the credential's language; names no file and no child
    nlohmann::json credential_status; // BitstringStatusListEntry, or null
};

nlohmann::json build_open_badge_credential(const AwardFacts& facts);

// "sha256$" + hex(SHA-256(email + salt)), the OB 3.0 hashed identity form.
std::string hashed_identity(const std::string& email, const std::string& salt);

// The recipient as OB 3.0 IdentityObjects: the hashed email always; the name and the registry
// identifier when known (empty ones are left out). Used by badges and by the CLR.
nlohmann::json recipient_identifiers(const std::string& email, const std::string& salt, const std::string& name,
                                     const std::string& identifier = "");

} // namespace mc::credentials
