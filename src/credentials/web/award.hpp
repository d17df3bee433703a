// Called by assessment when an attempt is judged "Demonstrated": builds, signs and stores the
// Open Badges 3.0 credential for the educator, inside the caller's transaction (so a decision
// and its award commit together), and notifies the educator (kind "awarded"): callers must not
// notify "awarded" again.
#pragma once

#include <string>

#include <soci/soci.h>

#include "app/app.hpp"
#include "credentials/model/open_badge.hpp"

namespace mc::credentials {

// The parts of an award that come from the achievement (its version's content, competency and
// framework), in `locale` ("en" or "es"). Shared by single awards and bulk issue.
Result<void> fill_achievement_facts(const app::App& app, soci::session& sql, const std::string& version_id,
                                    const std::string& locale, AwardFacts& facts);

// RFC 4122 version-4 UUID text; award ids are credential ids "urn:uuid:<id>".
std::string new_award_uuid();

// Returns the new award id. Fails with Errc::conflict if the submission already has one.
Result<std::string> award_submission(app::App& app, soci::session& sql, const std::string& submission_id);

} // namespace mc::credentials
