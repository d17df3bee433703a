#include "assessment/assessment_store.hpp"

#include <chrono>

#include "accounts/roles.hpp"
#include "assessment/assessors/store.hpp"
#include "platform/db/database.hpp"

namespace mc::assessment {

namespace {

// Columns of SubmissionInfo, read the same way everywhere. The employer comes from the
// educator's account: it is what the conflict-of-interest check compares.
const char* kSubmissionColumns =
    "s.id, s.enrollment_id, s.educator_id, COALESCE(u.employer_org_id, ''), s.version_id, s.attempt, s.status, "
    "s.evidence_language, COALESCE(s.submitted_at, 0), COALESCE(s.decided_at, 0)";


// Binds the ten kSubmissionColumns into `info`, in order.
template <class Stmt>
void into_submission(Stmt& st, SubmissionInfo& info) {
    st, soci::into(info.id), soci::into(info.enrollment_id), soci::into(info.educator_id),
        soci::into(info.educator_employer), soci::into(info.version_id), soci::into(info.attempt),
        soci::into(info.status), soci::into(info.evidence_language), soci::into(info.submitted_at),
        soci::into(info.decided_at);
}

} // namespace

long long now_seconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

Result<SubmissionInfo> load_submission(soci::session& sql, const std::string& submission_id) {
    SubmissionInfo info;
    {
        auto q = (sql.prepare << std::string("SELECT ") + kSubmissionColumns +
                                     " FROM submissions s JOIN users u ON u.id = s.educator_id WHERE s.id = :id",
                  soci::use(submission_id));
        into_submission(q, info);
        soci::statement st(q);
        st.execute(true);
        if (!st.got_data()) return fail(Errc::not_found, "errors.not_found", "submission " + submission_id);
    }
    return info;
}

Result<AssignmentRecord> load_assignment(soci::session& sql, const std::string& assignment_id) {
    AssignmentRecord a;
    std::string submission_id;
    soci::indicator completed_ind = soci::i_null;
    sql << "SELECT id, submission_id, assessor_id, status, assigned_at, completed_at, kind FROM assignments WHERE id = :id",
        soci::use(assignment_id), soci::into(a.id), soci::into(submission_id), soci::into(a.assessor_id),
        soci::into(a.status), soci::into(a.assigned_at), soci::into(a.completed_at, completed_ind), soci::into(a.kind);
    if (!sql.got_data()) return fail(Errc::not_found, "errors.not_found", "assignment " + assignment_id);
    if (completed_ind != soci::i_ok) a.completed_at = 0;
    a.submission = TRY(load_submission(sql, submission_id));
    return a;
}

std::optional<AssignmentRecord> open_assignment_of(soci::session& sql, const std::string& submission_id) {
    std::string id;
    sql << "SELECT id FROM assignments WHERE submission_id = :s AND status = 'assigned'", soci::use(submission_id),
        soci::into(id);
    if (!sql.got_data()) return std::nullopt;
    auto a = load_assignment(sql, id);
    if (!a) return std::nullopt;
    return *a;
}

bool ever_assigned(soci::session& sql, const std::string& submission_id, const std::string& assessor_id) {
    int n = 0;
    // Calibration scorings do not count: the calibrating assessor must not see the decision.
    sql << "SELECT COUNT(*) FROM assignments WHERE submission_id = :s AND assessor_id = :a AND status <> 'released' "
           "AND kind <> 'calibration'",
        soci::use(submission_id), soci::use(assessor_id), soci::into(n);
    return n > 0;
}

std::vector<QueueItem> open_queue(soci::session& sql) {
    std::vector<QueueItem> out;
    QueueItem item;
    soci::indicator a_ind, as_ind, n_ind;
    auto q = (sql.prepare << std::string("SELECT ") + kSubmissionColumns +
                                 ", a.id, a.assessor_id, au.display_name FROM submissions s "
                                 "JOIN users u ON u.id = s.educator_id "
                                 "LEFT JOIN assignments a ON a.submission_id = s.id AND a.status = 'assigned' "
                                 "LEFT JOIN users au ON au.id = a.assessor_id "
                                 "WHERE s.status IN ('submitted', 'in_review') "
                                 "ORDER BY COALESCE(s.submitted_at, s.created_at), s.id");
    into_submission(q, item.submission);
    q, soci::into(item.assignment_id, a_ind), soci::into(item.assessor_id, as_ind), soci::into(item.assessor_name, n_ind);
    soci::statement st(q);
    st.execute();
    while (st.fetch()) {
        QueueItem copy = item;
        if (a_ind != soci::i_ok) copy.assignment_id.clear();
        if (as_ind != soci::i_ok) copy.assessor_id.clear();
        if (n_ind != soci::i_ok) copy.assessor_name.clear();
        out.push_back(std::move(copy));
    }
    return out;
}

std::vector<std::string> unassigned_submissions(soci::session& sql, int limit) {
    std::vector<std::string> out;
    std::string id;
    soci::statement st = (sql.prepare << "SELECT id FROM submissions WHERE status = 'submitted' "
                                         "ORDER BY COALESCE(submitted_at, created_at), id LIMIT :n",
                          soci::use(limit), soci::into(id));
    st.execute();
    while (st.fetch()) out.push_back(id);
    return out;
}

std::vector<AssessorLoad> assessors_with_load(soci::session& sql) {
    std::vector<AssessorLoad> out;
    AssessorLoad row;
    int lead = 0;
    int mask = static_cast<int>(accounts::assessor);
    soci::statement st =
        (sql.prepare << "SELECT u.id, COALESCE(u.employer_org_id, ''), u.display_name, "
                        "(SELECT COUNT(*) FROM assignments a WHERE a.assessor_id = u.id AND a.status = 'assigned' "
                        "AND a.kind <> 'calibration'), "
                        "COALESCE(p.lead, 0) FROM users u LEFT JOIN assessor_profiles p ON p.user_id = u.id "
                        "WHERE (u.roles & :mask) <> 0 AND u.disabled = 0 ORDER BY u.display_name, u.id",
         soci::use(mask), soci::into(row.candidate.person.id), soci::into(row.candidate.person.employer_org_id),
         soci::into(row.name), soci::into(row.candidate.open_assignments), soci::into(lead));
    st.execute();
    while (st.fetch()) {
        row.candidate.lead = lead != 0;
        out.push_back(row);
    }
    std::vector<Candidate> standing;
    for (const auto& a : out) standing.push_back(a.candidate);
    assessors::fill_standing(sql, standing);
    for (std::size_t i = 0; i < out.size(); ++i) out[i].candidate = std::move(standing[i]);
    return out;
}

std::vector<AssignmentRecord> assignments_of(soci::session& sql, const std::string& assessor_id) {
    std::vector<std::string> ids;
    std::string id;
    soci::statement st = (sql.prepare << "SELECT id FROM assignments WHERE assessor_id = :a AND status <> 'released' "
                                         "ORDER BY assigned_at DESC, id",
                          soci::use(assessor_id), soci::into(id));
    st.execute();
    while (st.fetch()) ids.push_back(id);
    std::vector<AssignmentRecord> out;
    for (const auto& i : ids)
        if (auto a = load_assignment(sql, i)) out.push_back(std::move(*a));
    return out;
}

std::vector<Score> load_scores(soci::session& sql, const std::string& assignment_id) {
    std::vector<Score> out;
    Score s;
    soci::statement st = (sql.prepare << "SELECT criterion_id, level_id, feedback FROM criterion_scores "
                                         "WHERE assignment_id = :a ORDER BY criterion_id",
                          soci::use(assignment_id), soci::into(s.criterion_id), soci::into(s.level_id),
                          soci::into(s.feedback));
    st.execute();
    while (st.fetch()) out.push_back(s);
    return out;
}

void save_scores(soci::session& sql, const std::string& assignment_id, const std::vector<Score>& scores) {
    long long now = now_seconds();
    // Delete-then-insert is the upsert both engines understand the same way; the assignment's
    // row lock orders an autosave racing the decision (PostgreSQL would otherwise collide).
    db::lock_row(sql, "assignments", assignment_id);
    for (const auto& s : scores) {
        sql << "DELETE FROM criterion_scores WHERE assignment_id = :a AND criterion_id = :c", soci::use(assignment_id),
            soci::use(s.criterion_id);
        sql << "INSERT INTO criterion_scores (assignment_id, criterion_id, level_id, feedback, updated_at) "
               "VALUES (:a, :c, :l, :f, :t)",
            soci::use(assignment_id), soci::use(s.criterion_id), soci::use(s.level_id), soci::use(s.feedback),
            soci::use(now);
    }
}

std::optional<DecisionRecord> decision_for(soci::session& sql, const std::string& submission_id) {
    DecisionRecord d;
    soci::indicator a_ind = soci::i_null;
    sql << "SELECT id, assignment_id, decided_by, outcome, summary, decided_at, basis, rationale FROM decisions "
           "WHERE submission_id = :s",
        soci::use(submission_id), soci::into(d.id), soci::into(d.assignment_id, a_ind), soci::into(d.decided_by),
        soci::into(d.outcome), soci::into(d.summary), soci::into(d.decided_at), soci::into(d.basis),
        soci::into(d.rationale);
    if (!sql.got_data()) return std::nullopt;
    if (a_ind != soci::i_ok) d.assignment_id.clear();
    return d;
}

std::vector<SubmissionInfo> attempts_of(soci::session& sql, const std::string& enrollment_id) {
    std::vector<SubmissionInfo> out;
    SubmissionInfo info;
    auto q = (sql.prepare << std::string("SELECT ") + kSubmissionColumns +
                                 " FROM submissions s JOIN users u ON u.id = s.educator_id "
                                 "WHERE s.enrollment_id = :e ORDER BY s.attempt DESC",
              soci::use(enrollment_id));
    into_submission(q, info);
    soci::statement st(q);
    st.execute();
    while (st.fetch()) out.push_back(info);
    return out;
}

std::optional<UserBrief> load_user(soci::session& sql, const std::string& user_id) {
    UserBrief u;
    int roles = 0, disabled = 0;
    sql << "SELECT id, display_name, locale, COALESCE(employer_org_id, ''), roles, disabled FROM users WHERE id = :id",
        soci::use(user_id), soci::into(u.id), soci::into(u.display_name), soci::into(u.locale),
        soci::into(u.employer_org_id), soci::into(roles), soci::into(disabled);
    if (!sql.got_data()) return std::nullopt;
    u.roles = static_cast<unsigned>(roles);
    u.disabled = disabled != 0;
    return u;
}

std::vector<std::string> assignments_of_round(soci::session& sql, const std::string& round_id) {
    std::vector<std::string> out;
    std::string id;
    soci::statement st = (sql.prepare << "SELECT id FROM assignments WHERE round_id = :r ORDER BY id",
                          soci::use(round_id), soci::into(id));
    st.execute();
    while (st.fetch()) out.push_back(id);
    return out;
}

std::vector<std::pair<std::string, std::string>> decision_scores(soci::session& sql, const std::string& submission_id) {
    std::string assignment_id;
    soci::indicator ind = soci::i_null;
    sql << "SELECT assignment_id FROM decisions WHERE submission_id = :s", soci::use(submission_id, "s"),
        soci::into(assignment_id, ind);
    if (!sql.got_data() || ind != soci::i_ok) {
        sql << "SELECT a.id FROM assignments a WHERE a.submission_id = :s AND EXISTS "
               "(SELECT 1 FROM criterion_scores c WHERE c.assignment_id = a.id) ORDER BY a.assigned_at DESC LIMIT 1",
            soci::use(submission_id, "s"), soci::into(assignment_id);
    }
    std::vector<std::pair<std::string, std::string>> scores;
    std::string criterion, level;
    soci::statement st = (sql.prepare << "SELECT criterion_id, level_id FROM criterion_scores WHERE assignment_id = :a "
                                         "ORDER BY criterion_id",
                          soci::use(assignment_id, "a"), soci::into(criterion), soci::into(level));
    st.execute();
    while (st.fetch()) scores.emplace_back(criterion, level);
    return scores;
}

} // namespace mc::assessment
