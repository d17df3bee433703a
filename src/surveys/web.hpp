// The surveys domain's web layer (pages, API, milestone listener, dashboard card); not used
// outside src/surveys.
#pragma once

#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "surveys/model.hpp"
#include "surveys/results.hpp"

namespace mc::surveys {

void install_builder_pages(app::App& app); // /admin/surveys...
void install_answer_pages(app::App& app);  // /surveys/{invitation}
void install_api(app::App& app);           // /api/v1/surveys...
void install_milestones(app::App& app);    // satisfaction surveys offered at milestones; the dashboard card

// Adds "errors" (summary) and "field_errors.<field>" to ctx; "has_errors" when any.
void add_errors(const app::App& app, const http::Request& req, const std::vector<FieldError>& errors, nlohmann::json& ctx);

// A published count as text: the number, or "*" when suppressed.
std::string shown_text(const Shown& s);
// Survey results as the page, the CSV and the API show them (labels in the caller's language).
nlohmann::json results_json(const app::App& app, const http::Request& req, const Survey& s,
                            const std::vector<ItemResult>& results, const std::string& by);
// The label of a group value of `by` (language, setting), "not stated" for "".
std::string group_label(const app::App& app, const http::Request& req, const std::string& by, const std::string& key);

// The form's answers (field item_<id>, several values for multiple choice).
RawAnswers raw_answers_from_form(const http::Request& req, const Survey& s);
// Checks and records one response in its own transaction; on bad answers fills `errors` and
// returns bad_input with nothing saved.
struct Invitation;
Result<void> answer(app::App& app, soci::session& sql, const Invitation& inv, const Survey& s, const RawAnswers& raw,
                    std::vector<FieldError>& errors);

// Sends an open general survey to its audience: invitations, notices and emails, in the
// caller's transaction. Returns how many people were asked.
Result<long long> send_survey(app::App& app, soci::session& sql, const Survey& s);

} // namespace mc::surveys
