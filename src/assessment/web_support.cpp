#include "assessment/web_support.hpp"

#include "platform/dates.hpp"

#include <ctime>

#include "accounts/roles.hpp"
#include "assessment/assessment_store.hpp"

namespace mc::assessment {

bool is_admin(const http::Principal& p) { return (p.roles & accounts::any_admin) != 0; }

std::vector<Score> scores_from_form(const http::Request& req, const catalog::Rubric& rubric) {
    std::vector<Score> out;
    for (const auto& c : rubric.criteria) {
        bool has_level = req.form.contains("level_" + c.id);
        bool has_feedback = req.form.contains("feedback_" + c.id);
        if (!has_level && !has_feedback) continue;
        out.push_back({c.id, req.form_value("level_" + c.id), req.form_value("feedback_" + c.id)});
    }
    return out;
}

Result<std::vector<Score>> scores_from_json(const nlohmann::json& body) {
    std::vector<Score> out;
    if (!body.is_object() || !body.contains("scores")) return out;
    const auto& list = body["scores"];
    if (!list.is_array()) return fail(Errc::bad_input, "errors.bad_input", "scores must be a list");
    for (const auto& s : list) {
        if (!s.is_object() || !s.contains("criterion_id") || !s["criterion_id"].is_string())
            return fail(Errc::bad_input, "errors.bad_input", "score needs criterion_id");
        auto str = [&](const char* k) { return s.contains(k) && s[k].is_string() ? s[k].get<std::string>() : ""; };
        out.push_back({str("criterion_id"), str("level_id"), str("feedback")});
    }
    return out;
}

nlohmann::json scores_to_json(const std::vector<Score>& scores) {
    auto out = nlohmann::json::array();
    for (const auto& s : scores)
        out.push_back({{"criterion_id", s.criterion_id}, {"level_id", s.level_id}, {"feedback", s.feedback}});
    return out;
}

nlohmann::json rubric_view(const app::App& app, const http::Request& req, const catalog::Content& content,
                           const std::vector<Score>& scores, const std::vector<FieldError>& errors) {
    const auto& rubric = content.rubric;
    auto criteria = nlohmann::json::array();
    for (const auto& c : rubric.criteria) {
        const Score* score = nullptr;
        for (const auto& s : scores)
            if (s.criterion_id == c.id) score = &s;
        std::string level = score ? score->level_id : "";
        nlohmann::json item{{"id", c.id},
                            {"title", c.title.in(req.locale)},
                            {"feedback", score ? score->feedback : ""},
                            {"has_feedback", score && !score->feedback.empty()},
                            {"below_bar", !level.empty() && below_bar(rubric, level)}};
        if (const auto* part = content.part(c.part_id)) item["part_title"] = part->title.in(req.locale);
        auto levels = nlohmann::json::array();
        for (const auto& [level_id, descriptor] : c.descriptors) {
            int rank = rubric.level_rank(level_id);
            levels.push_back({{"criterion_id", c.id},
                              {"id", level_id},
                              {"label", rubric.levels[static_cast<std::size_t>(rank)].label.in(req.locale)},
                              {"descriptor", descriptor.in(req.locale)},
                              {"checked", level_id == level},
                              {"passing", level_id == rubric.passing_level}});
            if (level_id == level) {
                item["level_label"] = levels.back()["label"];
                item["level_descriptor"] = levels.back()["descriptor"];
            }
        }
        item["levels"] = std::move(levels);
        for (const auto& e : errors)
            if (e.field == c.id) item["error"] = app.catalog.text(req.locale, e.key);
        criteria.push_back(std::move(item));
    }
    return criteria;
}

nlohmann::json error_messages(const app::App& app, const http::Request& req, const std::vector<FieldError>& errors) {
    auto out = nlohmann::json::array();
    for (const auto& e : errors) out.push_back(app.catalog.text(req.locale, e.key));
    return out;
}

nlohmann::json field_errors_json(const app::App& app, const http::Request& req, const std::vector<FieldError>& errors) {
    auto out = nlohmann::json::array();
    for (const auto& e : errors)
        out.push_back({{"field", e.field}, {"code", e.key}, {"message", app.catalog.text(req.locale, e.key)}});
    return out;
}

std::string format_date(long long unix_seconds) { return unix_seconds <= 0 ? "" : day_of(unix_seconds); }

int age_in_days(long long since) {
    if (since <= 0) return 0;
    return static_cast<int>((now_seconds() - since) / 86400);
}

} // namespace mc::assessment
