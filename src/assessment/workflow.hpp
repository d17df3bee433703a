// The steps of assessment that change state: assign, release, decide. Each runs inside the
// caller's db::WriteTx, so the state change, its notification and (for "Demonstrated") the
// award commit together or not at all.
#pragma once

#include <string>
#include <vector>

#include <soci/soci.h>

#include "app/app.hpp"
#include "assessment/assessment_store.hpp"
#include "assessment/rules.hpp"

namespace mc::assessment {

// Gives a submitted or in-review submission to an assessor. The submission's review plan (one
// or two independent scorers) is fixed on its first assignment. While scorer seats are free the
// assessor takes one; when they are all taken and exactly one is still open, that one is released
// and handed over (reassignment). At the adjudication stage only a lead assessor who did not
// score it may be assigned. assigned_by is empty for the auto-assigner. Refuses assessors with a
// conflict of interest (Errc::conflict) and users who are not assessors (Errc::bad_input).
Result<std::string> assign(app::App& app, soci::session& sql, const std::string& submission_id,
                           const std::string& assessor_id, const std::string& assigned_by);

// Fills every free seat (scorers or the adjudicator) with the eligible assessor with the fewest
// open assignments; with no free seat and one open scoring, reassigns it to the best other
// assessor. Returns the last assignment made; Errc::conflict
// "assessment.errors.no_eligible_assessor" when nobody could be assigned.
Result<std::string> assign_best(app::App& app, soci::session& sql, const std::string& submission_id,
                                const std::string& assigned_by);

// Hands an open assignment back: the seat is free again; with no other assessor on it the
// submission returns to the queue.
Result<void> release(app::App& app, soci::session& sql, const std::string& assignment_id);

struct DecisionInput {
    Outcome outcome = Outcome::not_yet;
    std::string summary;
    std::string rationale;     // adjudication only: why the lead decided as they did (required)
    std::vector<Score> scores; // saved first (same transaction), then judged on all saved scores
};

// What finishing an assignment led to.
struct Finished {
    std::string decision_id; // empty while the decision waits
    std::string waiting_for; // "" | "second_scorer" | "adjudication"
    std::string calibration; // calibration scorings: "saved" (more to do) | "passed" | "not_passed"
};

// Records an assessor's scores and outcome on their open assignment. Single scoring: that is the
// decision ("single"). Double scoring: the first to finish waits for the other; when both are
// done and agree under the program's rule the decision is made ("agreed"), otherwise the
// submission goes to a lead assessor (assigned at once when one is eligible). An adjudication
// is the decision ("adjudicated") and needs a rationale. On invalid input returns
// Errc::bad_input and fills field_errors (the caller rolls back: nothing changes).
// "Demonstrated" awards the credential in the same transaction; if the award fails the error
// is returned with key "assessment.errors.award_failed" and the caller rolls back.
Result<Finished> decide(app::App& app, soci::session& sql, const std::string& assignment_id,
                        const std::string& decided_by, const DecisionInput& input,
                        std::vector<FieldError>& field_errors);

// What "Demonstrated" does beyond the decision row, for decide and for an overturned appeal
// alike: the enrollment is earned and the credential awarded, in the caller's transaction.
Result<void> award_demonstrated(app::App& app, soci::session& sql, const SubmissionInfo& s);

// The micro-credential's title in a language, for notices and lists ("" if unreadable).
std::string version_title(soci::session& sql, const std::string& version_id, const std::string& locale);

} // namespace mc::assessment
