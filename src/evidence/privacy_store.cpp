#include "evidence/privacy_store.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include <spdlog/spdlog.h>

#include "evidence/blob_store.hpp"
#include "evidence/submission_store.hpp"
#include "platform/db/database.hpp"

namespace mc::evidence {

namespace {

std::string lower(std::string s) {
    std::ranges::transform(s, s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// Submissions due for removal at `cutoff` (decided at or before it), oldest decision first.
// calibration_items belongs to assessment: an exemplar the educator consented to stays while
// assessors still calibrate on it.
std::vector<std::string> due_for_removal(soci::session& sql, long long cutoff, int limit) {
    std::vector<std::string> out;
    std::string id;
    soci::statement st =
        (sql.prepare << "SELECT s.id FROM submissions s WHERE s.decided_at IS NOT NULL AND s.decided_at <= :c "
                        "AND s.status IN ('demonstrated', 'returned') "
                        "AND EXISTS (SELECT 1 FROM evidence_files f WHERE f.submission_id = s.id AND f.removed_at IS NULL) "
                        "AND NOT (s.exemplar_consent = 1 AND EXISTS (SELECT 1 FROM calibration_items c "
                        "WHERE c.submission_id = s.id AND c.retired = 0)) "
                        "ORDER BY s.decided_at, s.id LIMIT :n",
         soci::use(cutoff, "c"), soci::use(limit, "n"), soci::into(id));
    st.execute();
    while (st.fetch()) out.push_back(id);
    return out;
}

} // namespace

bool valid_retention_days(long long days) { return days >= kMinRetentionDays && days <= kMaxRetentionDays; }

int retention_days(soci::session& sql) {
    std::string value;
    soci::indicator ind = soci::i_null;
    sql << "SELECT value FROM evidence_settings WHERE name = 'retention_days'", soci::into(value, ind);
    if (!sql.got_data() || ind != soci::i_ok) return kDefaultRetentionDays;
    try {
        long long days = std::stoll(value);
        return valid_retention_days(days) ? static_cast<int>(days) : kDefaultRetentionDays;
    } catch (const std::exception&) {
        return kDefaultRetentionDays;
    }
}

void save_retention_days(soci::session& sql, int days, const std::string& by) {
    std::string value = std::to_string(days);
    long long now = now_seconds();
    // One statement, so two admins saving at once cannot collide (SQLite and PostgreSQL both have it).
    sql << "INSERT INTO evidence_settings (name, value, updated_by, updated_at) VALUES ('retention_days', :v, :b, :t) "
           "ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, "
           "updated_at = excluded.updated_at",
        soci::use(value, "v"), soci::use(by, "b"), soci::use(now, "t");
}

SweepResult sweep_retention(app::App& app, long long now) {
    SweepResult result;
    try {
        auto sql = app.db->lease();
        long long cutoff = now - static_cast<long long>(retention_days(*sql)) * 86400;
        for (const auto& id : due_for_removal(*sql, cutoff, 200)) {
            std::set<std::string> hashes;
            int rows = 0;
            for (const auto& f : files_of(*sql, id))
                if (!f.removed_at) {
                    hashes.insert(f.sha256);
                    ++rows;
                }
            // Same order as withdrawal: the rows say "removed" first, so no page links to bytes
            // that are about to go; the bytes go after the commit, unless a live row shares them.
            std::lock_guard store(store_mutex());
            {
                db::WriteTx tx(*sql);
                mark_files_removed(*sql, id, "retention", now);
                tx.commit();
            }
            for (const auto& sha : hashes)
                if (!bytes_in_use(*sql, sha)) {
                    remove_blob(app.config.evidence_dir(), sha);
                    ++result.blobs;
                }
            ++result.submissions;
            result.files += rows;
        }
    } catch (const std::exception& e) {
        spdlog::error("evidence retention sweep stopped: {}", e.what());
    }
    if (result.files > 0)
        spdlog::info("evidence retention: removed {} files of {} submissions ({} stored files deleted)", result.files,
                     result.submissions, result.blobs);
    return result;
}

std::vector<ViewEntry> evidence_views(soci::session& sql, const ViewFilter& filter) {
    std::string where = " WHERE 1 = 1";
    if (!filter.submission_id.empty()) where += " AND f.submission_id = :s";
    if (!filter.viewer_email.empty()) where += " AND u.email = :e";
    if (filter.from > 0) where += " AND v.at >= :from";
    if (filter.to > 0) where += " AND v.at < :to";
    std::string query =
        "SELECT v.file_id, f.original_name, f.submission_id, s.educator_id, v.viewer_id, u.display_name, u.email, "
        "u.roles, v.at, (SELECT COUNT(*) FROM assignments a WHERE a.submission_id = f.submission_id "
        "AND a.assessor_id = v.viewer_id) + (SELECT COUNT(*) FROM appeals p WHERE p.submission_id = f.submission_id "
        "AND p.reviewer_id = v.viewer_id) FROM evidence_views v JOIN evidence_files f ON f.id = v.file_id "
        "JOIN submissions s ON s.id = f.submission_id JOIN users u ON u.id = v.viewer_id" +
        where + " ORDER BY v.at DESC, v.id DESC LIMIT :n";
    ViewEntry e;
    long long roles = 0, assigned = 0;
    auto email = lower(filter.viewer_email);
    int limit = std::clamp(filter.limit, 1, 5000);
    soci::statement st(sql);
    st.alloc();
    st.exchange(soci::into(e.file_id));
    st.exchange(soci::into(e.file_name));
    st.exchange(soci::into(e.submission_id));
    st.exchange(soci::into(e.educator_id));
    st.exchange(soci::into(e.viewer_id));
    st.exchange(soci::into(e.viewer_name));
    st.exchange(soci::into(e.viewer_email));
    st.exchange(soci::into(roles));
    st.exchange(soci::into(e.at));
    st.exchange(soci::into(assigned));
    if (!filter.submission_id.empty()) st.exchange(soci::use(filter.submission_id, "s"));
    if (!filter.viewer_email.empty()) st.exchange(soci::use(email, "e"));
    if (filter.from > 0) st.exchange(soci::use(filter.from, "from"));
    if (filter.to > 0) st.exchange(soci::use(filter.to, "to"));
    st.exchange(soci::use(limit, "n"));
    st.prepare(query);
    st.define_and_bind();
    std::vector<ViewEntry> out;
    if (st.execute(true)) {
        do {
            ViewEntry row = e;
            row.viewer_roles = static_cast<std::uint32_t>(roles);
            row.viewer_assigned = assigned > 0;
            out.push_back(std::move(row));
        } while (st.fetch());
    }
    return out;
}

void set_exemplar_consent(soci::session& sql, const std::string& submission_id, bool consent) {
    int c = consent ? 1 : 0;
    long long now = now_seconds();
    soci::indicator at_ind = consent ? soci::i_ok : soci::i_null;
    sql << "UPDATE submissions SET exemplar_consent = :c, exemplar_consent_at = :a WHERE id = :s", soci::use(c, "c"),
        soci::use(now, at_ind, "a"), soci::use(submission_id, "s");
}

FileCounts file_counts(soci::session& sql) {
    FileCounts c;
    sql << "SELECT COUNT(*) FROM evidence_files WHERE removed_at IS NULL", soci::into(c.kept);
    sql << "SELECT COUNT(*) FROM evidence_files WHERE removed_reason = 'retention'", soci::into(c.by_retention);
    sql << "SELECT COUNT(*) FROM evidence_files WHERE removed_reason = 'withdrawn'", soci::into(c.by_withdrawal);
    return c;
}

} // namespace mc::evidence
