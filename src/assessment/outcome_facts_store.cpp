#include "assessment/outcome_facts_store.hpp"

namespace mc::assessment {

void for_each_attempt(soci::session& sql, const std::function<void(const AttemptFact&)>& each,
                      const std::string& educator_id) {
    AttemptFact f;
    int attempt = 0;
    long long submitted = 0, decided = 0;
    std::string outcome, who = educator_id, who2 = educator_id;
    soci::indicator attempt_ind, submitted_ind, outcome_ind, decided_ind;
    soci::statement st = (sql.prepare << "SELECT e.id, e.educator_id, e.micro_credential_id, e.created_at, s.attempt, "
                                         "s.submitted_at, d.outcome, d.decided_at FROM enrollments e "
                                         "LEFT JOIN submissions s ON s.enrollment_id = e.id "
                                         "LEFT JOIN decisions d ON d.submission_id = s.id "
                                         "WHERE (:who = '' OR e.educator_id = :who2) ORDER BY e.id, s.attempt",
                          soci::use(who, "who"), soci::use(who2, "who2"), soci::into(f.enrollment_id),
                          soci::into(f.educator_id), soci::into(f.micro_credential_id), soci::into(f.enrolled_at),
                          soci::into(attempt, attempt_ind), soci::into(submitted, submitted_ind),
                          soci::into(outcome, outcome_ind), soci::into(decided, decided_ind));
    st.execute();
    while (st.fetch()) {
        f.attempt = attempt_ind == soci::i_ok ? attempt : 0;
        f.submitted_at = submitted_ind == soci::i_ok ? submitted : 0;
        f.outcome = outcome_ind == soci::i_ok ? outcome : "";
        f.decided_at = decided_ind == soci::i_ok ? decided : 0;
        each(f);
    }
}

std::vector<LevelCount> level_counts(soci::session& sql, const std::string& micro_credential_id) {
    std::vector<LevelCount> out;
    LevelCount c;
    soci::statement st = (sql.prepare << "SELECT s.version_id, cs.criterion_id, cs.level_id, COUNT(*) FROM criterion_scores cs "
                                         "JOIN assignments a ON a.id = cs.assignment_id "
                                         "JOIN submissions s ON s.id = a.submission_id "
                                         "JOIN micro_credential_versions v ON v.id = s.version_id "
                                         "WHERE v.micro_credential_id = :m AND a.status = 'completed' "
                                         "AND a.kind IN ('scoring', 'adjudication') "
                                         "GROUP BY s.version_id, cs.criterion_id, cs.level_id "
                                         "ORDER BY s.version_id, cs.criterion_id, cs.level_id",
                          soci::use(micro_credential_id, "m"), soci::into(c.version_id), soci::into(c.criterion_id),
                          soci::into(c.level_id), soci::into(c.count));
    st.execute();
    while (st.fetch()) out.push_back(c);
    return out;
}

namespace {
// The one text a query about one id answers ("" when there is no row).
std::string text_for(soci::session& sql, const char* query, const std::string& id) {
    std::string out;
    soci::indicator ind = soci::i_null;
    sql << query, soci::use(id, "id"), soci::into(out, ind);
    return ind == soci::i_ok ? out : "";
}
} // namespace

std::string micro_credential_of_decision(soci::session& sql, const std::string& decision_id) {
    return text_for(sql, "SELECT e.micro_credential_id FROM decisions d JOIN submissions s ON s.id = d.submission_id "
                         "JOIN enrollments e ON e.id = s.enrollment_id WHERE d.id = :id",
                    decision_id);
}

std::string micro_credential_of_referral(soci::session& sql, const std::string& referral_id) {
    return text_for(sql, "SELECT e.micro_credential_id FROM coach_referrals r JOIN enrollments e ON e.id = r.enrollment_id "
                         "WHERE r.id = :id",
                    referral_id);
}

} // namespace mc::assessment
