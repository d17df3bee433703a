// Pure rules of the accounts domain (no I/O): what a valid email, password, profile and
// redirect target are. Errors are field name -> catalog key, so pages and the API share them.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace mc::accounts {

using FieldErrors = std::map<std::string, std::string>; // field -> catalog key

inline constexpr std::size_t min_password_length = 10;
inline constexpr std::string_view work_settings[] = {"family_child_care", "center", "head_start",
                                                     "state_prek", "early_intervention", "home_visiting"};
inline constexpr std::string_view degrees[] = {"none", "cda", "associate", "bachelor", "master", "doctorate"};

std::string normalize_email(std::string_view email); // trimmed, lower-case
bool plausible_email(std::string_view email);         // one @, a dot in the domain, no spaces
std::string trim(std::string_view s);
// Characters, not bytes: names in Spanish have accents.
std::size_t utf8_length(std::string_view s);

struct SignUp {
    std::string display_name, email, password, locale;
};
FieldErrors validate_sign_up(const SignUp& s, const std::vector<std::string>& locales);
FieldErrors validate_new_password(std::string_view password, std::string_view confirm);

struct Profile {
    std::string display_name, locale, work_setting, employer_org_id, employer_program, registry_id,
        highest_degree, degree_field;
};
// employer_ids: organizations of kind 'employer' the user may choose.
FieldErrors validate_profile(const Profile& p, const std::vector<std::string>& locales,
                             const std::set<std::string>& employer_ids);

// Only site-relative paths ("/x", not "//host" or "/\host") may follow sign-in: no open redirect.
std::string safe_next(std::string_view next, std::string_view fallback = "/dashboard");

std::uint32_t roles_from_names(const std::vector<std::string>& names);
std::vector<std::string> role_names(std::uint32_t roles);

} // namespace mc::accounts
