// The workforce as reports and surveys see it: each person's language, setting, program, job
// and self-reported demographics; programs with their county; every employment; the agency's
// classification of counties (rural, urban, ...). Owned by accounts; surveys and reports read
// it through this header only. Reads stream rows to a callback: there may be 100,000s.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "accounts/employment_store.hpp"

namespace mc::accounts {

struct PersonFacts {
    std::string id, locale, work_setting;
    std::string program_id; // current employment's program, else the employer on the profile
    std::string job_role;   // of the current employment ("" without one)
    std::uint32_t roles = 0;
    std::string age_band, gender, race_ethnicity; // self-reported, "" when not given
    bool disabled = false; // can no longer sign in; still counted where their past work is
};

// Every user (disabled ones too, flagged: reports count their past work), ordered by id; program_id given: only that program's staff (a current
// employment there, or it as the employer on the profile).
void for_each_person(soci::session& sql, const std::function<void(const PersonFacts&)>& each,
                     const std::string& program_id = {});
std::optional<PersonFacts> person_facts(soci::session& sql, const std::string& user_id);

struct ProgramRecord {
    std::string id, name, setting_type, county, license_number;
};
std::vector<ProgramRecord> programs(soci::session& sql); // organizations of kind 'employer', by name

// Every employment row (current and ended), oldest start first.
void for_each_employment(soci::session& sql, const std::function<void(const Employment&)>& each);

// County (lower-case) -> class, as the agency uploaded them.
std::map<std::string, std::string> county_classes(soci::session& sql);
// Replaces the whole table with `classes` (keys lower-case), in the caller's transaction.
void replace_county_classes(soci::session& sql, const std::map<std::string, std::string>& classes,
                            const std::string& by);

} // namespace mc::accounts
