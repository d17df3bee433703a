// The agency's snapshot: every count the dashboards read, computed in one pass over the sources
// and stored (report_snapshots), refreshed by the background loop every 15 minutes and on
// demand; each page shows when it was computed. A director's program is small and is computed
// live from the same code, so both views always agree on what a figure means.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "app/app.hpp"
#include "reports/cube.hpp"
#include "reports/impact.hpp"

namespace mc::reports {

struct Report {
    Cube cube;
    std::map<std::string, ImpactCounts> quarters;             // "2026-Q2" -> impact as of its end
    std::map<int, std::map<std::string, long long>> federal;  // fiscal year -> setting -> credentials
    long long computed_at = 0;
    double seconds = 0;
    bool live = false; // computed for this request (a director's program)
};

// The quarters reports offer: the current one and the seven before it, newest first.
std::vector<std::string> recent_quarters(long long now, int count = 8);
int fiscal_year_of(long long t); // federal: October starts the next year's

Report compute_report(soci::session& sql, const std::string& program_id, long long now);
// Computes and stores the agency snapshot; returns it.
Report refresh_agency(app::App& app);
// The agency snapshot (computed now if there is none yet), parsed once per refresh and shared
// by every request until the stored one is newer.
std::shared_ptr<const Report> agency_report(app::App& app);
// Background: refreshes when the snapshot is older than max_age seconds. Logs its own errors.
void refresh_if_stale(app::App& app, long long now, long long max_age = 15 * 60);

} // namespace mc::reports
