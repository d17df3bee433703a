// What reports read about awards: who earned which micro-credential when, and whether it was
// revoked. Owned by credentials; reports read it through this header only.
#pragma once

#include <functional>
#include <string>

#include <soci/soci.h>

namespace mc::credentials {

struct AwardFact {
    std::string educator_id, micro_credential_id;
    long long issued_at = 0, revoked_at = 0; // 0: not revoked
};

// Every award, oldest first (revoked ones too: a report as of an earlier date counts them).
void for_each_award(soci::session& sql, const std::function<void(const AwardFact&)>& each);
// The micro-credential of an award ("" when unknown).
std::string micro_credential_of_award(soci::session& sql, const std::string& award_id);

} // namespace mc::credentials
