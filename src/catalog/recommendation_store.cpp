#include "catalog/recommendation_store.hpp"

#include "platform/crypto/random.hpp"

namespace mc::catalog {

std::vector<CreditRecommendation> recommendations_for(soci::session& sql, std::string_view kind, const std::string& slug) {
    std::vector<CreditRecommendation> out;
    std::string k(kind), s = slug;
    CreditRecommendation r;
    soci::statement st = (sql.prepare << "SELECT semester_hours, level, subject, effective_from, effective_to FROM "
                                         "credit_recommendations WHERE subject_kind = :k AND subject_slug = :s "
                                         "ORDER BY position",
                          soci::use(k, "k"), soci::use(s, "s"), soci::into(r.semester_hours), soci::into(r.level),
                          soci::into(r.subject), soci::into(r.effective_from), soci::into(r.effective_to));
    st.execute();
    while (st.fetch()) out.push_back(r);
    return out;
}

void replace_recommendations(soci::session& sql, std::string_view kind, const std::string& slug,
                             const std::vector<CreditRecommendation>& list, const std::string& user_id, long long now) {
    std::string k(kind), s = slug;
    sql << "DELETE FROM credit_recommendations WHERE subject_kind = :k AND subject_slug = :s", soci::use(k, "k"),
        soci::use(s, "s");
    int position = 0;
    for (const auto& r : list) {
        std::string id = crypto::new_id(), level = r.level, subject = r.subject, from = r.effective_from,
                    to = r.effective_to, by = user_id;
        double hours = r.semester_hours;
        sql << "INSERT INTO credit_recommendations (id, subject_kind, subject_slug, position, semester_hours, level, "
               "subject, effective_from, effective_to, updated_by, updated_at) VALUES (:id, :k, :s, :p, :h, :l, :sub, "
               ":f, :t, :by, :at)",
            soci::use(id, "id"), soci::use(k, "k"), soci::use(s, "s"), soci::use(position, "p"), soci::use(hours, "h"),
            soci::use(level, "l"), soci::use(subject, "sub"), soci::use(from, "f"), soci::use(to, "t"),
            soci::use(by, "by"), soci::use(now, "at");
        ++position;
    }
}

} // namespace mc::catalog
