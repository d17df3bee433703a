// Route groups of the assessment domain, installed by module.cpp.
#pragma once

#include "app/app.hpp"

namespace mc::assessment {

void install_queue_pages(app::App& app);   // /admin/queue
void install_scoring_pages(app::App& app); // /assess, /assess/{id}
void install_result_pages(app::App& app);  // /submissions/{id}/result
void install_api(app::App& app);           // /api/v1/assignments, /api/v1/submissions/{id}/assign
void install_reliability_pages(app::App& app); // /admin/reliability(.csv|/settings), /api/v1/reliability, settings, leads

// The ?done= confirmation a page shows after a redirect, from an allow-list (never echoed).
nlohmann::json done_notice(const app::App& app, const http::Request& req);

} // namespace mc::assessment
