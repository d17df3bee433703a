// Entry points of the accounts domain for the app wiring (src/app/modules.cpp).
#pragma once

#include "app/app.hpp"

namespace mc::accounts {

void install(app::App& app);           // routes (pages and /api/v1), and any hooks
Result<void> seed_demo(app::App& app); // demo data for ./run; idempotent
void start_background(app::App& app);  // the outbox sender thread
void stop_background(app::App& app);   // stops it, finishing the message in hand

} // namespace mc::accounts
