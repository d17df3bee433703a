#include "reports/report_store.hpp"

#include <ctime>

#include "platform/crypto/random.hpp"

namespace mc::reports {

long long now_seconds() { return static_cast<long long>(std::time(nullptr)); }

void save_snapshot(soci::session& sql, const std::string& scope, const Snapshot& s) {
    soci::statement st = (sql.prepare << "UPDATE report_snapshots SET computed_at = :t, seconds = :s, body = :b "
                                         "WHERE scope = :scope",
                          soci::use(s.computed_at, "t"), soci::use(s.seconds, "s"), soci::use(s.body, "b"),
                          soci::use(scope, "scope"));
    st.execute(true);
    if (st.get_affected_rows() == 0)
        sql << "INSERT INTO report_snapshots (scope, computed_at, seconds, body) VALUES (:scope, :t, :s, :b)",
            soci::use(scope, "scope"), soci::use(s.computed_at, "t"), soci::use(s.seconds, "s"), soci::use(s.body, "b");
}

std::optional<Snapshot> load_snapshot(soci::session& sql, const std::string& scope) {
    Snapshot s;
    soci::indicator ind = soci::i_null;
    sql << "SELECT computed_at, seconds, body FROM report_snapshots WHERE scope = :scope", soci::use(scope, "scope"),
        soci::into(s.computed_at, ind), soci::into(s.seconds), soci::into(s.body);
    if (ind != soci::i_ok) return std::nullopt;
    return s;
}

long long snapshot_time(soci::session& sql, const std::string& scope) {
    long long t = 0;
    soci::indicator ind = soci::i_null;
    sql << "SELECT computed_at FROM report_snapshots WHERE scope = :scope", soci::use(scope, "scope"), soci::into(t, ind);
    return ind == soci::i_ok ? t : 0;
}

namespace {
void put(soci::session& sql, const std::string& name, const std::string& value, const std::string& by, long long now) {
    soci::statement st = (sql.prepare << "UPDATE report_settings SET value = :v, updated_by = :b, updated_at = :t WHERE name = :n",
                          soci::use(value, "v"), soci::use(by, "b"), soci::use(now, "t"), soci::use(name, "n"));
    st.execute(true);
    if (st.get_affected_rows() == 0)
        sql << "INSERT INTO report_settings (name, value, updated_by, updated_at) VALUES (:n, :v, :b, :t)",
            soci::use(name, "n"), soci::use(value, "v"), soci::use(by, "b"), soci::use(now, "t");
}
} // namespace

ReportSettings load_settings(soci::session& sql) {
    ReportSettings s;
    std::string name, value;
    soci::statement st = (sql.prepare << "SELECT name, value FROM report_settings", soci::into(name), soci::into(value));
    st.execute();
    while (st.fetch()) {
        try {
            // A hand-edited bad value falls back to the default.
            if (name == "completion_points") s.completion_points = std::stod(value);
            else if (name == "time_percent") s.time_percent = std::stod(value);
            else if (name == "high_quality_stars") s.high_quality_stars = std::stoi(value);
        } catch (const std::exception&) {
        }
    }
    return s;
}

void save_settings(soci::session& sql, const ReportSettings& s, const std::string& by) {
    long long now = now_seconds();
    put(sql, "completion_points", std::to_string(s.completion_points), by, now);
    put(sql, "time_percent", std::to_string(s.time_percent), by, now);
    put(sql, "high_quality_stars", std::to_string(s.high_quality_stars), by, now);
}

void upsert_rating(soci::session& sql, const Rating& r, const std::string& by) {
    long long now = now_seconds();
    soci::statement st = (sql.prepare << "UPDATE qris_ratings SET stars = :s, imported_by = :b, imported_at = :t "
                                         "WHERE program_id = :p AND rated_on = :d",
                          soci::use(r.stars, "s"), soci::use(by, "b"), soci::use(now, "t"), soci::use(r.program_id, "p"),
                          soci::use(r.rated_on, "d"));
    st.execute(true);
    if (st.get_affected_rows() == 0)
        sql << "INSERT INTO qris_ratings (program_id, rated_on, stars, imported_by, imported_at) VALUES (:p, :d, :s, :b, :t)",
            soci::use(r.program_id, "p"), soci::use(r.rated_on, "d"), soci::use(r.stars, "s"), soci::use(by, "b"),
            soci::use(now, "t");
}

std::vector<Rating> all_ratings(soci::session& sql) {
    std::vector<Rating> out;
    Rating r;
    soci::statement st = (sql.prepare << "SELECT program_id, rated_on, stars FROM qris_ratings ORDER BY program_id, rated_on",
                          soci::into(r.program_id), soci::into(r.rated_on), soci::into(r.stars));
    st.execute();
    while (st.fetch()) out.push_back(r);
    return out;
}

void add_revision_note(soci::session& sql, const RevisionNote& n) {
    std::string id = n.id.empty() ? crypto::new_id() : n.id;
    sql << "INSERT INTO revision_notes (id, micro_credential_id, draft_version_id, findings, note, created_by, created_at) "
           "VALUES (:id, :m, :v, :f, :n, :b, :t)",
        soci::use(id, "id"), soci::use(n.micro_credential_id, "m"), soci::use(n.draft_version_id, "v"),
        soci::use(n.findings, "f"), soci::use(n.note, "n"), soci::use(n.created_by, "b"), soci::use(n.created_at, "t");
}

std::vector<RevisionNote> revision_notes(soci::session& sql, const std::string& micro_credential_id) {
    std::vector<RevisionNote> out;
    RevisionNote n;
    soci::indicator by_ind;
    soci::statement st = (sql.prepare << "SELECT id, micro_credential_id, draft_version_id, findings, note, created_by, "
                                         "created_at FROM revision_notes WHERE micro_credential_id = :m "
                                         "ORDER BY created_at DESC, id",
                          soci::use(micro_credential_id, "m"), soci::into(n.id), soci::into(n.micro_credential_id),
                          soci::into(n.draft_version_id), soci::into(n.findings), soci::into(n.note),
                          soci::into(n.created_by, by_ind), soci::into(n.created_at));
    st.execute();
    while (st.fetch()) {
        RevisionNote c = n;
        if (by_ind != soci::i_ok) c.created_by.clear();
        out.push_back(c);
    }
    return out;
}

} // namespace mc::reports
