#include "credentials/web/trusted_issuer_store.hpp"

#include <ctime>

#include "platform/crypto/random.hpp"

namespace mc::credentials {

namespace {

long long as_ll(const soci::row& row, std::size_t i) {
    switch (row.get_properties(i).get_data_type()) {
    case soci::dt_long_long: return row.get<long long>(i);
    case soci::dt_unsigned_long_long: return static_cast<long long>(row.get<unsigned long long>(i));
    case soci::dt_integer: return row.get<int>(i);
    case soci::dt_double: return static_cast<long long>(row.get<double>(i));
    default: return std::stoll(row.get<std::string>(i));
    }
}

void load_values(soci::session& sql, TrustedIssuer& entry) {
    soci::rowset<soci::row> rows = (sql.prepare << "SELECT kind, value FROM trusted_issuer_values "
                                                   "WHERE trusted_issuer_id = :id ORDER BY kind, value",
                                    soci::use(entry.id, "id"));
    for (const auto& row : rows) {
        auto kind = row.get<std::string>(0);
        (kind == "key" ? entry.keys : entry.issuer_ids).push_back(row.get<std::string>(1));
    }
}

std::string describe(const TrustedIssuer& e) {
    std::string text = "ids:";
    for (const auto& id : e.issuer_ids) text += " " + id;
    text += "; keys:";
    for (const auto& k : e.keys) text += " " + k;
    return text;
}

void audit(soci::session& sql, const std::string& entry_id, const std::string& action, const std::string& actor_id,
           const std::string& name, const std::string& detail) {
    std::string id = crypto::new_id();
    long long now = std::time(nullptr);
    sql << "INSERT INTO trusted_issuer_audit (id, trusted_issuer_id, action, actor_id, name, detail, at) "
           "VALUES (:id, :entry, :action, :actor, :name, :detail, :at)",
        soci::use(id, "id"), soci::use(entry_id, "entry"), soci::use(action, "action"), soci::use(actor_id, "actor"),
        soci::use(name, "name"), soci::use(detail, "detail"), soci::use(now, "at");
}

} // namespace

std::vector<TrustedIssuer> trusted_issuers(soci::session& sql) {
    std::vector<TrustedIssuer> list;
    soci::rowset<soci::row> rows = (sql.prepare << "SELECT id, name FROM trusted_issuers ORDER BY name, id");
    for (const auto& row : rows) list.push_back({row.get<std::string>(0), row.get<std::string>(1), {}, {}});
    for (auto& e : list) load_values(sql, e);
    return list;
}

Result<TrustedIssuer> find_trusted_issuer(soci::session& sql, const std::string& id) {
    TrustedIssuer e;
    soci::indicator ind = soci::i_null;
    sql << "SELECT name FROM trusted_issuers WHERE id = :id", soci::use(id, "id"), soci::into(e.name, ind);
    if (ind != soci::i_ok) return fail(Errc::not_found, "errors.not_found", "no trusted issuer " + id);
    e.id = id;
    load_values(sql, e);
    return e;
}

Result<std::string> save_trusted_issuer(soci::session& sql, TrustedIssuer entry, const std::string& actor_id) {
    long long now = std::time(nullptr);
    std::string action = "changed";
    if (entry.id.empty()) {
        entry.id = crypto::new_id();
        action = "added";
        sql << "INSERT INTO trusted_issuers (id, name, created_at, updated_at) VALUES (:id, :name, :created, :updated)",
            soci::use(entry.id, "id"), soci::use(entry.name, "name"), soci::use(now, "created"),
            soci::use(now, "updated");
    } else {
        TRY(find_trusted_issuer(sql, entry.id));
        sql << "UPDATE trusted_issuers SET name = :name, updated_at = :updated WHERE id = :id",
            soci::use(entry.name, "name"), soci::use(now, "updated"), soci::use(entry.id, "id");
        sql << "DELETE FROM trusted_issuer_values WHERE trusted_issuer_id = :id", soci::use(entry.id, "id");
    }
    auto put = [&](const std::string& kind, const std::string& value) {
        int present = 0;
        sql << "SELECT COUNT(*) FROM trusted_issuer_values WHERE trusted_issuer_id = :id AND kind = :kind AND value = :value",
            soci::use(entry.id, "id"), soci::use(kind, "kind"), soci::use(value, "value"), soci::into(present);
        if (present == 0)
            sql << "INSERT INTO trusted_issuer_values (trusted_issuer_id, kind, value) VALUES (:id, :kind, :value)",
                soci::use(entry.id, "id"), soci::use(kind, "kind"), soci::use(value, "value");
    };
    for (const auto& id : entry.issuer_ids) put("issuer", id);
    for (const auto& k : entry.keys) put("key", k);
    audit(sql, entry.id, action, actor_id, entry.name, describe(entry));
    return entry.id;
}

Result<void> remove_trusted_issuer(soci::session& sql, const std::string& id, const std::string& actor_id) {
    auto entry = TRY(find_trusted_issuer(sql, id));
    sql << "DELETE FROM trusted_issuer_values WHERE trusted_issuer_id = :id", soci::use(id, "id");
    sql << "DELETE FROM trusted_issuers WHERE id = :id", soci::use(id, "id");
    audit(sql, id, "removed", actor_id, entry.name, describe(entry));
    return {};
}

std::optional<std::string> trusted_issuer_name(soci::session& sql, const std::string& issuer_id,
                                               const std::string& key_multibase) {
    if (issuer_id.empty() || key_multibase.empty()) return std::nullopt;
    std::string name;
    soci::indicator ind = soci::i_null;
    sql << "SELECT t.name FROM trusted_issuers t "
           "JOIN trusted_issuer_values i ON i.trusted_issuer_id = t.id AND i.kind = 'issuer' AND i.value = :issuer "
           "JOIN trusted_issuer_values k ON k.trusted_issuer_id = t.id AND k.kind = 'key' AND k.value = :key "
           "ORDER BY t.name LIMIT 1",
        soci::use(issuer_id, "issuer"), soci::use(key_multibase, "key"), soci::into(name, ind);
    if (ind != soci::i_ok) return std::nullopt;
    return name;
}

std::vector<TrustAuditEntry> trust_audit(soci::session& sql, int limit) {
    std::vector<TrustAuditEntry> list;
    soci::rowset<soci::row> rows = (sql.prepare << "SELECT action, actor_id, name, detail, at FROM trusted_issuer_audit "
                                                   "ORDER BY at DESC, id LIMIT :limit",
                                    soci::use(limit, "limit"));
    for (const auto& row : rows)
        list.push_back({row.get<std::string>(0), row.get<std::string>(1), row.get<std::string>(2),
                        row.get<std::string>(3), as_ll(row, 4)});
    return list;
}

} // namespace mc::credentials
