// Reading and revoking stored awards (the signed credential is kept exactly as issued).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "app/app.hpp"

namespace mc::credentials {

struct AwardRecord {
    std::string id;
    std::string educator_id;
    std::string educator_name;
    std::string micro_credential_id;
    std::string version_id;
    nlohmann::json credential;
    long long issued_at = 0;
    std::optional<long long> revoked_at;
    std::string revoked_reason;
    std::string status_list_id;
    long long status_list_index = 0;
    std::string submission_id; // the assessed submission; empty for a bulk-issued award
};

Result<AwardRecord> find_award(soci::session& sql, const std::string& award_id);
// Whether an assessed submission already has its award (awards are one per submission).
bool submission_awarded(soci::session& sql, const std::string& submission_id);

// A new award row, written in the caller's transaction with the signed credential as issued.
struct NewAward {
    std::string id, educator_id, submission_id, micro_credential_id, version_id, issuer_id, key_id;
    std::string credential; // the signed JSON text, kept byte for byte
    std::string status_list_id;
    long long status_list_index = 0;
    long long valid_from = 0, issued_at = 0;
};
void insert_award(soci::session& sql, const NewAward& a);
// The educators holding an unrevoked award of this achievement version (bulk issue skips them).
std::vector<std::string> holders_of_version(soci::session& sql, const std::string& version_id);
// Bulk-issued awards (no submission), one prepared statement for the whole batch, in the
// caller's transaction.
class AwardBatch {
public:
    explicit AwardBatch(soci::session& sql);
    void add(NewAward&& a); // moved in: a signed credential is several KB

private:
    NewAward row_;
    soci::statement st_;
};
std::vector<AwardRecord> awards_of(soci::session& sql, const std::string& educator_id);
std::vector<AwardRecord> recent_awards(soci::session& sql, int limit);
// The reason recorded when the award was revoked; nullopt for an unknown id or no reason.
std::optional<std::string> revoked_reason_of(soci::session& sql, const std::string& award_id);

// Revokes: records who and why, sets the status-list bit, notifies the educator.
Result<void> revoke_award(app::App& app, soci::session& sql, const std::string& award_id, const std::string& by_user,
                          const std::string& reason);

} // namespace mc::credentials
