// The view model of the structured authoring form. Every section is a list of rows and every
// row a list of controls of a few shapes (bilingual text, plain input, select, checkbox group,
// single checkbox), so one template loop renders parts, rubric criteria and references alike.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "catalog/content.hpp"

namespace mc::catalog {

// content may be invalid (a re-render after 422): wrong types are shown as they came.
nlohmann::json edit_form_view(const app::App& app, const http::Request& req, const nlohmann::json& content,
                              const std::vector<ContentIssue>& issues);

// Messages in the caller's language, one per issue, for the list at the top of a form.
nlohmann::json issue_messages(const app::App& app, const http::Request& req,
                              const std::vector<ContentIssue>& issues);

} // namespace mc::catalog
