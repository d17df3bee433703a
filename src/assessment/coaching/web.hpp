// Route groups of turnaround, completeness and appeals, installed by the assessment module.
#pragma once

#include <nlohmann/json.hpp>

#include "app/app.hpp"

namespace mc::assessment::coaching {

void install(app::App& app);               // all of the below
void install_appeal_pages(app::App& app);  // /submissions/{id}/appeal, /appeals, /appeals/{id}, /admin/appeals
void install_turnaround_pages(app::App& app); // /admin/turnaround
void install_completeness_pages(app::App& app); // /assess/{id}/incomplete
void install_coaching_api(app::App& app);
void install_coaching_pages(app::App& app); // /coaching, /coaching/{id}, /admin/coaching
void install_referral_api(app::App& app);  // /api/v1/coaching/referrals...  // /api/v1/appeals..., /api/v1/assignments/{id}/incomplete, /api/v1/turnaround

// For the result page: whether and how the educator may appeal, and the appeal's state.
nlohmann::json appeal_box(const app::App& app, const http::Request& req, soci::session& sql,
                          const std::string& submission_id);

// For the result page: "Your coach is ..." while an open referral with a coach exists, else null.
nlohmann::json coach_box(const app::App& app, const http::Request& req, soci::session& sql,
                         const std::string& enrollment_id);

} // namespace mc::assessment::coaching
