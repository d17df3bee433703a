// Entry points of the surveys domain for the app wiring (src/app/modules.cpp).
#pragma once

#include "app/app.hpp"

namespace mc::surveys {

void install(app::App& app);           // pages, /api/v1/surveys, the milestone listener, the dashboard card
Result<void> seed_demo(app::App& app); // the needs assessment and open satisfaction surveys; idempotent

} // namespace mc::surveys
