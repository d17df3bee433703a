// The counts every dashboard is drawn from, summed once per refresh: for each dimension
// (micro-credential, competency area, setting, language, county, ...) and each group in it,
// how many enrollments reached each stage of the funnel, first attempts and their outcomes,
// and distributions (in whole days or hours) for time to credential and assessor turnaround,
// so medians and 90th percentiles stay exact after groups or months are added together.
// Pure: facts in, counts out; JSON both ways (the stored snapshot).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace mc::reports {

// One enrollment's path (built from the stores of evidence, assessment and accounts).
struct EnrollmentFact {
    std::string id, educator_id, micro_credential_id;
    long long enrolled_at = 0;
    bool started = false;           // an attempt exists (the educator began the evidence)
    long long submitted_at = 0;     // first submission, 0 if never submitted
    long long demonstrated_at = 0;  // decision "Demonstrated", 0 if not (yet)
    int passing_attempt = 0;        // the attempt that demonstrated it
    std::string first_outcome;      // decision on attempt 1: "" | demonstrated | not_yet
    long long first_decided_at = 0;
    struct Decision {
        long long submitted_at = 0, decided_at = 0;
    };
    std::vector<Decision> decisions; // every decided attempt (for assessor turnaround)
};

// The groups a person falls in for each person dimension ("" = not stated).
using PersonGroups = std::map<std::string, std::string>; // dimension -> group key

using Histogram = std::map<long long, long long>; // value -> how many

struct Counters {
    long long people = 0, enrolled = 0, started = 0, submitted = 0, demonstrated = 0;
    long long first_decided = 0, first_passed = 0, decisions = 0;
    Histogram attempts;         // passing attempt number -> enrollments
    Histogram days_to_credential;
    Histogram turnaround_hours; // per decision
    void add(const Counters& other); // people are added too (only right for disjoint groups)
};

struct Cube {
    // dimension -> group -> counts. "all" holds the single group "all".
    std::map<std::string, std::map<std::string, Counters>> dims;
    // YYYY-MM -> counts of what happened that month (enrolled, first submitted, demonstrated,
    // first decided, decisions made); people are not counted by month.
    std::map<std::string, Counters> months;
};

// Person dimensions read from PersonGroups; enrollment dimensions are filled here.
inline constexpr const char* kPersonDims[] = {"setting", "language", "county", "rurality", "program",
                                             "job_role", "age_band", "gender", "race_ethnicity"};
inline constexpr const char* kEnrollmentDims[] = {"micro_credential", "area", "pathway"};

struct CubeInputs {
    const std::vector<EnrollmentFact>* enrollments = nullptr;
    const std::map<std::string, PersonGroups>* people = nullptr;   // educator id -> groups
    const std::map<std::string, std::string>* area_of = nullptr;   // micro-credential id -> area id
    // Pathways an enrollment's micro-credential counts toward (none until pathways are read).
    const std::map<std::string, std::vector<std::string>>* pathways_of = nullptr;
};
Cube build_cube(const CubeInputs& in);

nlohmann::json cube_to_json(const Cube& c);
Cube cube_from_json(const nlohmann::json& j);

// Exact from a distribution: the median (mean of the two middle values for an even count) and
// the 90th percentile by nearest rank (the value at rank ceil(0.9 n)). nullopt when empty.
std::optional<double> hist_median(const Histogram& h);
std::optional<double> hist_percentile(const Histogram& h, double p);
long long hist_count(const Histogram& h);

} // namespace mc::reports
