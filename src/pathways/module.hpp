// Entry points of the pathways domain for the app wiring (src/app/modules.cpp).
#pragma once

#include "app/app.hpp"

namespace mc::pathways {

void install(app::App& app);           // evaluation on award events, pages, /api/v1/pathways and /api/v1/requirements, dashboard card
Result<void> seed_demo(app::App& app); // the ECE credential levels and WAC-shaped requirements; idempotent

// Deadline reminders (180 and 30 days before an unmet requirement is due), each sent once.
int send_requirement_reminders(app::App& app, long long now);

} // namespace mc::pathways
