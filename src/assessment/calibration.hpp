// Calibration and certification: the calibration set (decided submissions with accepted true
// scores), rounds in which an assessor scores the set, and the certification a passing round
// earns (Cohen's kappa against the true scores at or above the program's bar), until it expires.
// Steps run inside the caller's db::WriteTx.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "app/app.hpp"
#include "assessment/reliability/analytics.hpp"

namespace mc::assessment {

struct CalibrationItem {
    std::string submission_id;
    std::string version_id;
    long long added_at = 0;
    int criteria = 0;
};
std::vector<CalibrationItem> calibration_items(soci::session& sql);
// Decided submissions that could join the set (agreed or adjudicated, not in it already), newest first.
std::vector<std::string> calibration_candidates(soci::session& sql, int limit);
// The decision's scores become the true scores. Errc::conflict when undecided or already in the set.
Result<void> add_calibration_item(soci::session& sql, const std::string& submission_id, const std::string& by);
Result<void> retire_calibration_item(soci::session& sql, const std::string& submission_id);

struct Certification {
    double kappa = 0;
    long long certified_at = 0;
    long long expires_at = 0;
};
// The latest certification of an assessor, if any (expired ones too; compare expires_at).
std::optional<Certification> latest_certification(soci::session& sql, const std::string& assessor_id);

struct Round {
    std::string id;
    long long started_at = 0, finished_at = 0;
    int ratings = 0, total = 0, done = 0;
    std::optional<double> exact, kappa;
    bool passed = false;
};
std::vector<Round> rounds_of(soci::session& sql, const std::string& assessor_id);

// Starts a round: one calibration assignment per item of the set the assessor may score (not
// their own or a colleague's evidence, not one they scored or adjudicated for real).
// Errc::conflict when a round is open already or nothing is left to score.
Result<std::string> start_round(app::App& app, soci::session& sql, const std::string& assessor_id);

// Called when a calibration assignment is completed: when it was the round's last, scores the
// round against the true scores and certifies on a pass. Returns the round when it finished.
std::optional<Round> finish_round_if_done(soci::session& sql, const std::string& round_id);

// Completed calibration scorings against the true scores, for the analytics.
std::vector<reliability::Rating> calibration_ratings(soci::session& sql, long long since);

} // namespace mc::assessment
