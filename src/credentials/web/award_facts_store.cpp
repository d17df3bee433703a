#include "credentials/web/award_facts_store.hpp"

namespace mc::credentials {

void for_each_award(soci::session& sql, const std::function<void(const AwardFact&)>& each) {
    AwardFact f;
    long long revoked = 0;
    soci::indicator revoked_ind;
    soci::statement st = (sql.prepare << "SELECT educator_id, micro_credential_id, issued_at, revoked_at FROM awards "
                                         "ORDER BY issued_at, id",
                          soci::into(f.educator_id), soci::into(f.micro_credential_id), soci::into(f.issued_at),
                          soci::into(revoked, revoked_ind));
    st.execute();
    while (st.fetch()) {
        f.revoked_at = revoked_ind == soci::i_ok ? revoked : 0;
        each(f);
    }
}

std::string micro_credential_of_award(soci::session& sql, const std::string& award_id) {
    std::string mc;
    soci::indicator ind = soci::i_null;
    sql << "SELECT micro_credential_id FROM awards WHERE id = :a", soci::use(award_id, "a"), soci::into(mc, ind);
    return ind == soci::i_ok ? mc : "";
}

} // namespace mc::credentials
