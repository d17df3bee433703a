// Demo data for appeals: one open appeal, given to the demo lead assessor, on a "Not yet" from
// the archived history that the lead neither scored nor decided, so /appeals and /admin/appeals
// show something after ./run. Idempotent: nothing is added once any appeal exists.
#include "assessment/coaching/seed.hpp"

#include "assessment/assessment_store.hpp"
#include "platform/crypto/random.hpp"

namespace mc::assessment::coaching {

Result<void> seed_demo(soci::session& sql, const std::string& lead) {
    long long existing = 0;
    sql << "SELECT COUNT(*) FROM appeals", soci::into(existing);
    if (existing > 0 || lead.empty()) return {};
    std::string decision, submission, educator, decided_by, assignment;
    soci::indicator a_ind = soci::i_null;
    sql << "SELECT d.id, d.submission_id, s.educator_id, d.decided_by, d.assignment_id FROM decisions d "
           "JOIN submissions s ON s.id = d.submission_id WHERE d.outcome = 'not_yet' AND s.status = 'returned' "
           "AND d.decided_by <> :lead AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.submission_id = d.submission_id "
           "AND a.assessor_id = :lead2) ORDER BY d.decided_at DESC, d.id LIMIT 1",
        soci::use(lead), soci::use(lead), soci::into(decision), soci::into(submission), soci::into(educator),
        soci::into(decided_by), soci::into(assignment, a_ind);
    if (!sql.got_data()) return {};
    std::string id = crypto::new_id();
    std::string reason = "My video shows the children taking several turns in the block area; "
                         "I think the second criterion was missed.";
    long long now = now_seconds();
    sql << "INSERT INTO appeals (id, decision_id, submission_id, educator_id, reason, reviewer_id, status, "
           "original_outcome, original_decided_by, original_assignment_id, filed_at) "
           "VALUES (:id, :d, :s, :e, :r, :rev, 'open', 'not_yet', :by, :a, :t)",
        soci::use(id), soci::use(decision), soci::use(submission), soci::use(educator), soci::use(reason),
        soci::use(lead), soci::use(decided_by), soci::use(assignment, a_ind), soci::use(now);
    return {};
}

} // namespace mc::assessment::coaching
