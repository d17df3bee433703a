// SQL for notifications (the in-page notices). Every function takes the caller's session and
// runs in the caller's transaction.
#pragma once

#include <string>
#include <vector>

#include <soci/soci.h>

namespace mc::accounts {

struct Notice {
    std::string id, kind, params, link;
    long long created_at = 0;
    bool read = false;
};

// The user's newest notices (at most 100), or only `only_id` when it is not empty.
std::vector<Notice> recent_notices(soci::session& sql, const std::string& user_id, const std::string& only_id);
void add_notice(soci::session& sql, const std::string& id, const std::string& user_id, const std::string& kind,
                const std::string& params, const std::string& link, long long created_at);
// Scoped to the user: someone else's notice id changes nothing.
void mark_notice_read(soci::session& sql, const std::string& user_id, const std::string& id, long long at);
void mark_all_notices_read(soci::session& sql, const std::string& user_id, long long at);
long long unread_notice_count(soci::session& sql, const std::string& user_id);

} // namespace mc::accounts
