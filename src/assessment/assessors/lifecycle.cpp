#include "assessment/assessors/lifecycle.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>

namespace mc::assessment::assessors {

namespace {

// Short on purpose: each one is read before the first calibration round, on a phone.
constexpr TrainingModule kModules[] = {
    {"rubric_orientation"},
    {"bias_blind_review"},
    {"child_privacy"},
};

bool blank(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

template <class List>
bool known(const List& list, std::string_view v) {
    return std::find(std::begin(list), std::end(list), v) != std::end(list);
}

} // namespace

std::span<const TrainingModule> training_modules() { return kModules; }

bool fully_trained(const std::vector<std::string>& completed) {
    for (const auto& m : kModules)
        if (std::find(completed.begin(), completed.end(), m.id) == completed.end()) return false;
    return true;
}

std::vector<FieldError> validate_application(const Application& a) {
    std::vector<FieldError> errors;
    if (blank(a.qualifications)) errors.push_back({"qualifications", "assessors.errors.qualifications_required"});
    else if (a.qualifications.size() > kMaxQualifications)
        errors.push_back({"qualifications", "assessors.errors.too_long"});
    if (a.years_experience < 0 || a.years_experience > 70)
        errors.push_back({"years_experience", "assessors.errors.years_range"});
    if (a.languages.empty()) errors.push_back({"languages", "assessors.errors.language_required"});
    for (const auto& l : a.languages)
        if (!known(kLanguages, l)) {
            errors.push_back({"languages", "assessors.errors.unknown_language"});
            break;
        }
    for (const auto& s : a.settings)
        if (!known(kSettings, s)) {
            errors.push_back({"settings", "assessors.errors.unknown_setting"});
            break;
        }
    if (a.relationships.size() > kMaxRelationships) errors.push_back({"relationships", "assessors.errors.too_long"});
    if (a.related_emails.size() > kMaxRelatedEmails)
        errors.push_back({"related_emails", "assessors.errors.too_many_emails"});
    return errors;
}

std::vector<std::string> split_list(std::string_view s, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= s.size()) {
        auto end = s.find(sep, start);
        if (end == std::string_view::npos) end = s.size();
        auto item = s.substr(start, end - start);
        while (!item.empty() && std::isspace(static_cast<unsigned char>(item.front()))) item.remove_prefix(1);
        while (!item.empty() && std::isspace(static_cast<unsigned char>(item.back()))) item.remove_suffix(1);
        if (!item.empty()) out.emplace_back(item);
        start = end + 1;
    }
    return out;
}

std::string join_list(const std::vector<std::string>& items, char sep) {
    std::string out;
    for (const auto& i : items) {
        if (!out.empty()) out += sep;
        out += i;
    }
    return out;
}

bool is_month(std::string_view m) {
    if (m.size() != 7 || m[4] != '-') return false;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u})
        if (!std::isdigit(static_cast<unsigned char>(m[i]))) return false;
    int month = (m[5] - '0') * 10 + (m[6] - '0');
    return month >= 1 && month <= 12;
}

std::string dollars(long long cents) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s%lld.%02lld", cents < 0 ? "-" : "", std::llabs(cents) / 100, std::llabs(cents) % 100);
    return buf;
}

} // namespace mc::assessment::assessors
