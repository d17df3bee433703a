// Turnaround and appeal settings: program numbers in assessment_settings (by name) and
// per-micro-credential turnaround overrides.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <soci/soci.h>

namespace mc::assessment::coaching {

struct ProgramTimes {
    int turnaround_days = 7;
    int appeal_window_days = 30;
    int coach_referral_after = 3; // "Not yet" decisions on one enrollment before a coach referral
};

ProgramTimes load_times(soci::session& sql);
void save_times(soci::session& sql, const ProgramTimes& t, const std::string& by);

// micro_credential_id -> days
std::map<std::string, int> load_overrides(soci::session& sql);
// days <= 0 removes the override.
void save_override(soci::session& sql, const std::string& micro_credential_id, int days, const std::string& by);

// The target for one version's micro-credential: its override, else the program's.
int target_days_for_version(soci::session& sql, const std::string& version_id, const ProgramTimes& t,
                            const std::map<std::string, int>& overrides);

// Parses a whole number of days in 1..365; -1 when it is not one.
int parse_days(const std::string& text);

} // namespace mc::assessment::coaching

namespace mc::assessment::coaching {

// Due dates for a list page: the settings are read once, each version's target once.
class DueDates {
public:
    explicit DueDates(soci::session& sql);
    int target_days(const std::string& version_id);
    long long due(const std::string& version_id, long long submitted_at);

private:
    soci::session& sql_;
    ProgramTimes times_;
    std::map<std::string, int> overrides_;
    std::map<std::string, int> by_version_;
};

} // namespace mc::assessment::coaching
