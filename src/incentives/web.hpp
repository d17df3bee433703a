// Internal wiring of the incentives web layer, and what pages and API share.
#pragma once

#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "incentives/application_store.hpp"
#include "incentives/rule_set_store.hpp"

namespace mc::incentives {

void install_pages(app::App& app);
void install_api(app::App& app);

long long now_seconds();
std::string status_label(const app::App& app, const http::Request& req, const std::string& status);
// An application as pages and the API show it (texts in the caller's language).
nlohmann::json application_json(const app::App& app, const http::Request& req, soci::session& sql,
                                 const Application& a, const std::vector<RuleSetRecord>& rule_sets);

} // namespace mc::incentives
