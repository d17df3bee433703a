// Impact: how programs' quality ratings (QRIS stars) sit beside the share of their staff holding
// micro-credentials; whether credentialed staff stay (12-month retention from employment
// records); the indicators states publish (share of providers rated high quality, staff
// turnover, credentials earned, scholarships awarded) and the federal table of credentials
// awarded in a fiscal year by setting. Pure: facts in, counts out (suppressed when shown).
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace mc::reports {

struct Rating {
    std::string program_id, rated_on; // YYYY-MM-DD
    int stars = 0;
};
struct Job {
    std::string educator_id, program_id;
    long long started = 0, ended = 0; // unix seconds at 00:00 UTC; ended 0 while current
};
struct Held {
    std::string educator_id;
    long long issued_at = 0, revoked_at = 0; // revoked 0: still valid
};

struct ImpactInputs {
    std::vector<std::string> program_ids;
    std::vector<Rating> ratings;
    std::vector<Job> jobs;
    std::vector<Held> awards;
    std::map<std::string, std::string> setting_of; // educator -> work setting ("" not stated)
    // Educators who completed a pathway by a date (none until pathways can be read).
    std::map<std::string, long long> pathway_completed_at;
    int high_quality_stars = 3; // "high quality" as the state defines it (3 stars or more)
};

struct StarLevel {
    int stars = 0; // 0: not rated
    long long programs = 0, staff = 0, credentialed = 0, with_pathway = 0;
};
struct RatingChange {
    std::string change; // rose | same | fell (first rating to the latest, for programs rated twice or more)
    long long programs = 0, staff = 0, credentialed = 0;
};
struct Retention {
    long long cohort = 0, retained = 0;
};
struct Indicators {
    long long programs_rated = 0, programs_high_quality = 0;
    long long staff_at_start = 0, separations = 0; // of the staff employed when the period began
    long long credentials_earned = 0;              // issued in the period and not revoked by its end
};

// Everything for one period [start, end) (unix seconds), as of its end.
struct ImpactCounts {
    long long start = 0, end = 0;
    std::vector<StarLevel> by_stars;     // 0..5
    std::vector<RatingChange> changes;   // rose, same, fell
    Retention credentialed, others;      // employed a year before the end; still there at the end
    Indicators indicators;
};
ImpactCounts impact_counts(const ImpactInputs& in, long long start, long long end);

// Credentials awarded in a federal fiscal year (1 October of fy-1 to 30 September of fy) by the
// educator's work setting.
std::map<std::string, long long> credentials_by_setting(const ImpactInputs& in, int fiscal_year);
// [start, end) of a fiscal year, and of a calendar quarter ("2026-Q2").
std::pair<long long, long long> fiscal_year_span(int fiscal_year);
std::pair<long long, long long> quarter_span(const std::string& quarter);

nlohmann::json impact_to_json(const ImpactCounts& c);
ImpactCounts impact_from_json(const nlohmann::json& j);

} // namespace mc::reports
