// Optional self-reported demographics an educator chooses to give on their profile, for the
// agency's equity reports (groups are only ever shown as counts of ten or more). Nothing here
// is required, and "prefer not to say" is an answer of its own.
#pragma once

#include <string>
#include <string_view>

#include <soci/soci.h>

#include "accounts/validation.hpp"

namespace mc::accounts {

inline constexpr std::string_view age_bands[] = {"under_25", "25_34", "35_44", "45_54", "55_plus", "prefer_not"};
inline constexpr std::string_view genders[] = {"woman", "man", "nonbinary", "prefer_not"};
inline constexpr std::string_view race_ethnicities[] = {"hispanic_latino", "black", "white", "asian",
                                                        "native_american", "pacific_islander", "multiracial",
                                                        "other", "prefer_not"};

struct Demographics {
    std::string age_band, gender, race_ethnicity; // "" = not given
};

// Every value is one of the lists above or empty; errors name the field.
FieldErrors validate_demographics(const Demographics& d);
Demographics load_demographics(soci::session& sql, const std::string& user_id);
// All three empty removes the row: nothing is kept that the educator took back.
void save_demographics(soci::session& sql, const std::string& user_id, const Demographics& d);

} // namespace mc::accounts
