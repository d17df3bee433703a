// Child privacy in storage: the agency's retention period, the sweep that removes evidence files
// once it has passed since the decision, the log of who opened which file, and the educator's
// consent to let a submission train assessors. Writes expect the caller's db::WriteTx, except
// sweep_retention, which holds its own (one per submission).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "app/app.hpp"

namespace mc::evidence {

// Days after the decision that evidence files are kept. A year by default: long enough for an
// appeal, a coach's review and a resubmission; short enough that children's images do not
// outlive their purpose.
inline constexpr int kDefaultRetentionDays = 365;
inline constexpr int kMinRetentionDays = 30;   // an appeal and the coach must still see them
inline constexpr int kMaxRetentionDays = 3650;

int retention_days(soci::session& sql);
void save_retention_days(soci::session& sql, int days, const std::string& by);
// Evidence files still kept, and those removed by the retention sweep or by a withdrawal.
struct FileCounts {
    long long kept = 0, by_retention = 0, by_withdrawal = 0;
};
FileCounts file_counts(soci::session& sql);
bool valid_retention_days(long long days);

struct SweepResult {
    int submissions = 0; // submissions whose files were marked removed
    int files = 0;       // file rows marked removed
    int blobs = 0;       // stored byte files deleted (fewer when another live row shares them)
};

// Removes the files of every decided submission (Demonstrated, or Not yet) whose decision is
// older than the retention period at `now`. Kept: files of a submission the educator let serve
// as an active calibration exemplar. The credential does not depend on the files, so it keeps
// verifying. A bounded batch per call (the background loop calls again). Never throws.
SweepResult sweep_retention(app::App& app, long long now);

// One opening of an evidence file.
struct ViewEntry {
    std::string file_id, file_name, submission_id, educator_id;
    std::string viewer_id, viewer_name, viewer_email;
    std::uint32_t viewer_roles = 0;
    bool viewer_assigned = false; // had an assignment on the submission (scorer, lead, calibration) or its appeal
    long long at = 0;
};

struct ViewFilter {
    std::string submission_id; // "" for all
    std::string viewer_email;  // "" for all (exact, case-insensitive)
    long long from = 0;        // at >= from (0: no bound)
    long long to = 0;          // at < to (0: no bound)
    int limit = 500;
};

std::vector<ViewEntry> evidence_views(soci::session& sql, const ViewFilter& filter); // newest first

// The educator's choice; taking it back keeps the submission out of any new calibration round.
void set_exemplar_consent(soci::session& sql, const std::string& submission_id, bool consent);

} // namespace mc::evidence
