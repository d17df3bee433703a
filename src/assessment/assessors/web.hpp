// Routes and helpers of the assessor lifecycle (pages and /api/v1), installed by the assessment
// module. docs/api/assessors.yaml describes the API.
#pragma once

#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "assessment/assessors/store.hpp"

namespace mc::assessment::assessors {

void install_pages(app::App& app); // /assessors/apply, /assessors/training, /assessors/earnings, /admin/assessors, /admin/honoraria
void install_api(app::App& app);   // /api/v1/assessor-applications, /api/v1/assessors/..., /api/v1/honoraria

// The application fields of a form post or a JSON body (missing years become -1: invalid).
Application application_from_form(const http::Request& req);
Result<Application> application_from_json(const nlohmann::json& body);
nlohmann::json application_json(const ApplicationRecord& a);
nlohmann::json honorarium_json(const HonorariumRow& r);
// The CSV an admin downloads for a month (cells that a spreadsheet would run as formulas are quoted safe).
std::string honoraria_csv(const std::vector<HonorariumRow>& rows);
// This month (UTC) unless `m` is a valid YYYY-MM.
std::string month_or_current(const std::string& m);
// "YYYY-MM-DD" as the end of that day (UTC); 0 for empty; -1 when unreadable.
long long date_end(const std::string& ymd);

} // namespace mc::assessment::assessors
