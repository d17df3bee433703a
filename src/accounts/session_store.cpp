#include "accounts/session_store.hpp"

#include "accounts/user_store.hpp"
#include "platform/crypto/random.hpp"

namespace mc::accounts {

NewSession create_session(soci::session& sql, const std::string& user_id) {
    NewSession s{crypto::random_token(32), {}, crypto::random_token(24)};
    s.id_hash = crypto::sha256_hex(s.token);
    long long now = now_seconds(), expires = now + session_idle_seconds;
    sql << "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) "
           "VALUES (:h, :u, :c, :t, :t2, :e)",
        soci::use(s.id_hash), soci::use(user_id), soci::use(s.csrf), soci::use(now), soci::use(now),
        soci::use(expires);
    return s;
}

std::optional<ActiveSession> resolve_session(soci::session& sql, const std::string& token) {
    if (token.empty() || token.size() > 128) return std::nullopt;
    ActiveSession s;
    s.id_hash = crypto::sha256_hex(token);
    long long last_seen = 0, expires = 0;
    int roles = 0, disabled = 0;
    sql << "SELECT s.user_id, s.csrf_token, s.last_seen_at, s.expires_at, u.display_name, u.locale, u.roles, "
           "u.disabled FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = :h",
        soci::use(s.id_hash), soci::into(s.user_id), soci::into(s.csrf), soci::into(last_seen), soci::into(expires),
        soci::into(s.display_name), soci::into(s.locale), soci::into(roles), soci::into(disabled);
    if (!sql.got_data()) return std::nullopt;
    long long now = now_seconds();
    if (expires <= now || disabled) {
        sql << "DELETE FROM sessions WHERE id_hash = :h", soci::use(s.id_hash);
        return std::nullopt;
    }
    if (now - last_seen >= session_touch_seconds) {
        long long new_expiry = now + session_idle_seconds;
        sql << "UPDATE sessions SET last_seen_at = :t, expires_at = :e WHERE id_hash = :h", soci::use(now),
            soci::use(new_expiry), soci::use(s.id_hash);
    }
    s.roles = static_cast<std::uint32_t>(roles);
    return s;
}

void end_session(soci::session& sql, const std::string& token) {
    std::string hash = crypto::sha256_hex(token);
    sql << "DELETE FROM sessions WHERE id_hash = :h", soci::use(hash);
}

void end_all_sessions(soci::session& sql, const std::string& user_id) {
    sql << "DELETE FROM sessions WHERE user_id = :u", soci::use(user_id);
}

RecentFailures recent_failures(soci::session& sql, const std::string& subject, long long since) {
    RecentFailures f;
    soci::indicator ind = soci::i_null;
    sql << "SELECT COUNT(*), MAX(at) FROM login_failures WHERE subject = :s AND at > :t", soci::use(subject, "s"),
        soci::use(since, "t"), soci::into(f.count), soci::into(f.last_at, ind);
    if (ind != soci::i_ok) f.last_at = 0;
    return f;
}

void record_failure(soci::session& sql, const std::string& subject) {
    std::string id = crypto::new_id();
    long long now = now_seconds(), old = now - 24 * 3600;
    sql << "INSERT INTO login_failures (id, subject, at) VALUES (:id, :s, :t)", soci::use(id), soci::use(subject),
        soci::use(now);
    // Keep the table small: rows older than a day no longer count for anything.
    sql << "DELETE FROM login_failures WHERE subject = :s AND at < :t", soci::use(subject), soci::use(old);
}

void clear_failures(soci::session& sql, const std::string& subject) {
    sql << "DELETE FROM login_failures WHERE subject = :s", soci::use(subject);
}

bool is_known_device(soci::session& sql, const std::string& token, const std::string& user_id) {
    if (token.empty() || token.size() > 128) return false;
    std::string hash = crypto::sha256_hex(token);
    int n = 0;
    sql << "SELECT COUNT(*) FROM known_devices WHERE token_hash = :h AND user_id = :u", soci::use(hash, "h"),
        soci::use(user_id, "u"), soci::into(n);
    return n > 0;
}

void remember_device(soci::session& sql, const std::string& token, const std::string& user_id) {
    std::string hash = crypto::sha256_hex(token);
    long long now = now_seconds();
    int n = 0;
    sql << "SELECT COUNT(*) FROM known_devices WHERE token_hash = :h AND user_id = :u", soci::use(hash, "h"),
        soci::use(user_id, "u"), soci::into(n);
    if (n > 0)
        sql << "UPDATE known_devices SET last_used_at = :t WHERE token_hash = :h AND user_id = :u", soci::use(now, "t"),
            soci::use(hash, "h"), soci::use(user_id, "u");
    else
        sql << "INSERT INTO known_devices (token_hash, user_id, created_at, last_used_at) VALUES (:h, :u, :t, :t2)",
            soci::use(hash, "h"), soci::use(user_id, "u"), soci::use(now, "t"), soci::use(now, "t2");
}

void forget_devices(soci::session& sql, const std::string& user_id) {
    sql << "DELETE FROM known_devices WHERE user_id = :u", soci::use(user_id, "u");
}

std::string create_password_reset(soci::session& sql, const std::string& user_id) {
    std::string token = crypto::random_token(32);
    std::string hash = crypto::sha256_hex(token);
    long long now = now_seconds(), expires = now + reset_valid_seconds;
    sql << "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES (:h, :u, :t, :e)",
        soci::use(hash), soci::use(user_id), soci::use(now), soci::use(expires);
    return token;
}

std::optional<std::string> reset_user(soci::session& sql, const std::string& token) {
    if (token.empty() || token.size() > 128) return std::nullopt;
    std::string hash = crypto::sha256_hex(token), user_id;
    long long now = now_seconds();
    sql << "SELECT r.user_id FROM password_resets r JOIN users u ON u.id = r.user_id WHERE r.token_hash = :h "
           "AND r.used_at IS NULL AND r.expires_at > :t AND u.disabled = 0",
        soci::use(hash), soci::use(now), soci::into(user_id);
    if (!sql.got_data()) return std::nullopt;
    return user_id;
}

void use_up_resets(soci::session& sql, const std::string& user_id) {
    long long now = now_seconds();
    sql << "UPDATE password_resets SET used_at = :t WHERE user_id = :u AND used_at IS NULL", soci::use(now),
        soci::use(user_id);
}

long long password_resets_since(soci::session& sql, const std::string& user_id, long long since) {
    long long n = 0;
    sql << "SELECT COUNT(*) FROM password_resets WHERE user_id = :u AND created_at > :t", soci::use(user_id),
        soci::use(since), soci::into(n);
    return n;
}

} // namespace mc::accounts
