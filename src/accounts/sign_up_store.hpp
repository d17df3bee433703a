// Sign-ups waiting for their email to be confirmed (table sign_up_requests). Only a hash of
// the link's token is stored, like reset links.
#pragma once

#include <optional>
#include <string>

#include <soci/soci.h>

namespace mc::accounts {

inline constexpr long long sign_up_link_seconds = 24LL * 3600;
inline constexpr int max_sign_up_emails_per_hour = 3; // the form must not become a mail cannon

struct PendingSignUp {
    std::string email, display_name, password_hash, locale;
};

// Emails sent about this address in the last hour (new-account links and "you already have one").
int recent_sign_up_emails(soci::session& sql, const std::string& email);
// A new-account request; returns the token for the link.
std::string create_sign_up_request(soci::session& sql, const PendingSignUp& p);
// Notes that the owner of an existing account was told, for the hourly bound.
void note_existing_sign_up(soci::session& sql, const std::string& email);
// The request behind a link, while unused and unexpired; marks it used (once only).
std::optional<PendingSignUp> take_sign_up_request(soci::session& sql, const std::string& token);

} // namespace mc::accounts
