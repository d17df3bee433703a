#include "accounts/sign_up_store.hpp"

#include "accounts/user_store.hpp"
#include "platform/crypto/random.hpp"

namespace mc::accounts {

int recent_sign_up_emails(soci::session& sql, const std::string& email) {
    long long since = now_seconds() - 3600;
    int n = 0;
    sql << "SELECT COUNT(*) FROM sign_up_requests WHERE email = :e AND created_at > :t", soci::use(email, "e"),
        soci::use(since, "t"), soci::into(n);
    return n;
}

std::string create_sign_up_request(soci::session& sql, const PendingSignUp& p) {
    std::string id = crypto::new_id(), token = crypto::random_token(32), hash = crypto::sha256_hex(token);
    long long now = now_seconds(), expires = now + sign_up_link_seconds;
    sql << "INSERT INTO sign_up_requests (id, email, kind, token_hash, display_name, password_hash, locale, created_at, "
           "expires_at) VALUES (:id, :e, 'new', :h, :n, :p, :l, :t, :x)",
        soci::use(id, "id"), soci::use(p.email, "e"), soci::use(hash, "h"), soci::use(p.display_name, "n"),
        soci::use(p.password_hash, "p"), soci::use(p.locale, "l"), soci::use(now, "t"), soci::use(expires, "x");
    return token;
}

void note_existing_sign_up(soci::session& sql, const std::string& email) {
    std::string id = crypto::new_id();
    long long now = now_seconds();
    sql << "INSERT INTO sign_up_requests (id, email, kind, created_at, expires_at) VALUES (:id, :e, 'existing', :t, :x)",
        soci::use(id, "id"), soci::use(email, "e"), soci::use(now, "t"), soci::use(now, "x");
}

std::optional<PendingSignUp> take_sign_up_request(soci::session& sql, const std::string& token) {
    if (token.empty() || token.size() > 128) return std::nullopt;
    std::string hash = crypto::sha256_hex(token), id;
    long long now = now_seconds();
    PendingSignUp p;
    sql << "SELECT id, email, display_name, password_hash, locale FROM sign_up_requests WHERE token_hash = :h "
           "AND kind = 'new' AND used_at IS NULL AND expires_at > :t",
        soci::use(hash, "h"), soci::use(now, "t"), soci::into(id), soci::into(p.email), soci::into(p.display_name),
        soci::into(p.password_hash), soci::into(p.locale);
    if (!sql.got_data()) return std::nullopt;
    soci::statement st = (sql.prepare << "UPDATE sign_up_requests SET used_at = :t WHERE id = :id AND used_at IS NULL",
                          soci::use(now, "t"), soci::use(id, "id"));
    st.execute(true);
    if (st.get_affected_rows() != 1) return std::nullopt; // a second tab won
    // Every other link sent for this address stops working: one account per address.
    sql << "UPDATE sign_up_requests SET used_at = :t WHERE email = :e AND used_at IS NULL", soci::use(now, "t"),
        soci::use(p.email, "e");
    return p;
}

} // namespace mc::accounts
