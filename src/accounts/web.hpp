// Shared pieces of the accounts web layer (pages, API, gate); not used outside src/accounts.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "accounts/validation.hpp"
#include "app/app.hpp"

namespace mc::accounts {

inline constexpr const char* session_cookie = "mc_session";
// A random token naming a browser someone signed in from (sign_in_throttle.hpp).
inline constexpr const char* device_cookie = "mc_device";

void install_gate(app::App& app);
void install_auth_pages(app::App& app);
void install_password_pages(app::App& app);
void install_profile_pages(app::App& app);
void install_demographics_pages(app::App& app); // optional self-reported demographics
void install_admin_pages(app::App& app);
void install_notification_pages(app::App& app);
void install_api(app::App& app);

// Adds "errors" (list for the summary) and "field_errors.<field>" (message per field) to ctx.
void add_field_errors(const app::App& app, const http::Request& req, const FieldErrors& errors, nlohmann::json& ctx);
// Signs the user in on this response: a fresh session (the old one, if any, is ended, so a
// session id planted before sign-in is worthless after it) and its cookie.
void begin_session(app::App& app, http::Request& req, http::Response& res, const std::string& user_id);
http::Cookie session_cookie_value(const app::App& app, std::string value, long max_age);
// Options for language, work setting, degree and employer selects, with "selected" marked.
nlohmann::json locale_options(const app::App& app, const http::Request& req, const std::string& selected);
// Queues an email in the caller's transaction (the outbox sender delivers it).
// Validates and saves the signed-in user's profile; the field errors when nothing was saved.
FieldErrors update_profile(app::App& app, const http::Request& req, const Profile& input);
void enqueue_email(soci::session& sql, const std::string& to, const std::string& subject, const std::string& body);

} // namespace mc::accounts
