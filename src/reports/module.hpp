// Entry points of the reports domain for the app wiring (src/app/modules.cpp).
#pragma once

#include <ostream>

#include "app/app.hpp"

namespace mc::reports {

void install(app::App& app);           // pages, /api/v1/reports
Result<void> seed_demo(app::App& app); // the demo programs' quality ratings and the county classes; idempotent
// Background: keeps the agency snapshot no older than 15 minutes.
void refresh_in_background(app::App& app, long long now);

// `microcred seed-synthetic --educators N [--seed S]`: a realistic synthetic workforce, the
// same for the same seed and size. Prints what it wrote; returns the exit status. The demo data
// must be loaded first (the catalog, the issuer, an assessor and the satisfaction surveys).
struct SyntheticOptions {
    long long educators = 1000;
    unsigned long long seed = 1;
    std::string until = "2026-12-01"; // the synthetic "today": data never depends on the clock
};
int seed_synthetic_command(app::App& app, const SyntheticOptions& options, std::ostream& out, std::ostream& err);

} // namespace mc::reports
