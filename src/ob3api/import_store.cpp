#include "ob3api/import_store.hpp"

#include "platform/crypto/random.hpp"

namespace mc::ob3api {

namespace {
constexpr const char* kSelect =
    "SELECT id, educator_id, credential_key, body, body_hash, format, verdict, trust, issuer_name, achievement_name, "
    "client_id, received_at, updated_at FROM ob3_imported_credentials ";

std::vector<ImportedCredential> fetch_all(soci::statement& st, ImportedCredential& c) {
    std::vector<ImportedCredential> out;
    st.execute();
    while (st.fetch()) out.push_back(c);
    return out;
}

// The columns of kSelect, in order, into `c` (one list for both queries below).
#define MC_IMPORT_INTO                                                                                      \
    soci::into(c.id), soci::into(c.educator_id), soci::into(c.credential_key), soci::into(c.body),          \
        soci::into(c.body_hash), soci::into(c.format), soci::into(c.verdict), soci::into(c.trust),          \
        soci::into(c.issuer_name), soci::into(c.achievement_name), soci::into(c.client_id),                 \
        soci::into(c.received_at), soci::into(c.updated_at)
} // namespace

std::optional<ImportedCredential> find_import(soci::session& sql, const std::string& educator_id,
                                              const std::string& credential_key) {
    ImportedCredential c;
    std::string a = educator_id, b = credential_key;
    soci::statement st = (sql.prepare << std::string(kSelect) + "WHERE educator_id = :a AND credential_key = :b",
                          soci::use(a, "a"), soci::use(b, "b"), MC_IMPORT_INTO);
    auto found = fetch_all(st, c);
    if (found.empty()) return std::nullopt;
    return found.front();
}

std::string save_import(soci::session& sql, ImportedCredential c) {
    if (c.id.empty()) {
        c.id = crypto::new_id();
        sql << "INSERT INTO ob3_imported_credentials (id, educator_id, credential_key, body, body_hash, format, verdict, "
               "trust, issuer_name, achievement_name, client_id, received_at, updated_at) VALUES (:id, :e, :k, :body, "
               ":h, :f, :v, :t, :i, :a, :c, :r, :u)",
            soci::use(c.id, "id"), soci::use(c.educator_id, "e"), soci::use(c.credential_key, "k"), soci::use(c.body, "body"),
            soci::use(c.body_hash, "h"), soci::use(c.format, "f"), soci::use(c.verdict, "v"), soci::use(c.trust, "t"),
            soci::use(c.issuer_name, "i"), soci::use(c.achievement_name, "a"), soci::use(c.client_id, "c"),
            soci::use(c.received_at, "r"), soci::use(c.updated_at, "u");
        return c.id;
    }
    sql << "UPDATE ob3_imported_credentials SET body = :body, body_hash = :h, format = :f, verdict = :v, trust = :t, "
           "issuer_name = :i, achievement_name = :a, client_id = :c, updated_at = :u WHERE id = :id",
        soci::use(c.body, "body"), soci::use(c.body_hash, "h"), soci::use(c.format, "f"), soci::use(c.verdict, "v"),
        soci::use(c.trust, "t"), soci::use(c.issuer_name, "i"), soci::use(c.achievement_name, "a"),
        soci::use(c.client_id, "c"), soci::use(c.updated_at, "u"), soci::use(c.id, "id");
    return c.id;
}

std::vector<ImportedCredential> imports_of(soci::session& sql, const std::string& educator_id) {
    ImportedCredential c;
    std::string a = educator_id;
    soci::statement st = (sql.prepare << std::string(kSelect) + "WHERE educator_id = :a ORDER BY received_at DESC, id",
                          soci::use(a, "a"), MC_IMPORT_INTO);
    return fetch_all(st, c);
}

} // namespace mc::ob3api
