// Micro-credentials and their versions: listing, creating, editing drafts, publishing.
#include "catalog/catalog_store.hpp"

#include <ctime>

#include "catalog/store_util.hpp"
#include "platform/crypto/random.hpp"
#include "platform/db/database.hpp"

namespace mc::catalog {

namespace {

// Validated and normalized: what is stored is always what to_json() writes.
Result<std::string> normalized(const nlohmann::json& content) {
    auto parsed = TRY(parse_content(content));
    return to_json(parsed).dump();
}

const char* kEntrySelect =
    "SELECT v.id, c.id, c.area_id, c.code, c.title_en, c.title_es, c.description_en, c.description_es, "
    "a.code, a.position, a.title_en, a.title_es, a.description_en, a.description_es "
    "FROM micro_credential_versions v JOIN micro_credentials m ON m.id = v.micro_credential_id "
    "JOIN competencies c ON c.id = m.competency_id JOIN competency_areas a ON a.id = c.area_id "
    "WHERE v.status = 'published' AND v.version = (SELECT MAX(v2.version) FROM micro_credential_versions v2 "
    "WHERE v2.micro_credential_id = v.micro_credential_id AND v2.status = 'published') ";

CatalogEntry entry_of(const soci::row& r) {
    CatalogEntry e;
    e.version.id = r.get<std::string>(0);
    e.competency = {r.get<std::string>(1), r.get<std::string>(2), r.get<std::string>(3),
                    {r.get<std::string>(4), r.get<std::string>(5)}, {r.get<std::string>(6), r.get<std::string>(7)}};
    e.area = {r.get<std::string>(2), r.get<std::string>(8), static_cast<int>(row_int(r, 9)),
              {r.get<std::string>(10), r.get<std::string>(11)}, {r.get<std::string>(12), r.get<std::string>(13)}, {}};
    return e;
}

const char* kAuthoringSelect =
    "SELECT m.id, m.slug, c.code, v.id, v.version, v.status, v.content, "
    "(SELECT MAX(p.version) FROM micro_credential_versions p WHERE p.micro_credential_id = m.id "
    "AND p.status = 'published') "
    "FROM micro_credentials m JOIN competencies c ON c.id = m.competency_id "
    "JOIN micro_credential_versions v ON v.micro_credential_id = m.id "
    "WHERE v.version = (SELECT MAX(v2.version) FROM micro_credential_versions v2 "
    "WHERE v2.micro_credential_id = m.id) ";

AuthoringEntry authoring_of(const soci::row& r) {
    AuthoringEntry e{r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2), r.get<std::string>(3),
                     static_cast<int>(row_int(r, 4)), r.get<std::string>(5), "", "", static_cast<int>(row_int(r, 7))};
    auto doc = nlohmann::json::parse(r.get<std::string>(6), nullptr, false);
    if (doc.is_object() && doc.contains("title") && doc["title"].is_object()) {
        e.title_en = doc["title"].value("en", "");
        e.title_es = doc["title"].value("es", "");
    }
    return e;
}

long long now() { return static_cast<long long>(std::time(nullptr)); }

} // namespace

std::vector<CatalogEntry> list_published(soci::session& sql) {
    std::vector<CatalogEntry> out;
    soci::rowset<soci::row> rows = (sql.prepare << std::string(kEntrySelect) + "ORDER BY a.position, c.code, m.slug");
    for (const auto& r : rows) out.push_back(entry_of(r));
    // Content after the rowset is done: one statement at a time on a session.
    for (auto& e : out) {
        auto v = load_version(sql, e.version.id);
        if (v) e.version = std::move(*v);
    }
    std::erase_if(out, [](const CatalogEntry& e) { return e.version.slug.empty(); });
    return out;
}

Result<CatalogEntry> find_published(soci::session& sql, const std::string& slug) {
    std::vector<CatalogEntry> found;
    soci::rowset<soci::row> rows = (sql.prepare << std::string(kEntrySelect) + "AND m.slug = :s", soci::use(slug));
    for (const auto& r : rows) found.push_back(entry_of(r));
    if (found.empty()) return fail(Errc::not_found, "errors.not_found", "published micro-credential " + slug);
    found[0].version = TRY(load_version(sql, found[0].version.id));
    return found[0];
}

std::vector<AuthoringEntry> list_for_authoring(soci::session& sql) {
    std::vector<AuthoringEntry> out;
    soci::rowset<soci::row> rows = (sql.prepare << std::string(kAuthoringSelect) + "ORDER BY m.slug");
    for (const auto& r : rows) out.push_back(authoring_of(r));
    return out;
}

Result<AuthoringEntry> find_for_authoring(soci::session& sql, const std::string& slug) {
    std::vector<AuthoringEntry> out;
    soci::rowset<soci::row> rows = (sql.prepare << std::string(kAuthoringSelect) + "AND m.slug = :s", soci::use(slug));
    for (const auto& r : rows) out.push_back(authoring_of(r));
    if (out.empty()) return fail(Errc::not_found, "errors.not_found", "micro-credential " + slug);
    return out[0];
}

Result<std::string> create_micro_credential(soci::session& sql, const std::string& slug,
                                            const std::string& competency_code, const nlohmann::json& content,
                                            const std::string& user_id) {
    if (!valid_slug(slug)) return fail(Errc::bad_input, "catalog.errors.slug", slug);
    std::string doc = TRY(normalized(content));
    db::WriteTx tx(sql);
    int taken = 0;
    sql << "SELECT COUNT(*) FROM micro_credentials WHERE slug = :s", soci::use(slug), soci::into(taken);
    if (taken) return fail(Errc::conflict, "catalog.errors.slug_taken", slug);
    std::string competency_id;
    sql << "SELECT id FROM competencies WHERE code = :c", soci::use(competency_code), soci::into(competency_id);
    if (!sql.got_data()) return fail(Errc::bad_input, "catalog.errors.unknown_competency", competency_code);
    std::string id = crypto::new_id(), version_id = crypto::new_id();
    long long t = now();
    soci::indicator by = user_id.empty() ? soci::i_null : soci::i_ok;
    sql << "INSERT INTO micro_credentials (id, slug, competency_id, created_by, created_at) "
           "VALUES (:id, :slug, :c, :by, :t)",
        soci::use(id), soci::use(slug), soci::use(competency_id), soci::use(user_id, by), soci::use(t);
    sql << "INSERT INTO micro_credential_versions (id, micro_credential_id, version, status, content, created_at) "
           "VALUES (:id, :m, 1, 'draft', :content, :t)",
        soci::use(version_id), soci::use(id), soci::use(doc), soci::use(t);
    tx.commit();
    return version_id;
}

Result<void> save_draft(soci::session& sql, const std::string& version_id, const nlohmann::json& content) {
    std::string doc = TRY(normalized(content));
    db::WriteTx tx(sql);
    soci::statement st = (sql.prepare << "UPDATE micro_credential_versions SET content = :c "
                                         "WHERE id = :id AND status = 'draft'",
                          soci::use(doc), soci::use(version_id));
    st.execute(true);
    if (st.get_affected_rows() != 1) {
        int exists = 0;
        sql << "SELECT COUNT(*) FROM micro_credential_versions WHERE id = :id", soci::use(version_id), soci::into(exists);
        if (!exists) return fail(Errc::not_found, "errors.not_found", "version " + version_id);
        return fail(Errc::conflict, "catalog.errors.immutable", "version " + version_id + " is not a draft");
    }
    tx.commit();
    return {};
}

Result<void> publish_version(soci::session& sql, const std::string& version_id, const std::string& user_id) {
    auto v = TRY(load_version(sql, version_id)); // content must still parse
    if (v.status != "draft") return fail(Errc::conflict, "catalog.errors.not_draft", "version " + version_id);
    db::WriteTx tx(sql);
    long long t = now();
    soci::indicator by = user_id.empty() ? soci::i_null : soci::i_ok;
    soci::statement st = (sql.prepare << "UPDATE micro_credential_versions SET status = 'published', "
                                         "published_at = :t, published_by = :by WHERE id = :id AND status = 'draft'",
                          soci::use(t), soci::use(user_id, by), soci::use(version_id));
    st.execute(true);
    if (st.get_affected_rows() != 1) return fail(Errc::conflict, "catalog.errors.not_draft", "raced: " + version_id);
    tx.commit();
    return {};
}

Result<std::string> new_draft(soci::session& sql, const std::string& micro_credential_id) {
    db::WriteTx tx(sql);
    int drafts = 0;
    sql << "SELECT COUNT(*) FROM micro_credential_versions WHERE micro_credential_id = :m AND status = 'draft'",
        soci::use(micro_credential_id), soci::into(drafts);
    if (drafts) return fail(Errc::conflict, "catalog.errors.draft_exists", micro_credential_id);
    int newest = 0;
    std::string content;
    sql << "SELECT version, content FROM micro_credential_versions WHERE micro_credential_id = :m "
           "ORDER BY version DESC LIMIT 1",
        soci::use(micro_credential_id), soci::into(newest), soci::into(content);
    if (!sql.got_data()) return fail(Errc::not_found, "errors.not_found", "micro-credential " + micro_credential_id);
    std::string id = crypto::new_id();
    int next = newest + 1;
    long long t = now();
    sql << "INSERT INTO micro_credential_versions (id, micro_credential_id, version, status, content, created_at) "
           "VALUES (:id, :m, :v, 'draft', :content, :t)",
        soci::use(id), soci::use(micro_credential_id), soci::use(next), soci::use(content), soci::use(t);
    tx.commit();
    return id;
}

Result<void> retire(soci::session& sql, const std::string& micro_credential_id) {
    db::WriteTx tx(sql);
    soci::statement st = (sql.prepare << "UPDATE micro_credential_versions SET status = 'retired' "
                                         "WHERE micro_credential_id = :m AND status = 'published'",
                          soci::use(micro_credential_id));
    st.execute(true);
    if (st.get_affected_rows() == 0) return fail(Errc::conflict, "catalog.errors.nothing_published", micro_credential_id);
    tx.commit();
    return {};
}

Result<VersionRecord> find_version(soci::session& sql, const std::string& slug, int version) {
    std::string id;
    sql << "SELECT v.id FROM micro_credential_versions v JOIN micro_credentials m ON m.id = v.micro_credential_id "
           "WHERE m.slug = :s AND v.version = :v",
        soci::use(slug), soci::use(version), soci::into(id);
    if (!sql.got_data()) return fail(Errc::not_found, "errors.not_found", slug + " v" + std::to_string(version));
    return load_version(sql, id);
}

} // namespace mc::catalog
