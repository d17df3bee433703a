// Called by assessment when an attempt is judged "Demonstrated": builds, signs and stores the
// Open Badges 3.0 credential for the educator, inside the caller's transaction (so a decision
// and its award commit together), and notifies the educator (kind "awarded"): callers must not
// notify "awarded" again.
#pragma once

#include <string>
#include <utility>
#include <vector>

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

// The rubric levels an award is made on, (criterion id, level id) per criterion.
using RubricScores = std::vector<std::pair<std::string, std::string>>;

// Returns the new award id. `scores` are the ones the decision rests on: assessment (to the
// right of credentials) passes them in, so credentials reads no assessment table. Fails with
// Errc::conflict if the submission already has an award or the scores do not pass the rubric.
Result<std::string> award_submission(app::App& app, soci::session& sql, const std::string& submission_id,
                                     const RubricScores& scores);

} // namespace mc::credentials
