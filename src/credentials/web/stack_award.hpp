// Stack credentials: what an educator receives on completing a pathway. The same issuance as a
// micro-credential award (agency issuer key, eddsa-rdfc-2022 proof, a Bitstring Status List
// slot), an Achievement that says what the stack stands for, and each constituent credential
// named as evidence. Pathways decides when; credentials builds, signs, stores and revokes.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "app/app.hpp"

namespace mc::credentials {

struct StackAchievement {
    std::string educator_id;
    std::string key;          // stable name of what is achieved, e.g. "pathway:<slug>:v<version>"
    std::string achievement_id; // https URL describing the pathway version
    std::string locale;       // "en" or "es": language of the texts below
    std::string name, description, criteria;
    std::vector<std::string> constituent_award_ids; // micro-credential awards that count
    std::vector<std::string> constituent_stack_ids; // other stack awards that count (pathway leaves)
};

struct StackAwardRecord {
    std::string id, educator_id, achievement_key, name;
    nlohmann::json credential;
    std::vector<std::string> constituents;
    long long issued_at = 0, revoked_at = 0; // 0: standing
    std::string revoked_reason;
};

// Signs and stores the credential in the caller's transaction; returns the stack award id.
Result<std::string> issue_stack_credential(app::App& app, soci::session& sql, const StackAchievement& what);
std::vector<StackAwardRecord> stack_awards_of(soci::session& sql, const std::string& educator_id);
Result<StackAwardRecord> find_stack_award(soci::session& sql, const std::string& id);
// Sets its status bit and records why; Errc::conflict when already revoked.
Result<void> revoke_stack_award(soci::session& sql, const std::string& id, const std::string& reason);

} // namespace mc::credentials
