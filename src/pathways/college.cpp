#include "pathways/college.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "platform/text/utf8.hpp"

namespace mc::pathways {

namespace {

std::size_t code_points(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string trimmed(const std::string& s) {
    auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return "";
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

} // namespace

std::optional<CreditDecisionInput> check_decision(const std::string& award_id, const std::string& outcome,
                                                  const std::string& hours_text, const std::string& course,
                                                  const std::string& reason, std::vector<RuleIssue>& issues) {
    auto before = issues.size();
    CreditDecisionInput d;
    d.award_id = award_id;
    if (outcome != "granted" && outcome != "denied") issues.push_back({"outcome", "pathways.college.errors.outcome"});
    d.outcome = outcome;
    auto hours = trimmed(hours_text);
    if (outcome == "granted") {
        char* end = nullptr;
        double h = hours.empty() || hours.size() > 8 ? 0 : std::strtod(hours.c_str(), &end);
        if (hours.empty() || hours.size() > 8 || end != hours.c_str() + hours.size() || !std::isfinite(h) || h <= 0 ||
            h > 60 || std::abs(h * 2 - std::round(h * 2)) > 1e-9)
            issues.push_back({"semester_hours", "pathways.college.errors.hours"});
        else
            d.semester_hours = h;
    } else if (outcome == "denied" && !hours.empty() && hours != "0") {
        issues.push_back({"semester_hours", "pathways.college.errors.hours_denied"});
    }
    d.course_equivalent = trimmed(course);
    if (!text::is_clean_line(d.course_equivalent) || code_points(d.course_equivalent) > 80)
        issues.push_back({"course_equivalent", "pathways.college.errors.course"});
    d.reason = trimmed(reason);
    if (d.reason.empty() || !text::valid_utf8(d.reason) || text::has_control_chars(d.reason, true) ||
        code_points(d.reason) > 1000)
        issues.push_back({"reason", "pathways.college.errors.reason"});
    if (issues.size() != before) return std::nullopt;
    return d;
}

} // namespace mc::pathways
