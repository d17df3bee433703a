#include "accounts/validation.hpp"

#include <algorithm>

#include "accounts/roles.hpp"
#include "platform/http/redirects.hpp"

namespace mc::accounts {

std::string trim(std::string_view s) {
    auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    auto last = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(first, last - first + 1));
}

std::string normalize_email(std::string_view email) {
    auto out = trim(email);
    std::ranges::transform(out, out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool plausible_email(std::string_view e) {
    if (e.size() < 3 || e.size() > 254) return false;
    auto at = e.find('@');
    if (at == std::string_view::npos || at == 0 || e.find('@', at + 1) != std::string_view::npos) return false;
    auto domain = e.substr(at + 1);
    auto dot = domain.find('.');
    if (dot == std::string_view::npos || dot == 0 || domain.back() == '.') return false;
    // Control characters, spaces and brackets never belong in an address we mail to.
    return std::ranges::none_of(e, [](unsigned char c) { return c <= ' ' || c == '<' || c == '>' || c == 0x7f; });
}

std::size_t utf8_length(std::string_view s) {
    return static_cast<std::size_t>(std::ranges::count_if(s, [](unsigned char c) { return (c & 0xc0) != 0x80; }));
}

namespace {
bool in_list(std::string_view v, const auto& list) {
    return std::ranges::find(list, v) != std::ranges::end(list);
}
void check_name(std::string_view name, FieldErrors& errors) {
    if (trim(name).empty()) errors["display_name"] = "accounts.errors.name_required";
    else if (utf8_length(name) > 100) errors["display_name"] = "accounts.errors.name_too_long";
}
} // namespace

FieldErrors validate_new_password(std::string_view password, std::string_view confirm) {
    FieldErrors errors;
    if (utf8_length(password) < min_password_length) errors["password"] = "accounts.errors.password_short";
    else if (password.size() > 1024) errors["password"] = "accounts.errors.password_long";
    else if (password != confirm) errors["password_confirm"] = "accounts.errors.password_mismatch";
    return errors;
}

FieldErrors validate_sign_up(const SignUp& s, const std::vector<std::string>& locales) {
    FieldErrors errors;
    check_name(s.display_name, errors);
    if (!plausible_email(s.email)) errors["email"] = "accounts.errors.email_invalid";
    if (utf8_length(s.password) < min_password_length) errors["password"] = "accounts.errors.password_short";
    else if (s.password.size() > 1024) errors["password"] = "accounts.errors.password_long";
    if (!in_list(s.locale, locales)) errors["locale"] = "accounts.errors.locale_invalid";
    return errors;
}

FieldErrors validate_profile(const Profile& p, const std::vector<std::string>& locales,
                             const std::set<std::string>& employer_ids) {
    FieldErrors errors;
    check_name(p.display_name, errors);
    if (!in_list(p.locale, locales)) errors["locale"] = "accounts.errors.locale_invalid";
    if (!p.work_setting.empty() && !in_list(p.work_setting, work_settings))
        errors["work_setting"] = "accounts.errors.choice_invalid";
    if (!p.employer_org_id.empty() && !employer_ids.contains(p.employer_org_id))
        errors["employer_org_id"] = "accounts.errors.choice_invalid";
    if (utf8_length(p.employer_program) > 200) errors["employer_program"] = "accounts.errors.text_too_long";
    // Registry ids differ by state (digits, letters, dashes): accept those, nothing else.
    bool registry_ok = p.registry_id.size() <= 40 && std::ranges::all_of(p.registry_id, [](unsigned char c) {
                           return std::isalnum(c) || c == '-';
                       });
    if (!registry_ok) errors["registry_id"] = "accounts.errors.registry_invalid";
    if (!p.highest_degree.empty() && !in_list(p.highest_degree, degrees))
        errors["highest_degree"] = "accounts.errors.choice_invalid";
    if (utf8_length(p.degree_field) > 120) errors["degree_field"] = "accounts.errors.text_too_long";
    return errors;
}

std::string safe_next(std::string_view next, std::string_view fallback) {
    return http::local_redirect_target(next, fallback);
}

std::uint32_t roles_from_names(const std::vector<std::string>& names) {
    std::uint32_t mask = 0;
    for (Role r : every_role)
        if (std::ranges::find(names, role_name(r)) != names.end()) mask |= r;
    return mask;
}

std::vector<std::string> role_names(std::uint32_t roles) {
    std::vector<std::string> out;
    for (Role r : every_role)
        if (roles & r) out.emplace_back(role_name(r));
    return out;
}

} // namespace mc::accounts
