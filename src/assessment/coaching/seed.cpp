// Demo data: one open appeal, given to the demo lead assessor, on a "Not yet" from the archived
// history that the lead neither scored nor decided; and one coach referral of a history educator
// with a "Not yet" to the demo coach, with a logged session, so /appeals, /coaching and their
// admin pages show something after ./run. Idempotent: each is added only once.
#include "assessment/coaching/seed.hpp"

#include "assessment/assessment_store.hpp"
#include "platform/crypto/random.hpp"

namespace mc::assessment::coaching {

namespace {

Result<void> seed_referral(soci::session& sql) {
    long long existing = 0;
    sql << "SELECT COUNT(*) FROM coach_referrals", soci::into(existing);
    if (existing > 0) return {};
    std::string coach;
    sql << "SELECT id FROM users WHERE email = 'coach@demo.microcred.test'", soci::into(coach);
    if (!sql.got_data()) return {};
    std::string enrollment, educator;
    sql << "SELECT s.enrollment_id, s.educator_id FROM decisions d JOIN submissions s ON s.id = d.submission_id "
           "WHERE d.outcome = 'not_yet' AND d.assignment_id IS NOT NULL ORDER BY d.decided_at, d.id LIMIT 1",
        soci::into(enrollment), soci::into(educator);
    if (!sql.got_data()) return {};
    std::string id = crypto::new_id(), session = crypto::new_id();
    long long now = now_seconds();
    sql << "INSERT INTO coach_referrals (id, enrollment_id, educator_id, coach_id, status, not_yet_count, created_at) "
           "VALUES (:id, :e, :u, :c, 'open', 3, :t)",
        soci::use(id), soci::use(enrollment), soci::use(educator), soci::use(coach), soci::use(now);
    std::string notes = "Looked at the feedback together and planned what to film next time.";
    sql << "INSERT INTO coaching_sessions (id, referral_id, coach_id, held_on, minutes, mode, focus, notes, created_at) "
           "VALUES (:id, :r, :c, '2026-01-15', 45, 'video', '[]', :n, :t)",
        soci::use(session), soci::use(id), soci::use(coach), soci::use(notes), soci::use(now);
    return {};
}

} // namespace

Result<void> seed_demo(soci::session& sql, const std::string& lead) {
    TRY(seed_referral(sql));
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
