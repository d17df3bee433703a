#include "assessment/coaching/reminder_store.hpp"

namespace mc::assessment::coaching {

std::vector<OpenAssignment> open_assignments(soci::session& sql) {
    std::vector<OpenAssignment> out;
    OpenAssignment a;
    soci::statement st = (sql.prepare << "SELECT a.id, a.assessor_id, s.id, s.version_id, s.submitted_at "
                                         "FROM assignments a JOIN submissions s ON s.id = a.submission_id "
                                         "WHERE a.status = 'assigned' AND a.kind IN ('scoring', 'adjudication') "
                                         "AND s.status = 'in_review' ORDER BY s.submitted_at, a.id",
                          soci::into(a.id), soci::into(a.assessor_id), soci::into(a.submission_id),
                          soci::into(a.version_id), soci::into(a.submitted_at));
    st.execute();
    while (st.fetch()) out.push_back(a);
    return out;
}

bool reminder_already_sent(soci::session& sql, const std::string& assignment_id, const std::string& kind) {
    long long n = 0;
    sql << "SELECT COUNT(*) FROM turnaround_reminders WHERE assignment_id = :a AND kind = :k", soci::use(assignment_id),
        soci::use(kind), soci::into(n);
    return n > 0;
}

void record_reminder(soci::session& sql, const std::string& assignment_id, const std::string& kind, long long at) {
    sql << "INSERT INTO turnaround_reminders (assignment_id, kind, sent_at) VALUES (:a, :k, :t)", soci::use(assignment_id),
        soci::use(kind), soci::use(at);
}

} // namespace mc::assessment::coaching
