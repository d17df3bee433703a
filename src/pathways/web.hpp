// Internal wiring of the pathways web layer, and the views pages and API share.
#pragma once

#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "pathways/evaluation.hpp"

namespace mc::pathways {

void install_pages(app::App& app);
void install_api(app::App& app);

// A pathway as an educator reads it (texts in her language): progress, done, in review, next.
nlohmann::json pathway_view_json(const app::App& app, std::string_view locale, const PathwayView& v,
                                 const OfferIndex& offers);
// "5 of 8 areas", "10.8 of 12 credits"
std::string progress_text(const app::App& app, std::string_view locale, const Outcome& o);
nlohmann::json requirement_view_json(const app::App& app, std::string_view locale, const RequirementView& v);

// A director's staff with their requirement status, the most urgent first.
struct StaffStatus {
    std::string educator_id, name, job_role;
    std::vector<RequirementView> requirements;
    Standing worst = Standing::met;
};
std::vector<StaffStatus> staff_status(soci::session& sql, const std::string& org_id, long long now);

} // namespace mc::pathways
