// The reports domain's SQL: refreshed snapshots, settings, QRIS ratings and the notes kept when
// a micro-credential's revision is started from what the reports showed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "reports/impact.hpp"

namespace mc::reports {

long long now_seconds();

struct Snapshot {
    long long computed_at = 0;
    double seconds = 0; // how long the refresh took
    std::string body;   // JSON
};
void save_snapshot(soci::session& sql, const std::string& scope, const Snapshot& s);
std::optional<Snapshot> load_snapshot(soci::session& sql, const std::string& scope);
long long snapshot_time(soci::session& sql, const std::string& scope); // 0 when there is none

struct ReportSettings {
    double completion_points = 10; // equity: percentage points behind the whole
    double time_percent = 25;      // equity: percent slower than the whole
    int high_quality_stars = 3;    // QRIS level counted as high quality
};
ReportSettings load_settings(soci::session& sql);
void save_settings(soci::session& sql, const ReportSettings& s, const std::string& by);

// Inserts or replaces the stars of (program, date).
void upsert_rating(soci::session& sql, const Rating& r, const std::string& by);
std::vector<Rating> all_ratings(soci::session& sql);

struct RevisionNote {
    std::string id, micro_credential_id, draft_version_id, findings, note, created_by;
    long long created_at = 0;
};
void add_revision_note(soci::session& sql, const RevisionNote& n);
std::vector<RevisionNote> revision_notes(soci::session& sql, const std::string& micro_credential_id);

} // namespace mc::reports
