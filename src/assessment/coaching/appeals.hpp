// Appeals of a "Not yet" decision: the educator writes why, a lead assessor who had no part in
// the decision reviews it and upholds it (with a written response) or overturns it (re-scores the
// rubric; the result becomes "Demonstrated" and the credential is awarded through the same path
// as decide). Every step runs in the caller's db::WriteTx.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "app/app.hpp"
#include "assessment/rules.hpp"

namespace mc::assessment::coaching {

struct Appeal {
    std::string id, decision_id, submission_id, educator_id, reason, reviewer_id;
    std::string status = "open"; // open | upheld | overturned
    std::string response, original_outcome, original_decided_by, original_assignment_id;
    long long filed_at = 0, resolved_at = 0;
};

Result<Appeal> load_appeal(soci::session& sql, const std::string& appeal_id);
std::optional<Appeal> appeal_of_submission(soci::session& sql, const std::string& submission_id);
// reviewer_id empty: every appeal (admins), newest first.
std::vector<Appeal> list_appeals(soci::session& sql, const std::string& reviewer_id);

// Why this educator may not appeal this submission now (a catalog key), or "" when they may.
// Only the educator's own "Not yet" decision, once, within the program's window, while the
// credential is not already earned another way.
std::string appeal_refusal(soci::session& sql, const std::string& submission_id, const std::string& educator_id,
                           long long now);

// Files the appeal and gives it to an eligible lead at once when there is one (else
// assign_waiting_appeals does later). Errc::not_found for someone else's submission,
// Errc::conflict with the refusal key, Errc::bad_input "appeals.errors.reason_required".
Result<std::string> file_appeal(app::App& app, soci::session& sql, const std::string& submission_id,
                                const std::string& educator_id, const std::string& reason, long long now);

// A lead assessor who neither decided nor held any assignment on the submission, has no conflict
// with the educator, and has the fewest open appeals (ties: smallest id).
std::optional<std::string> choose_reviewer(soci::session& sql, const std::string& submission_id);
// Background: gives waiting appeals a reviewer. Returns how many were given one.
int assign_waiting_appeals(app::App& app);

// Only the appeal's reviewer, only while open. Errc::not_found for anyone else.
Result<void> uphold_appeal(app::App& app, soci::session& sql, const std::string& appeal_id,
                           const std::string& reviewer_id, const std::string& response,
                           std::vector<FieldError>& field_errors);
// Re-scores every criterion (the scores must support "Demonstrated"), rewrites the decision
// (basis 'appeal', decided by the reviewer), withdraws any later attempt still open, and awards.
Result<void> overturn_appeal(app::App& app, soci::session& sql, const std::string& appeal_id,
                             const std::string& reviewer_id, const std::vector<Score>& scores,
                             const std::string& response, std::vector<FieldError>& field_errors);

} // namespace mc::assessment::coaching
