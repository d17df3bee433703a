// The assessor lifecycle's pure rules: what a valid application is, which training modules an
// assessor attests before calibrating, and the money arithmetic of honoraria. No SOCI, no HTTP.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "assessment/rules.hpp"

namespace mc::assessment::assessors {

// Languages assessors can score evidence in, and the educators' work settings (the values of
// educator_profiles.work_setting).
inline constexpr std::string_view kLanguages[] = {"en", "es"};
inline constexpr std::string_view kSettings[] = {"family_child_care", "center",           "head_start",
                                                 "state_prek",        "early_intervention", "home_visiting"};

// A training module; its title and material are catalog keys assessors.training.<id>_title and
// assessors.training.<id>_summary, shown on the training page itself (no outside link to rot).
struct TrainingModule {
    std::string_view id;
};
std::span<const TrainingModule> training_modules();
// True when every module is among the completed ids.
bool fully_trained(const std::vector<std::string>& completed);

struct Application {
    std::string qualifications;
    int years_experience = -1;
    std::vector<std::string> languages;
    std::vector<std::string> settings;
    std::string relationships;                // free text
    std::vector<std::string> related_emails;  // specific accounts to avoid
};
inline constexpr std::size_t kMaxQualifications = 2000;
inline constexpr std::size_t kMaxRelationships = 4000;
inline constexpr std::size_t kMaxRelatedEmails = 20;
// Field errors (field, catalog key): qualifications required, years 0..70, at least one known
// language, only known settings, bounded texts.
std::vector<FieldError> validate_application(const Application& a);

// "en,es" <-> {"en", "es"}; empty items are dropped.
std::vector<std::string> split_list(std::string_view s, char sep = ',');
std::string join_list(const std::vector<std::string>& items, char sep = ',');

// Standing names an admin may filter by.
inline constexpr std::string_view kFilters[] = {"pending", "approved", "rejected", "paused", "retired"};

// is_month checks the shape of a month filter (YYYY-MM, as mc::month_of writes it).
bool is_month(std::string_view m);
// 2500 -> "25.00" (money is kept as integer cents; this is only for display and CSV).
std::string dollars(long long cents);

} // namespace mc::assessment::assessors
