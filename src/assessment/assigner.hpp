// The background auto-assigner. The lead's background loop calls auto_assign(app) about every
// 30 seconds; the "Auto-assign" button on /admin/queue calls it too.
#pragma once

#include "app/app.hpp"

namespace mc::assessment {

// Assigns every waiting ('submitted') submission it can, oldest first, each to the eligible
// assessor with the fewest open assignments (never the educator, never someone at the
// educator's employer). One transaction per submission, so a failure skips just that one.
// Returns how many were assigned. Never throws: errors are logged.
int auto_assign(app::App& app);

} // namespace mc::assessment
