// What reports read about the path of every enrollment: its attempts, when each was submitted
// and what was decided, and which rubric levels assessors gave. Owned by assessment (decisions,
// assignments, scores); reports read it through this header only. Rows stream to a callback.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <soci/soci.h>

namespace mc::assessment {

// One row per attempt, or one row with attempt 0 for an enrollment without any submission.
struct AttemptFact {
    std::string enrollment_id, educator_id, micro_credential_id;
    long long enrolled_at = 0;
    int attempt = 0;
    long long submitted_at = 0; // 0 while a draft
    std::string outcome;        // "" undecided | demonstrated | not_yet (after any appeal)
    long long decided_at = 0;
};

// Ordered by enrollment, then attempt. educator_id given: only that educator's enrollments.
void for_each_attempt(soci::session& sql, const std::function<void(const AttemptFact&)>& each,
                      const std::string& educator_id = {});

// How often each rubric level was given to each criterion of a micro-credential's versions, in
// completed scorings and adjudications (calibration rounds left out).
struct LevelCount {
    std::string version_id, criterion_id, level_id;
    long long count = 0;
};
std::vector<LevelCount> level_counts(soci::session& sql, const std::string& micro_credential_id);

// The micro-credential a decision or a coach referral is about ("" when unknown), so a
// listener of "decision_made" or "coaching_closed" can tell which one an educator finished.
std::string micro_credential_of_decision(soci::session& sql, const std::string& decision_id);
std::string micro_credential_of_referral(soci::session& sql, const std::string& referral_id);

} // namespace mc::assessment
