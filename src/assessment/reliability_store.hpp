// SQL for double scoring and reliability: program settings, lead assessors, review plans, and
// the ratings the analytics measure. Writes expect the caller's db::WriteTx.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "assessment/reliability/analytics.hpp"
#include "assessment/reliability/sampling.hpp"
#include "platform/error.hpp"

namespace mc::assessment {

struct Settings {
    double double_share = 0.2;          // share of submissions scored by two assessors
    bool double_first_of_version = true; // the first submission of each new version too
    reliability::DisagreementRule rule = reliability::DisagreementRule::outcome;
    double kappa_bar = 0.8;             // an assessor below this (Cohen's kappa) raises an alert
    int min_ratings = 10;               // fewer criterion ratings than this: not enough data
    std::string seed = "microcred";     // the reproducible draw's seed
    int certification_days = 365;       // how long a passing calibration round certifies
};

// The assessment_settings table (program settings by name; absent names take their defaults):
// every value as stored, and an upsert of one. Each domain's loader reads the names it owns.
std::map<std::string, std::string> setting_values(soci::session& sql);
void put_setting(soci::session& sql, const std::string& name, const std::string& value, const std::string& by,
                 long long now);

Settings load_settings(soci::session& sql);
// Validates: share and bar in [0, 1], min_ratings 1..10000, seed 1..100 characters.
std::vector<std::pair<std::string, std::string>> validate_settings(const Settings& s); // (field, key)
void save_settings(soci::session& sql, const Settings& s, const std::string& by);

bool is_lead(soci::session& sql, const std::string& user_id);
void set_lead(soci::session& sql, const std::string& user_id, bool lead, const std::string& by);

struct ReviewPlan {
    std::string submission_id;
    int scorers = 1;
    std::string reason; // single | sampled | first_of_version
    std::string stage;  // scoring | adjudication | decided
};
std::optional<ReviewPlan> load_plan(soci::session& sql, const std::string& submission_id);
// The plan, made on first use from the settings (reproducible draw; first submission of its version).
ReviewPlan ensure_plan(soci::session& sql, const std::string& submission_id, const std::string& version_id,
                       long long submitted_at);
// Writes the plan's stage; a missing plan is created as single-scored at that stage.
void set_stage(soci::session& sql, const std::string& submission_id, const std::string& stage);

// An assignment of a submission that still counts (assigned or completed), oldest first;
// calibration scorings are not part of a submission's review and are left out.
struct Slot {
    std::string id;
    std::string assessor_id;
    std::string assessor_name;
    std::string kind;   // scoring | adjudication
    std::string status; // assigned | completed
    std::string outcome;
    std::string summary;
    long long assigned_at = 0;
    long long completed_at = 0;
};
std::vector<Slot> active_slots(soci::session& sql, const std::string& submission_id);

// Submissions the auto-assigner should look at: waiting, short of scorers, or needing a lead.
std::vector<std::string> submissions_needing_assessors(soci::session& sql, int limit);

// Everything the analytics page measures, gathered in a few queries.
struct AssessorFacts {
    std::string id;
    std::string name;
    bool lead = false;
    long long certified_until = 0; // latest certification's expiry (0: never certified)
    int completed = 0;          // scoring assignments completed
    int demonstrated = 0;       // of those, concluded Demonstrated
    std::vector<double> turnaround_days;
};
struct CredentialFacts {
    std::string id; // micro_credential id
    std::string title_en, title_es;
    int decided = 0;
    int demonstrated = 0;
    int double_scored = 0;
    int adjudicated = 0;
    std::vector<double> turnaround_days; // submitted -> decided
};
struct ReliabilityData {
    std::vector<reliability::Rating> partner;     // each double-scored pair, once, per criterion
    std::vector<reliability::Rating> vs_final;    // each scorer vs the score the decision stands on
    std::vector<reliability::Rating> calibration; // calibration scorings vs the true scores
    std::vector<AssessorFacts> assessors;
    std::vector<CredentialFacts> credentials;
    // criterion id -> title per micro-credential: "mc/criterion" -> (en, es)
    std::map<std::string, std::pair<std::string, std::string>> criterion_titles;
};
// The period [since, until): scorings completed and decisions made in it (0 = no bound).
ReliabilityData gather_reliability(soci::session& sql, long long since, long long until = 0);

} // namespace mc::assessment
