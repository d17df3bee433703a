// Builds a Comprehensive Learner Record (CLR 2.0) ClrCredential, unsigned: one document that
// carries every credential an educator holds, each exactly as it was issued and signed, plus
// the achievements they stand for, so a college or registry receives the whole record at
// once and can check each part on its own as well as the record as a whole.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "credentials/model/open_badge.hpp"

namespace mc::credentials {

inline constexpr const char* kClrContext = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json";

struct ClrFacts {
    std::string credential_id; // "urn:uuid:..."
    std::string name;          // "Comprehensive Learner Record: <educator>", in the record's language
    std::string description;
    IssuerFacts issuer;
    std::string recipient_name;
    std::string recipient_email;
    std::string recipient_salt; // the email travels hashed with this salt, as in each badge
    std::chrono::sys_seconds valid_from{};
    std::vector<nlohmann::json> credentials; // signed OpenBadgeCredentials, as issued
};

// Achievements appear once each (by id) in the order their credentials are given. Each
// achievement that a later one in the same framework builds on is not guessed: associations
// are left out rather than invented.
nlohmann::json build_clr_credential(const ClrFacts& facts);

} // namespace mc::credentials
