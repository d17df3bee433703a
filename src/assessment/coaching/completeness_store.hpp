// SQL for completeness returns: an assessor sends an attempt back before scoring it (the
// assignment ends, the submission goes back to draft, a completeness_returns row says why).
#pragma once

#include <optional>
#include <string>

#include <soci/soci.h>

#include "platform/error.hpp"

namespace mc::assessment::coaching {

// Scoring or adjudication assignments of the submission that were completed (not calibration).
long long finished_scorings(soci::session& sql, const std::string& submission_id);

struct CompletenessReturn {
    std::string id, submission_id, assignment_id, assessor_id;
    std::string reasons; // JSON array of {part_id, problem}
    std::string note;
    long long returned_at = 0;
};
// In the caller's transaction: ends the assignment as 'completeness', releases the
// submission's other open assignments, puts the submission back to draft and records the
// return. Errc::conflict when the assignment or the submission moved meanwhile.
Result<void> record_return(soci::session& sql, const CompletenessReturn& r);
// The submission's newest return (only reasons, note and returned_at are read).
std::optional<CompletenessReturn> latest_return(soci::session& sql, const std::string& submission_id);

} // namespace mc::assessment::coaching
