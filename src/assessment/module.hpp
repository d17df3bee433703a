// Entry points of the assessment domain for the app wiring (src/app/modules.cpp).
#pragma once

#include "app/app.hpp"

namespace mc::assessment {

void install(app::App& app);           // routes (pages and /api/v1), and any hooks
Result<void> seed_demo(app::App& app); // demo data for ./run; idempotent

} // namespace mc::assessment
