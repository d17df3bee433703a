// The steps of assessment that change state: assign, release, decide. Each runs inside the
// caller's db::WriteTx, so the state change, its notification and (for "Demonstrated") the
// award commit together or not at all.
#pragma once

#include <string>
#include <vector>

#include <soci/soci.h>

#include "app/app.hpp"
#include "assessment/rules.hpp"

namespace mc::assessment {

// Gives a submitted (or, to reassign, an in-review) submission to an assessor; releases any
// open assignment first. assigned_by is empty for the auto-assigner. Refuses assessors with a
// conflict of interest (Errc::conflict) and users who are not assessors (Errc::bad_input).
Result<std::string> assign(app::App& app, soci::session& sql, const std::string& submission_id,
                           const std::string& assessor_id, const std::string& assigned_by);

// Picks the eligible assessor with the fewest open assignments and assigns;
// Errc::conflict "assessment.errors.no_eligible_assessor" when there is none.
Result<std::string> assign_best(app::App& app, soci::session& sql, const std::string& submission_id,
                                const std::string& assigned_by);

// Hands an open assignment back: the submission returns to the queue.
Result<void> release(app::App& app, soci::session& sql, const std::string& assignment_id);

struct DecisionInput {
    Outcome outcome = Outcome::not_yet;
    std::string summary;
    std::vector<Score> scores; // saved first (same transaction), then the decision is judged on all saved scores
};

// Records the decision on an open assignment by its assessor. On invalid input returns
// Errc::bad_input and fills field_errors (the caller rolls back: nothing changes).
// "Demonstrated" awards the credential in the same transaction; if the award fails the error
// is returned with key "assessment.errors.award_failed" and the caller rolls back.
Result<std::string> decide(app::App& app, soci::session& sql, const std::string& assignment_id,
                           const std::string& decided_by, const DecisionInput& input,
                           std::vector<FieldError>& field_errors);

// The micro-credential's title in a language, for notices and lists ("" if unreadable).
std::string version_title(soci::session& sql, const std::string& version_id, const std::string& locale);

} // namespace mc::assessment
