// Competency framework rows (frameworks, competency_areas, competencies).
#include <ctime>

#include "catalog/catalog_store.hpp"
#include "catalog/store_util.hpp"
#include "platform/crypto/random.hpp"
#include "platform/db/database.hpp"

namespace mc::catalog {

bool valid_slug(const std::string& slug) {
    if (slug.empty() || slug.size() > 64) return false;
    for (char ch : slug)
        if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_')) return false;
    return true;
}

bool valid_code(const std::string& code) {
    if (code.empty() || code.size() > 64) return false;
    for (char ch : code)
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' ||
              ch == '_' || ch == '.'))
            return false;
    return true;
}

std::optional<CompetencyPlace> competency_place(soci::session& sql, const std::string& competency_id) {
    CompetencyPlace p;
    sql << "SELECT c.code, c.title_en, c.title_es, f.slug, f.title_en, f.title_es FROM competencies c "
           "JOIN competency_areas a ON a.id = c.area_id JOIN frameworks f ON f.id = a.framework_id WHERE c.id = :c",
        soci::use(competency_id, "c"), soci::into(p.code), soci::into(p.title.en), soci::into(p.title.es),
        soci::into(p.framework_slug), soci::into(p.framework_title.en), soci::into(p.framework_title.es);
    if (!sql.got_data()) return std::nullopt;
    return p;
}

Result<Framework> load_framework(soci::session& sql, const std::string& slug) {
    Framework f;
    std::string wanted = slug;
    if (wanted.empty()) {
        // The oldest framework is the program's.
        sql << "SELECT slug FROM frameworks ORDER BY created_at, id LIMIT 1", soci::into(wanted);
        if (!sql.got_data()) return fail(Errc::not_found, "errors.not_found", "no framework yet");
    }
    sql << "SELECT id, slug, title_en, title_es, description_en, description_es FROM frameworks WHERE slug = :s",
        soci::use(wanted), soci::into(f.id), soci::into(f.slug), soci::into(f.title.en), soci::into(f.title.es),
        soci::into(f.description.en), soci::into(f.description.es);
    if (!sql.got_data()) return fail(Errc::not_found, "errors.not_found", "framework " + wanted);

    soci::rowset<soci::row> areas = (sql.prepare << "SELECT id, code, position, title_en, title_es, description_en, "
                                                    "description_es FROM competency_areas WHERE framework_id = :f "
                                                    "ORDER BY position, code",
                                     soci::use(f.id));
    for (const auto& r : areas) {
        Area a{r.get<std::string>(0), r.get<std::string>(1), static_cast<int>(row_int(r, 2)),
               {r.get<std::string>(3), r.get<std::string>(4)}, {r.get<std::string>(5), r.get<std::string>(6)}, {}};
        f.areas.push_back(std::move(a));
    }
    for (auto& a : f.areas) {
        soci::rowset<soci::row> comps = (sql.prepare << "SELECT id, code, title_en, title_es, description_en, "
                                                        "description_es FROM competencies WHERE area_id = :a ORDER BY code",
                                         soci::use(a.id));
        for (const auto& r : comps)
            a.competencies.push_back({r.get<std::string>(0), a.id, r.get<std::string>(1),
                                      {r.get<std::string>(2), r.get<std::string>(3)},
                                      {r.get<std::string>(4), r.get<std::string>(5)}});
    }
    return f;
}

Result<Framework> create_framework(soci::session& sql, const std::string& slug, const Text& title,
                                   const Text& description) {
    if (!valid_slug(slug) || title.en.empty()) return fail(Errc::bad_input, "catalog.errors.framework", slug);
    {
        db::WriteTx tx(sql);
        int n = 0;
        sql << "SELECT COUNT(*) FROM frameworks WHERE slug = :s", soci::use(slug), soci::into(n);
        if (n == 0) {
            std::string id = crypto::new_id();
            long long now = std::time(nullptr);
            sql << "INSERT INTO frameworks (id, slug, title_en, title_es, description_en, description_es, created_at) "
                   "VALUES (:id, :slug, :te, :ts, :de, :ds, :now)",
                soci::use(id), soci::use(slug), soci::use(title.en), soci::use(title.es), soci::use(description.en),
                soci::use(description.es), soci::use(now);
        }
        tx.commit();
    }
    return load_framework(sql, slug);
}

Result<std::string> add_area(soci::session& sql, const std::string& framework_id, const std::string& code,
                             const Text& title, const Text& description) {
    if (!valid_code(code)) return fail(Errc::bad_input, "catalog.errors.code", code);
    if (title.en.empty()) return fail(Errc::bad_input, "catalog.errors.needs_english", "area title");
    db::WriteTx tx(sql);
    int taken = 0, position = 0;
    sql << "SELECT COUNT(*) FROM competency_areas WHERE framework_id = :f AND code = :c", soci::use(framework_id),
        soci::use(code), soci::into(taken);
    if (taken) return fail(Errc::conflict, "catalog.errors.code_taken", code);
    soci::indicator ind = soci::i_ok;
    sql << "SELECT MAX(position) FROM competency_areas WHERE framework_id = :f", soci::use(framework_id),
        soci::into(position, ind);
    position = ind == soci::i_ok ? position + 1 : 1;
    std::string id = crypto::new_id();
    sql << "INSERT INTO competency_areas (id, framework_id, position, code, title_en, title_es, description_en, "
           "description_es) VALUES (:id, :f, :p, :c, :te, :ts, :de, :ds)",
        soci::use(id), soci::use(framework_id), soci::use(position), soci::use(code), soci::use(title.en),
        soci::use(title.es), soci::use(description.en), soci::use(description.es);
    tx.commit();
    return id;
}

Result<std::string> add_competency(soci::session& sql, const std::string& area_code, const std::string& code,
                                   const Text& title, const Text& description) {
    if (!valid_code(code)) return fail(Errc::bad_input, "catalog.errors.code", code);
    if (title.en.empty()) return fail(Errc::bad_input, "catalog.errors.needs_english", "competency title");
    db::WriteTx tx(sql);
    std::string area_id;
    sql << "SELECT id FROM competency_areas WHERE code = :c ORDER BY position", soci::use(area_code),
        soci::into(area_id);
    if (!sql.got_data()) return fail(Errc::bad_input, "catalog.errors.unknown_area", area_code);
    int taken = 0;
    sql << "SELECT COUNT(*) FROM competencies WHERE code = :c", soci::use(code), soci::into(taken);
    if (taken) return fail(Errc::conflict, "catalog.errors.code_taken", code);
    std::string id = crypto::new_id();
    sql << "INSERT INTO competencies (id, area_id, code, title_en, title_es, description_en, description_es) "
           "VALUES (:id, :a, :c, :te, :ts, :de, :ds)",
        soci::use(id), soci::use(area_id), soci::use(code), soci::use(title.en), soci::use(title.es),
        soci::use(description.en), soci::use(description.es);
    tx.commit();
    return id;
}

} // namespace mc::catalog
