// The background auto-assigner. The lead's background loop calls auto_assign(app) about every
// 30 seconds; the "Auto-assign" button on /admin/queue calls it too.
#pragma once

#include "app/app.hpp"

namespace mc::assessment {

// Fills every free seat it can, oldest submission first: waiting submissions, double-scored
// ones short of a second scorer, and disagreements waiting for a lead assessor; each seat goes
// to the eligible assessor with the fewest open assignments (never the educator, never someone
// at the educator's employer, never someone already on the submission). One transaction per
// submission, so a failure skips just that one. Returns how many submissions got someone. Never throws: errors are logged.
int auto_assign(app::App& app);

} // namespace mc::assessment
