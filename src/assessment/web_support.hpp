// Helpers shared by the assessment pages and API: reading scores from a form or JSON, and
// building the rubric view model the templates render.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "assessment/rules.hpp"

namespace mc::assessment {

bool is_admin(const http::Principal& p);

// Form fields level_<criterion> and feedback_<criterion>; only criteria the form mentions.
std::vector<Score> scores_from_form(const http::Request& req, const catalog::Rubric& rubric);
// {"scores": [{"criterion_id", "level_id", "feedback"}]}; bad_input when the shape is wrong.
Result<std::vector<Score>> scores_from_json(const nlohmann::json& body);
nlohmann::json scores_to_json(const std::vector<Score>& scores);

// For each criterion: title, part title, levels (label, descriptor, checked, passing),
// feedback, below_bar, and the error message for it if any.
nlohmann::json rubric_view(const app::App& app, const http::Request& req, const catalog::Content& content,
                           const std::vector<Score>& scores, const std::vector<FieldError>& errors);

// Translated messages of all field errors, for the list at the top of a form.
nlohmann::json error_messages(const app::App& app, const http::Request& req, const std::vector<FieldError>& errors);
nlohmann::json field_errors_json(const app::App& app, const http::Request& req, const std::vector<FieldError>& errors);

std::string format_date(long long unix_seconds); // YYYY-MM-DD, UTC
int age_in_days(long long since);

} // namespace mc::assessment
