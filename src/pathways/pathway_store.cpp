#include "pathways/pathway_store.hpp"

#include <ctime>

#include "platform/crypto/random.hpp"

namespace mc::pathways {

using nlohmann::json;

namespace {

long long now_seconds() { return static_cast<long long>(std::time(nullptr)); }

std::optional<PathwayDefinition> definition_from(const std::string& text, int version) {
    auto doc = json::parse(text, nullptr, false);
    std::vector<RuleIssue> issues;
    auto p = pathway_from_json(doc, issues);
    if (p) p->version = version;
    return p;
}

std::vector<PathwayVersion> select_versions(soci::session& sql, const std::string& where, const std::string& value) {
    std::vector<PathwayVersion> out;
    std::string id, pathway_id, document, v = value;
    int version = 0;
    long long published = 0;
    soci::statement st = (sql.prepare << "SELECT v.id, v.pathway_id, v.version, v.document, v.published_at FROM "
                                         "pathway_versions v JOIN pathways p ON p.id = v.pathway_id " + where,
                          soci::use(v, "v"), soci::into(id), soci::into(pathway_id), soci::into(version),
                          soci::into(document), soci::into(published));
    st.execute();
    while (st.fetch())
        if (auto def = definition_from(document, version)) out.push_back({id, pathway_id, std::move(*def), published});
    return out;
}

constexpr const char* kNewest = "v.version = (SELECT MAX(w.version) FROM pathway_versions w WHERE w.pathway_id = v.pathway_id)";

} // namespace

Result<std::string> publish_pathway(soci::session& sql, const PathwayDefinition& p) {
    std::string pathway_id;
    soci::indicator found = soci::i_null;
    sql << "SELECT id FROM pathways WHERE slug = :s", soci::use(p.slug, "s"), soci::into(pathway_id, found);
    long long now = now_seconds();
    if (found != soci::i_ok) {
        pathway_id = crypto::new_id();
        sql << "INSERT INTO pathways (id, slug, created_at) VALUES (:id, :s, :t)", soci::use(pathway_id, "id"),
            soci::use(p.slug, "s"), soci::use(now, "t");
    }
    auto newest = current_pathway(sql, p.slug);
    PathwayDefinition next = p;
    next.version = newest ? newest->definition.version + 1 : 1;
    if (newest) {
        PathwayDefinition same = p;
        same.version = newest->definition.version;
        if (pathway_to_json(same) == pathway_to_json(newest->definition)) return newest->id;
    }
    std::string id = crypto::new_id(), document = pathway_to_json(next).dump();
    sql << "INSERT INTO pathway_versions (id, pathway_id, version, document, published_at) VALUES (:id, :p, :v, :d, :t)",
        soci::use(id, "id"), soci::use(pathway_id, "p"), soci::use(next.version, "v"), soci::use(document, "d"),
        soci::use(now, "t");
    return id;
}

std::vector<PathwayVersion> current_pathways(soci::session& sql) {
    return select_versions(sql, std::string("WHERE ") + kNewest + " AND p.slug <> :v ORDER BY p.slug", "");
}

std::optional<PathwayVersion> load_pathway_version(soci::session& sql, const std::string& version_id) {
    auto found = select_versions(sql, "WHERE v.id = :v", version_id);
    if (found.empty()) return std::nullopt;
    return found.front();
}

std::optional<PathwayVersion> current_pathway(soci::session& sql, const std::string& slug) {
    auto found = select_versions(sql, std::string("WHERE p.slug = :v AND ") + kNewest, slug);
    if (found.empty()) return std::nullopt;
    return found.front();
}

std::vector<Progress> progress_of(soci::session& sql, const std::string& educator_id) {
    std::vector<Progress> out;
    Progress p;
    int met = 0;
    long long completed = 0;
    soci::indicator completed_ind = soci::i_null;
    soci::statement st = (sql.prepare << "SELECT educator_id, pathway_id, version_id, started_at, done_amount, "
                                         "total_amount, met, completed_at, evaluated_at FROM pathway_progress "
                                         "WHERE educator_id = :e",
                          soci::use(educator_id, "e"), soci::into(p.educator_id), soci::into(p.pathway_id),
                          soci::into(p.version_id), soci::into(p.started_at), soci::into(p.done), soci::into(p.total),
                          soci::into(met), soci::into(completed, completed_ind), soci::into(p.evaluated_at));
    st.execute();
    while (st.fetch()) {
        Progress c = p;
        c.met = met != 0;
        c.completed_at = completed_ind == soci::i_ok ? completed : 0;
        out.push_back(c);
    }
    return out;
}

void save_progress(soci::session& sql, const Progress& p) {
    int met = p.met ? 1 : 0, exists = 0;
    long long completed = p.completed_at;
    soci::indicator completed_ind = completed > 0 ? soci::i_ok : soci::i_null;
    sql << "SELECT COUNT(*) FROM pathway_progress WHERE educator_id = :e AND pathway_id = :p",
        soci::use(p.educator_id, "e"), soci::use(p.pathway_id, "p"), soci::into(exists);
    if (exists > 0) {
        sql << "UPDATE pathway_progress SET done_amount = :d, total_amount = :n, met = :m, completed_at = :c, "
               "evaluated_at = :t WHERE educator_id = :e AND pathway_id = :p",
            soci::use(p.done, "d"), soci::use(p.total, "n"), soci::use(met, "m"), soci::use(completed, completed_ind, "c"),
            soci::use(p.evaluated_at, "t"), soci::use(p.educator_id, "e"), soci::use(p.pathway_id, "p");
        return;
    }
    sql << "INSERT INTO pathway_progress (educator_id, pathway_id, version_id, started_at, done_amount, total_amount, "
           "met, completed_at, evaluated_at) VALUES (:e, :p, :v, :s, :d, :n, :m, :c, :t)",
        soci::use(p.educator_id, "e"), soci::use(p.pathway_id, "p"), soci::use(p.version_id, "v"),
        soci::use(p.started_at, "s"), soci::use(p.done, "d"), soci::use(p.total, "n"), soci::use(met, "m"),
        soci::use(completed, completed_ind, "c"), soci::use(p.evaluated_at, "t");
}

std::vector<PathwayCounts> counts_per_pathway(soci::session& sql) {
    std::vector<PathwayCounts> out;
    PathwayCounts c;
    soci::statement st = (sql.prepare << "SELECT pathway_id, COUNT(*), SUM(met) FROM pathway_progress GROUP BY pathway_id",
                          soci::into(c.pathway_id), soci::into(c.started), soci::into(c.completed));
    st.execute();
    while (st.fetch()) out.push_back(c);
    return out;
}

std::vector<Completion> all_completions(soci::session& sql) {
    std::vector<Completion> out;
    Completion c;
    soci::statement st = (sql.prepare << "SELECT educator_id, pathway_id, completed_at FROM pathway_progress "
                                         "WHERE met = 1 AND completed_at IS NOT NULL",
                          soci::into(c.educator_id), soci::into(c.pathway_id), soci::into(c.completed_at));
    st.execute();
    while (st.fetch()) out.push_back(c);
    return out;
}

Result<std::string> save_requirement(soci::session& sql, const RequirementDefinition& r) {
    std::string id, document = requirement_to_json(r).dump();
    soci::indicator found = soci::i_null;
    long long now = now_seconds();
    sql << "SELECT id FROM requirements WHERE slug = :s", soci::use(r.slug, "s"), soci::into(id, found);
    if (found == soci::i_ok) {
        sql << "UPDATE requirements SET document = :d, updated_at = :t WHERE id = :id", soci::use(document, "d"),
            soci::use(now, "t"), soci::use(id, "id");
        return id;
    }
    id = crypto::new_id();
    sql << "INSERT INTO requirements (id, slug, document, updated_at) VALUES (:id, :s, :d, :t)", soci::use(id, "id"),
        soci::use(r.slug, "s"), soci::use(document, "d"), soci::use(now, "t");
    return id;
}

std::vector<RequirementRecord> all_requirements(soci::session& sql) {
    std::vector<RequirementRecord> out;
    std::string id, document;
    soci::statement st = (sql.prepare << "SELECT id, document FROM requirements ORDER BY slug", soci::into(id),
                          soci::into(document));
    st.execute();
    while (st.fetch()) {
        std::vector<RuleIssue> issues;
        if (auto r = requirement_from_json(json::parse(document, nullptr, false), issues)) out.push_back({id, *r});
    }
    return out;
}

bool claim_reminder(soci::session& sql, const std::string& educator_id, const std::string& requirement_id,
                    const std::string& step, long long now) {
    int sent = 0;
    sql << "SELECT COUNT(*) FROM requirement_reminders WHERE educator_id = :e AND requirement_id = :r AND step = :s",
        soci::use(educator_id, "e"), soci::use(requirement_id, "r"), soci::use(step, "s"), soci::into(sent);
    if (sent > 0) return false;
    sql << "INSERT INTO requirement_reminders (educator_id, requirement_id, step, sent_at) VALUES (:e, :r, :s, :t)",
        soci::use(educator_id, "e"), soci::use(requirement_id, "r"), soci::use(step, "s"), soci::use(now, "t");
    return true;
}

double clock_hours_per_credit(soci::session& sql) {
    std::string value;
    soci::indicator ind = soci::i_null;
    sql << "SELECT value FROM pathway_settings WHERE name = 'clock_hours_per_credit'", soci::into(value, ind);
    if (ind != soci::i_ok) return 10;
    try {
        return std::stod(value);
    } catch (const std::exception&) {
        return 10;
    }
}

void set_clock_hours_per_credit(soci::session& sql, double value) {
    std::string text = std::to_string(value);
    sql << "DELETE FROM pathway_settings WHERE name = 'clock_hours_per_credit'";
    sql << "INSERT INTO pathway_settings (name, value) VALUES ('clock_hours_per_credit', :v)", soci::use(text, "v");
}

} // namespace mc::pathways
