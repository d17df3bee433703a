// Called by assessment when an attempt is judged "Demonstrated": builds, signs and stores the
// Open Badges 3.0 credential for the educator, inside the caller's transaction (so a decision
// and its award commit together), and notifies the educator (kind "awarded"): callers must not
// notify "awarded" again.
#pragma once

#include <string>

#include <soci/soci.h>

#include "app/app.hpp"

namespace mc::credentials {

// Returns the new award id. Fails with Errc::conflict if the submission already has one.
Result<std::string> award_submission(app::App& app, soci::session& sql, const std::string& submission_id);

} // namespace mc::credentials
