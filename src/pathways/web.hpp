// Internal wiring of the pathways web layer, and the views pages and API share.
#pragma once

#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "pathways/evaluation.hpp"
#include "pathways/lattice_evaluation.hpp"

namespace mc::pathways {

void install_pages(app::App& app);
void install_api(app::App& app);
void install_college_pages(app::App& app);
void install_college_api(app::App& app);

// A pathway as an educator reads it (texts in her language): progress, done, in review, next.
nlohmann::json pathway_view_json(const app::App& app, std::string_view locale, const PathwayView& v,
                                 const OfferIndex& offers);
// "5 of 8 areas", "10.8 of 12 credits"
std::string progress_text(const app::App& app, std::string_view locale, const Outcome& o);
// Her level in a lattice (texts in her language): the level, since when, what gets her to the next.
nlohmann::json lattice_view_json(const app::App& app, std::string_view locale, const LatticeView& v,
                                 const OfferIndex& offers);
// Every lattice for one educator, evaluated now from her records (nothing written).
std::vector<LatticeView> lattice_views(app::App& app, soci::session& sql, const std::string& educator_id,
                                       const std::vector<PathwayView>& pathways, const OfferIndex& offers);
nlohmann::json requirement_view_json(const app::App& app, std::string_view locale, const RequirementView& v);

// A director's staff with their requirement status, the most urgent first.
struct StaffStatus {
    std::string educator_id, name, job_role;
    std::vector<RequirementView> requirements;
    Standing worst = Standing::met;
};
std::vector<StaffStatus> staff_status(soci::session& sql, const std::string& org_id, long long now);

} // namespace mc::pathways
