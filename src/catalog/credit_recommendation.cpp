#include "catalog/credit_recommendation.hpp"

#include <algorithm>
#include <cmath>

#include "platform/dates.hpp"
#include "platform/text/utf8.hpp"

namespace mc::catalog {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxSubject = 120;

std::size_t code_points(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

void issue(std::vector<ContentIssue>& out, std::string field, std::string key, std::string detail) {
    out.push_back({std::move(field), "catalog.credit_recommendations.errors." + std::move(key), std::move(detail)});
}

} // namespace

std::optional<std::vector<CreditRecommendation>> recommendations_from_json(const json& doc,
                                                                           std::vector<ContentIssue>& issues) {
    std::size_t before = issues.size();
    if (!doc.is_object() || !doc.contains("recommendations") || !doc["recommendations"].is_array()) {
        issue(issues, "recommendations", "list", "recommendations must be a list");
        return std::nullopt;
    }
    const auto& list = doc["recommendations"];
    if (list.size() > kMaxRecommendations) {
        issue(issues, "recommendations", "too_many", "at most 10 recommendations");
        return std::nullopt;
    }
    std::vector<CreditRecommendation> out;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const auto& item = list[i];
        std::string at = "recommendations." + std::to_string(i);
        if (!item.is_object()) {
            issue(issues, at, "item", "each recommendation is an object");
            continue;
        }
        CreditRecommendation r;
        const auto hours = item.find("semester_hours");
        if (hours == item.end() || !hours->is_number()) {
            issue(issues, at + ".semester_hours", "hours", "semester_hours must be a number");
        } else {
            double h = hours->get<double>();
            if (!std::isfinite(h) || h <= 0 || h > 60 || std::abs(h * 2 - std::round(h * 2)) > 1e-9)
                issue(issues, at + ".semester_hours", "hours", "semester_hours: more than 0, at most 60, in halves");
            else
                r.semester_hours = h;
        }
        const auto level = item.find("level");
        if (level == item.end() || !level->is_string() ||
            std::ranges::find(kCreditLevels, level->get<std::string>()) == std::end(kCreditLevels))
            issue(issues, at + ".level", "level", "level: lower_division, upper_division or graduate");
        else
            r.level = level->get<std::string>();
        const auto subject = item.find("subject");
        if (subject == item.end() || !subject->is_string() || subject->get<std::string>().empty() ||
            !text::is_clean_line(subject->get<std::string>()) || code_points(subject->get<std::string>()) > kMaxSubject)
            issue(issues, at + ".subject", "subject", "subject: one line of text, 1 to 120 characters");
        else
            r.subject = subject->get<std::string>();
        const auto from = item.find("effective_from");
        if (from == item.end() || !from->is_string() || !parse_day(from->get<std::string>()))
            issue(issues, at + ".effective_from", "date", "effective_from: a day, YYYY-MM-DD");
        else
            r.effective_from = from->get<std::string>();
        const auto to = item.find("effective_to");
        if (to != item.end() && !to->is_null()) {
            if (!to->is_string() || (!to->get<std::string>().empty() && !parse_day(to->get<std::string>())))
                issue(issues, at + ".effective_to", "date", "effective_to: a day, YYYY-MM-DD, or empty");
            else if (!to->get<std::string>().empty() && !r.effective_from.empty() &&
                     to->get<std::string>() < r.effective_from)
                issue(issues, at + ".effective_to", "order", "effective_to is before effective_from");
            else
                r.effective_to = to->get<std::string>();
        }
        out.push_back(std::move(r));
    }
    if (issues.size() != before) return std::nullopt;
    return out;
}

json recommendations_to_json(const std::vector<CreditRecommendation>& list) {
    json items = json::array();
    for (const auto& r : list)
        items.push_back({{"semester_hours", r.semester_hours},
                         {"level", r.level},
                         {"subject", r.subject},
                         {"effective_from", r.effective_from},
                         {"effective_to", r.effective_to.empty() ? json(nullptr) : json(r.effective_to)}});
    return {{"recommendations", items}};
}

// ISO days compare as text.
bool in_effect(const CreditRecommendation& r, std::string_view day) {
    return r.effective_from <= day && (r.effective_to.empty() || day <= r.effective_to);
}

bool still_offered(const CreditRecommendation& r, std::string_view day) {
    return r.effective_to.empty() || day <= r.effective_to;
}

} // namespace mc::catalog
