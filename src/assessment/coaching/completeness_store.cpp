#include "assessment/coaching/completeness_store.hpp"

namespace mc::assessment::coaching {

namespace {
long long changed(soci::statement& st) {
    st.execute(true);
    return st.get_affected_rows();
}
} // namespace

long long finished_scorings(soci::session& sql, const std::string& submission_id) {
    long long done = 0;
    sql << "SELECT COUNT(*) FROM assignments WHERE submission_id = :s AND status = 'completed' AND kind <> 'calibration'",
        soci::use(submission_id), soci::into(done);
    return done;
}

Result<void> record_return(soci::session& sql, const CompletenessReturn& r) {
    long long now = r.returned_at;
    // Ended without scoring: 'released' keeps it out of seats and loads, kind tells it apart.
    soci::statement end = (sql.prepare << "UPDATE assignments SET status = 'released', kind = 'completeness', "
                                          "completed_at = :t WHERE id = :id AND status = 'assigned'",
                           soci::use(now), soci::use(r.assignment_id));
    if (changed(end) != 1) return fail(Errc::conflict, "assessment.errors.changed_meanwhile", "assignment raced");
    sql << "UPDATE assignments SET status = 'released', completed_at = :t WHERE submission_id = :s AND status = 'assigned'",
        soci::use(now), soci::use(r.submission_id);
    soci::statement back = (sql.prepare << "UPDATE submissions SET status = 'draft', updated_at = :t "
                                           "WHERE id = :id AND status = 'in_review'",
                            soci::use(now), soci::use(r.submission_id));
    if (changed(back) != 1) return fail(Errc::conflict, "assessment.errors.changed_meanwhile", "submission raced");
    sql << "INSERT INTO completeness_returns (id, submission_id, assignment_id, assessor_id, reasons, note, returned_at) "
           "VALUES (:id, :s, :a, :by, :r, :n, :t)",
        soci::use(r.id), soci::use(r.submission_id), soci::use(r.assignment_id), soci::use(r.assessor_id),
        soci::use(r.reasons), soci::use(r.note), soci::use(now);
    return {};
}

std::optional<CompletenessReturn> latest_return(soci::session& sql, const std::string& submission_id) {
    CompletenessReturn r;
    sql << "SELECT reasons, note, returned_at FROM completeness_returns WHERE submission_id = :s "
           "ORDER BY returned_at DESC, id LIMIT 1",
        soci::use(submission_id), soci::into(r.reasons), soci::into(r.note), soci::into(r.returned_at);
    if (!sql.got_data()) return std::nullopt;
    r.submission_id = submission_id;
    return r;
}

} // namespace mc::assessment::coaching
