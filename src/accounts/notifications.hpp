// Notices to users at each step (submitted, assigned, returned, awarded, ...): an in-page
// notice plus an email in the user's language, both written in the caller's transaction
// (the email goes to the outbox; a background sender delivers it with retries).
#pragma once

#include <string>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "app/app.hpp"

namespace mc::accounts {

// kind selects catalog texts notifications.<kind>.title / .body / .email_subject / .email_body,
// whose {slots} are filled from params; link is a site-relative URL shown with the notice.
Result<void> notify(app::App& app, soci::session& sql, const std::string& user_id, const std::string& kind,
                    const nlohmann::json& params, const std::string& link);

} // namespace mc::accounts
