// The completeness screen: before scoring, the assigned assessor may send evidence back because
// it cannot be judged as sent (a part missing, media that will not play, the wrong content).
// That is not a "Not yet": no decision, no attempt used, no scoring to pay for. The submission
// goes back to draft on the same attempt and re-enters the queue when the educator sends it again.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "app/app.hpp"
#include "assessment/coaching/rules.hpp"
#include "assessment/rules.hpp"

namespace mc::assessment::coaching {

// Only the assessor of an open scoring assignment, before any scores are final (no completed
// scoring, no decision). Ends the assignment (status 'released', kind 'completeness'), releases
// any other open seat, puts the submission back to draft and notifies the educator, all in the
// caller's transaction. At least one part problem; every part must be one of the version's.
Result<std::string> return_incomplete(app::App& app, soci::session& sql, const std::string& assignment_id,
                                      const std::string& assessor_id, const std::vector<PartProblem>& problems,
                                      const std::string& note, std::vector<FieldError>& field_errors);

// Whether the assessor may still return it (for showing the form).
bool may_return(soci::session& sql, const std::string& assignment_id, const std::string& assessor_id);

// The parts and problems of the latest return, while the submission is back in draft:
// {returned_on, note, has_note, parts: [{title, problem}]} in the reader's language; null otherwise.
nlohmann::json open_return_view(const app::App& app, const http::Request& req, soci::session& sql,
                                const std::string& submission_id);

// For the scoring page's form: [{id, title}] of the version's parts.
nlohmann::json completeness_form(const app::App& app, const http::Request& req, soci::session& sql,
                                 const std::string& assignment_id);

} // namespace mc::assessment::coaching
