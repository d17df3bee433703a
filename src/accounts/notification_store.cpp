#include "accounts/notification_store.hpp"

namespace mc::accounts {

std::vector<Notice> recent_notices(soci::session& sql, const std::string& user_id, const std::string& only_id) {
    std::vector<Notice> out;
    Notice n;
    soci::indicator read_ind = soci::i_null;
    long long read_at = 0;
    soci::statement st = (sql.prepare << "SELECT id, kind, params, link, created_at, read_at FROM notifications "
                                         "WHERE user_id = :u AND (:only = '' OR id = :only2) "
                                         "ORDER BY created_at DESC, id LIMIT 100",
                          soci::use(user_id), soci::use(only_id), soci::use(only_id), soci::into(n.id),
                          soci::into(n.kind), soci::into(n.params), soci::into(n.link), soci::into(n.created_at),
                          soci::into(read_at, read_ind));
    st.execute();
    while (st.fetch()) {
        n.read = read_ind == soci::i_ok;
        out.push_back(n);
    }
    return out;
}

void add_notice(soci::session& sql, const std::string& id, const std::string& user_id, const std::string& kind,
                const std::string& params, const std::string& link, long long created_at) {
    sql << "INSERT INTO notifications (id, user_id, kind, params, link, created_at) VALUES (:id, :u, :k, :p, :l, :t)",
        soci::use(id), soci::use(user_id), soci::use(kind), soci::use(params), soci::use(link),
        soci::use(created_at);
}

void mark_notice_read(soci::session& sql, const std::string& user_id, const std::string& id, long long at) {
    sql << "UPDATE notifications SET read_at = :t WHERE id = :id AND user_id = :u AND read_at IS NULL",
        soci::use(at), soci::use(id), soci::use(user_id);
}

void mark_all_notices_read(soci::session& sql, const std::string& user_id, long long at) {
    sql << "UPDATE notifications SET read_at = :t WHERE user_id = :u AND read_at IS NULL", soci::use(at),
        soci::use(user_id);
}

long long unread_notice_count(soci::session& sql, const std::string& user_id) {
    long long n = 0;
    sql << "SELECT COUNT(*) FROM notifications WHERE user_id = :u AND read_at IS NULL", soci::use(user_id),
        soci::into(n);
    return n;
}

} // namespace mc::accounts
