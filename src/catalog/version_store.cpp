#include "catalog/version_store.hpp"

#include <nlohmann/json.hpp>

namespace mc::catalog {

namespace {

const char* kSelect =
    "SELECT v.id, v.micro_credential_id, m.slug, m.competency_id, v.version, v.status, v.published_at, v.content "
    "FROM micro_credential_versions v JOIN micro_credentials m ON m.id = v.micro_credential_id ";

Result<VersionRecord> read_one(soci::session& sql, const std::string& where, const std::string& key) {
    VersionRecord r;
    std::string content;
    long long published_at = 0;
    soci::indicator published_ind = soci::i_null;
    sql << std::string(kSelect) + where, soci::use(key, "k"), soci::into(r.id), soci::into(r.micro_credential_id),
        soci::into(r.slug), soci::into(r.competency_id), soci::into(r.version), soci::into(r.status),
        soci::into(published_at, published_ind), soci::into(content);
    if (!sql.got_data()) return fail(Errc::not_found, "errors.not_found", "micro-credential version " + key);
    r.published_at = published_ind == soci::i_ok ? published_at : 0;
    auto doc = nlohmann::json::parse(content, nullptr, false);
    if (doc.is_discarded()) return fail(Errc::internal, "errors.internal", "stored content is not JSON: " + r.id);
    r.content = TRY(parse_content(doc));
    return r;
}

} // namespace

Result<VersionRecord> load_version(soci::session& sql, const std::string& version_id) {
    return read_one(sql, "WHERE v.id = :k", version_id);
}

Result<VersionRecord> latest_published(soci::session& sql, const std::string& id_or_slug) {
    // Resolve the slug first: one placeholder used twice is not portable across SOCI backends.
    std::string id;
    sql << "SELECT id FROM micro_credentials WHERE id = :i OR slug = :s", soci::use(id_or_slug, "i"),
        soci::use(id_or_slug, "s"), soci::into(id);
    if (!sql.got_data()) return fail(Errc::not_found, "errors.not_found", "micro-credential " + id_or_slug);
    return read_one(sql, "WHERE v.micro_credential_id = :k AND v.status = 'published' ORDER BY v.version DESC LIMIT 1",
                    id);
}

bool micro_credential_exists(soci::session& sql, const std::string& micro_credential_id) {
    long long known = 0;
    sql << "SELECT COUNT(*) FROM micro_credentials WHERE id = :m", soci::use(micro_credential_id), soci::into(known);
    return known > 0;
}

std::vector<LatestVersion> latest_versions(soci::session& sql) {
    std::vector<LatestVersion> out;
    LatestVersion r;
    soci::indicator ind = soci::i_null;
    soci::statement st = (sql.prepare << "SELECT m.id, (SELECT v.id FROM micro_credential_versions v WHERE "
                                         "v.micro_credential_id = m.id ORDER BY v.version DESC LIMIT 1) "
                                         "FROM micro_credentials m ORDER BY m.slug",
                          soci::into(r.micro_credential_id), soci::into(r.version_id, ind));
    st.execute();
    while (st.fetch())
        if (ind == soci::i_ok) out.push_back(r);
    return out;
}

} // namespace mc::catalog
