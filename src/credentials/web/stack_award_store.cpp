#include "credentials/web/stack_award_store.hpp"

#include <ctime>

#include "credentials/web/stack_award.hpp"
#include "credentials/web/status_store.hpp"

namespace mc::credentials {

using nlohmann::json;

namespace {

// Reads rows of stack_awards matching `where` (one named parameter :v).
std::vector<StackAwardRecord> select_stack_awards(soci::session& sql, const std::string& where, const std::string& value) {
    std::vector<StackAwardRecord> out;
    StackAwardRecord r;
    std::string credential, constituents, reason;
    long long revoked = 0;
    soci::indicator revoked_ind = soci::i_null, reason_ind = soci::i_null;
    std::string v = value;
    soci::statement st = (sql.prepare << "SELECT id, educator_id, achievement_key, name, credential, constituents, "
                                         "issued_at, revoked_at, revoked_reason FROM stack_awards " + where,
                          soci::use(v, "v"), soci::into(r.id), soci::into(r.educator_id), soci::into(r.achievement_key),
                          soci::into(r.name), soci::into(credential), soci::into(constituents), soci::into(r.issued_at),
                          soci::into(revoked, revoked_ind), soci::into(reason, reason_ind));
    st.execute();
    while (st.fetch()) {
        StackAwardRecord c = r;
        c.credential = json::parse(credential, nullptr, false);
        auto parts = json::parse(constituents, nullptr, false);
        if (parts.is_array())
            for (const auto& p : parts)
                if (p.is_string()) c.constituents.push_back(p.get<std::string>());
        c.revoked_at = revoked_ind == soci::i_ok ? revoked : 0;
        c.revoked_reason = reason_ind == soci::i_ok ? reason : "";
        out.push_back(std::move(c));
    }
    return out;
}

} // namespace

void insert_stack_award(soci::session& sql, const NewStackAward& row) {
    sql << "INSERT INTO stack_awards (id, educator_id, achievement_key, name, issuer_id, key_id, credential, "
           "constituents, status_list_id, status_list_index, issued_at) VALUES (:id, :e, :k, :n, :i, :key, :c, :parts, "
           ":list, :idx, :t)",
        soci::use(row.id, "id"), soci::use(row.educator_id, "e"), soci::use(row.achievement_key, "k"),
        soci::use(row.name, "n"), soci::use(row.issuer_id, "i"), soci::use(row.key_row_id, "key"),
        soci::use(row.credential, "c"), soci::use(row.constituents, "parts"), soci::use(row.status_list_id, "list"),
        soci::use(row.status_list_index, "idx"), soci::use(row.issued_at, "t");
}

std::vector<StackAwardRecord> stack_awards_of(soci::session& sql, const std::string& educator_id) {
    return select_stack_awards(sql, "WHERE educator_id = :v ORDER BY issued_at, id", educator_id);
}

Result<StackAwardRecord> find_stack_award(soci::session& sql, const std::string& id) {
    auto found = select_stack_awards(sql, "WHERE id = :v", id);
    if (found.empty()) return fail(Errc::not_found, "errors.not_found", "stack award " + id);
    return found.front();
}

Result<void> revoke_stack_award(soci::session& sql, const std::string& id, const std::string& reason) {
    std::string list_id;
    long long index = 0, revoked = 0;
    soci::indicator list_ind = soci::i_null, revoked_ind = soci::i_null;
    sql << "SELECT status_list_id, status_list_index, revoked_at FROM stack_awards WHERE id = :id", soci::use(id, "id"),
        soci::into(list_id, list_ind), soci::into(index), soci::into(revoked, revoked_ind);
    if (!sql.got_data()) return fail(Errc::not_found, "errors.not_found", "stack award " + id);
    if (revoked_ind == soci::i_ok) return fail(Errc::conflict, "credentials.already_revoked", "stack award already revoked");
    long long now = std::time(nullptr);
    sql << "UPDATE stack_awards SET revoked_at = :t, revoked_reason = :r WHERE id = :id", soci::use(now, "t"),
        soci::use(reason, "r"), soci::use(id, "id");
    if (list_ind == soci::i_ok) TRY(set_status_bit(sql, list_id, index, true));
    return {};
}

} // namespace mc::credentials
