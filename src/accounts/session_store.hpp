// Sessions, failed sign-ins and password-reset tokens: everything the database holds about
// proving who someone is. Only SHA-256 hashes of cookie values and reset tokens are stored,
// so a copy of the database does not let anyone sign in.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <soci/soci.h>

namespace mc::accounts {

inline constexpr long long session_idle_seconds = 14LL * 24 * 3600;
inline constexpr long long session_touch_seconds = 60; // sliding expiry written at most once a minute
inline constexpr long long reset_valid_seconds = 3600;

struct NewSession {
    std::string token;   // goes to the cookie, never stored
    std::string id_hash; // stored
    std::string csrf;
};
NewSession create_session(soci::session& sql, const std::string& user_id);

struct ActiveSession {
    std::string id_hash, user_id, display_name, locale, csrf;
    std::uint32_t roles = 0;
};
// The session behind a cookie value, if it exists, has not expired and its user is enabled.
// Slides the expiry forward when the last touch is over a minute old.
std::optional<ActiveSession> resolve_session(soci::session& sql, const std::string& token);
void end_session(soci::session& sql, const std::string& token);
void end_all_sessions(soci::session& sql, const std::string& user_id);

// Failed sign-ins by subject ("email:...", "ip:..." or "device:<hash>"), for the guessing
// budgets of sign_in_throttle.hpp.
struct RecentFailures {
    int count = 0;
    long long last_at = 0;
};
RecentFailures recent_failures(soci::session& sql, const std::string& subject, long long since);
void record_failure(soci::session& sql, const std::string& subject);
void clear_failures(soci::session& sql, const std::string& subject);

// Known devices (the mc_device cookie): true when this cookie value was recorded for the user.
bool is_known_device(soci::session& sql, const std::string& token, const std::string& user_id);
// Records (or refreshes) the cookie value for the user.
void remember_device(soci::session& sql, const std::string& token, const std::string& user_id);
// After a password reset no browser is trusted on the old password's word.
void forget_devices(soci::session& sql, const std::string& user_id);

// One-time reset links: returns the token for the email; stores only its hash.
std::string create_password_reset(soci::session& sql, const std::string& user_id);
// How many reset links the user was sent after `since` (seconds).
long long password_resets_since(soci::session& sql, const std::string& user_id, long long since);
// The user a token is for, while unused and unexpired.
std::optional<std::string> reset_user(soci::session& sql, const std::string& token);
// After a reset every link the user was sent stops working, not just the one used.
void use_up_resets(soci::session& sql, const std::string& user_id);

} // namespace mc::accounts
