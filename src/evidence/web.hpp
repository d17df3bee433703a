// Shared pieces of the evidence web layer (pages, tus uploads, file serving, API); not used
// outside src/evidence.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "catalog/version_store.hpp"
#include "evidence/rules.hpp"
#include "evidence/submission_store.hpp"

namespace mc::evidence {

void install_learning_pages(app::App& app);
void install_submission_pages(app::App& app);
void install_submission_actions(app::App& app);
void install_uploads(app::App& app);
void install_file_routes(app::App& app);
void install_api(app::App& app);

// The submission with its micro-credential version, checked to belong to the caller.
struct Owned {
    Submission sub;
    catalog::VersionRecord version;
};
Result<Owned> load_owned_with_version(soci::session& sql, const std::string& submission_id, const std::string& user_id);

// Submits after checking every part; problems are returned (nothing changed) as a list.
struct SubmitOutcome {
    std::vector<PartProblem> problems; // empty: submitted
};
Result<SubmitOutcome> submit(app::App& app, soci::session& sql, const Owned& owned, const std::string& language,
                             bool consent);
// Withdraws and removes bytes no live submission needs any more.
Result<void> withdraw(app::App& app, soci::session& sql, const Submission& sub);

// Message of a problem in the caller's language.
std::string problem_message(const app::App& app, std::string_view locale, const PartProblem& p,
                            const catalog::Content& content);

// Media types of the kinds a part accepts, for the file input's accept attribute.
std::string accept_attribute(const std::vector<std::string>& kinds);

} // namespace mc::evidence

namespace mc::evidence {

// The educator's submission page (GET, and the 422 re-render after a refused submit).
// extra: "errors" (messages), "part_errors" (part id -> message), "language", "consent".
http::Response render_submission(app::App& app, const http::Request& req, soci::session& sql, const Owned& owned,
                                 const nlohmann::json& extra, int status);

} // namespace mc::evidence
