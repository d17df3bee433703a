// SQL for the outbox (emails waiting to be sent). enqueue_email, declared in accounts/web.hpp,
// is defined here too.
#pragma once

#include <string>
#include <vector>

#include <soci/soci.h>

namespace mc::accounts {

struct PendingMail {
    std::string id, to, subject, body;
    long long next_attempt_at = 0;
    int attempts = 0;
};

// Unsent messages due at `now` with fewer than `max_attempts` attempts, oldest due first, at most 20.
std::vector<PendingMail> due_messages(soci::session& sql, long long now, int max_attempts);
// Pushes the message's next attempt to `until` if nobody claimed it since it was read; true if
// this caller won it.
bool claim_message(soci::session& sql, const PendingMail& p, long long until);
void mark_message_sent(soci::session& sql, const std::string& id, long long at);
void mark_message_failed(soci::session& sql, const std::string& id, long long next_attempt_at,
                         const std::string& error);

} // namespace mc::accounts
