// Who works where: child care programs (organizations of kind 'employer') and the jobs
// educators hold in them. Owned by accounts; pathways, incentives, registry exchange and
// reports read it through this header only. Dates are YYYY-MM-DD (platform/dates.hpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

#include "platform/error.hpp"

namespace mc::accounts {

// Job roles as licensing rules name them (WAC-style "lead teacher", "assistant", ...).
inline constexpr std::string_view job_roles[] = {
    "lead_teacher", "assistant_teacher", "program_director", "family_child_care_provider",
    "family_child_care_assistant", "home_visitor", "early_interventionist", "aide",
};
bool is_job_role(std::string_view role);

// Program facts beyond the name: setting type (the educator profile's work settings),
// county (for rural/urban reporting), state license number.
struct ProgramFacts {
    std::string setting_type, county, license_number;
};
void set_program_facts(soci::session& sql, const std::string& org_id, const ProgramFacts& facts);
ProgramFacts program_facts(soci::session& sql, const std::string& org_id);

struct Employment {
    std::string id, educator_id, org_id, job_role;
    std::string started_on, ended_on; // ended_on empty while current
    int hours_per_week = 0;
    long long hourly_wage_cents = 0;
    std::string source;               // self | director | registry
    std::string confirmed_by;         // empty until a director (or a registry import) confirms
    long long confirmed_at = 0;
    bool current() const { return ended_on.empty(); }
    bool confirmed() const { return !confirmed_by.empty() || source == "registry"; }
};

// Validates role and dates (422 naming the field) and writes a new row; returns its id.
Result<std::string> add_employment(soci::session& sql, const Employment& e);
Result<void> end_employment(soci::session& sql, const std::string& id, const std::string& ended_on);
// A director confirms (and may correct) hours and wage; records who and when.
Result<void> confirm_employment(soci::session& sql, const std::string& id, const std::string& director_id,
                                int hours_per_week, long long hourly_wage_cents);

std::optional<Employment> find_employment(soci::session& sql, const std::string& id);
std::vector<Employment> employments_of(soci::session& sql, const std::string& educator_id); // newest first
std::optional<Employment> current_employment(soci::session& sql, const std::string& educator_id);
// Everyone currently working at the program (a director's staff list).
std::vector<Employment> staff_of(soci::session& sql, const std::string& org_id);
// Every employment row changed at or after `since` (unix seconds), for registry delta exports.
std::vector<Employment> employments_changed_since(soci::session& sql, long long since, int limit);

} // namespace mc::accounts
