// Entry points of the incentives domain for the app wiring (src/app/modules.cpp).
#pragma once

#include "app/app.hpp"

namespace mc::incentives {

void install(app::App& app);           // pages and /api/v1/incentives (none yet)
// The demo funders' rule sets (web/demo/incentives/rule_sets.json) and the lettered
// "reward-levels" lattice the REWARD$-style rule set prices, saved through pathways' store.
// Idempotent: a rule set or lattice already stored under its slug is left as it is (an agency
// may have edited it).
Result<void> seed_demo(app::App& app);

} // namespace mc::incentives
