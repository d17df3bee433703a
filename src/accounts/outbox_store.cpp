#include "accounts/outbox_store.hpp"

#include "accounts/user_store.hpp"
#include "accounts/web.hpp"
#include "platform/crypto/random.hpp"

namespace mc::accounts {

void enqueue_email(soci::session& sql, const std::string& to, const std::string& subject, const std::string& body) {
    std::string id = crypto::new_id();
    long long now = now_seconds();
    sql << "INSERT INTO outbox (id, to_address, subject, body_text, created_at, attempts, next_attempt_at) "
           "VALUES (:id, :to, :s, :b, :t, 0, :n)",
        soci::use(id), soci::use(to), soci::use(subject), soci::use(body), soci::use(now), soci::use(now);
}

std::vector<PendingMail> due_messages(soci::session& sql, long long now, int max_attempts) {
    std::vector<PendingMail> out;
    PendingMail p;
    soci::statement st =
        (sql.prepare << "SELECT id, to_address, subject, body_text, next_attempt_at, attempts FROM outbox "
                        "WHERE sent_at IS NULL AND next_attempt_at <= :t AND attempts < :max "
                        "ORDER BY next_attempt_at LIMIT 20",
         soci::use(now), soci::use(max_attempts), soci::into(p.id), soci::into(p.to), soci::into(p.subject),
         soci::into(p.body), soci::into(p.next_attempt_at), soci::into(p.attempts));
    st.execute();
    while (st.fetch()) out.push_back(p);
    return out;
}

bool claim_message(soci::session& sql, const PendingMail& p, long long until) {
    soci::statement st = (sql.prepare << "UPDATE outbox SET next_attempt_at = :u WHERE id = :id AND sent_at IS NULL "
                                         "AND next_attempt_at = :old",
                          soci::use(until), soci::use(p.id), soci::use(p.next_attempt_at));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

void mark_message_sent(soci::session& sql, const std::string& id, long long at) {
    sql << "UPDATE outbox SET sent_at = :t, attempts = attempts + 1, last_error = NULL WHERE id = :id",
        soci::use(at), soci::use(id);
}

void mark_message_failed(soci::session& sql, const std::string& id, long long next_attempt_at,
                         const std::string& error) {
    sql << "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = :n, last_error = :e WHERE id = :id",
        soci::use(next_attempt_at), soci::use(error), soci::use(id);
}

} // namespace mc::accounts
