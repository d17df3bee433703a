#include "ob3api/oauth_store.hpp"

#include "platform/crypto/random.hpp"
#include "platform/http/router.hpp"

namespace mc::ob3api {

using nlohmann::json;

void save_client(soci::session& sql, const std::string& id, const std::string& secret_hash, const ClientMetadata& m,
                 long long now) {
    std::string i = id, s = secret_hash, method = m.auth_method, name = m.client_name, meta = m.to_json().dump();
    sql << "INSERT INTO ob3_clients (id, secret_hash, auth_method, client_name, metadata, created_at) VALUES "
           "(:id, :s, :m, :n, :meta, :t)",
        soci::use(i, "id"), soci::use(s, "s"), soci::use(method, "m"), soci::use(name, "n"), soci::use(meta, "meta"),
        soci::use(now, "t");
}

std::optional<Client> find_client(soci::session& sql, const std::string& id) {
    Client c;
    std::string i = id, meta;
    soci::indicator ind = soci::i_null;
    sql << "SELECT id, secret_hash, auth_method, client_name, metadata, created_at FROM ob3_clients WHERE id = :id",
        soci::use(i, "id"), soci::into(c.id, ind), soci::into(c.secret_hash), soci::into(c.auth_method),
        soci::into(c.client_name), soci::into(meta), soci::into(c.created_at);
    if (!sql.got_data() || ind != soci::i_ok) return std::nullopt;
    c.metadata = ClientMetadata::from_json(json::parse(meta, nullptr, false));
    return c;
}

std::string create_grant(soci::session& sql, const std::string& client_id, const std::string& educator_id,
                         std::uint32_t scopes, long long now) {
    std::string id = crypto::new_id(), c = client_id, e = educator_id;
    int s = static_cast<int>(scopes);
    sql << "INSERT INTO ob3_grants (id, client_id, educator_id, scopes, created_at) VALUES (:id, :c, :e, :s, :t)",
        soci::use(id, "id"), soci::use(c, "c"), soci::use(e, "e"), soci::use(s, "s"), soci::use(now, "t");
    return id;
}

namespace {
constexpr const char* kGrantSelect =
    "SELECT g.id, g.client_id, c.client_name, g.educator_id, g.scopes, g.created_at, g.revoked_at FROM ob3_grants g "
    "JOIN ob3_clients c ON c.id = g.client_id ";

std::vector<Grant> select_grants(soci::session& sql, const std::string& where, const std::string& value) {
    std::vector<Grant> out;
    Grant g;
    std::string v = value;
    int scopes = 0;
    long long revoked = 0;
    soci::indicator revoked_ind = soci::i_null;
    soci::statement st = (sql.prepare << std::string(kGrantSelect) + where, soci::use(v, "v"), soci::into(g.id),
                          soci::into(g.client_id), soci::into(g.client_name), soci::into(g.educator_id), soci::into(scopes),
                          soci::into(g.created_at), soci::into(revoked, revoked_ind));
    st.execute();
    while (st.fetch()) {
        Grant row = g;
        row.scopes = static_cast<std::uint32_t>(scopes);
        row.revoked_at = revoked_ind == soci::i_ok ? revoked : 0;
        out.push_back(std::move(row));
    }
    return out;
}
} // namespace

std::optional<Grant> find_grant(soci::session& sql, const std::string& id) {
    auto found = select_grants(sql, "WHERE g.id = :v", id);
    if (found.empty()) return std::nullopt;
    return found.front();
}

std::vector<Grant> live_grants_of(soci::session& sql, const std::string& educator_id) {
    return select_grants(sql, "WHERE g.educator_id = :v AND g.revoked_at IS NULL ORDER BY g.created_at DESC, g.id",
                         educator_id);
}

bool revoke_grant(soci::session& sql, const std::string& grant_id, long long now) {
    std::string g = grant_id;
    soci::statement st = (sql.prepare << "UPDATE ob3_grants SET revoked_at = :t WHERE id = :g AND revoked_at IS NULL",
                          soci::use(now, "t"), soci::use(g, "g"));
    st.execute(true);
    bool changed = st.get_affected_rows() > 0;
    sql << "UPDATE ob3_access_tokens SET revoked_at = :t WHERE grant_id = :g AND revoked_at IS NULL", soci::use(now, "t"),
        soci::use(g, "g");
    sql << "UPDATE ob3_refresh_tokens SET revoked_at = :t WHERE grant_id = :g AND revoked_at IS NULL", soci::use(now, "t"),
        soci::use(g, "g");
    return changed;
}

void save_code(soci::session& sql, const std::string& code_hash, const std::string& grant_id, const std::string& redirect_uri,
               const std::string& challenge, long long expires_at) {
    std::string h = code_hash, g = grant_id, r = redirect_uri, c = challenge;
    sql << "INSERT INTO ob3_codes (code_hash, grant_id, redirect_uri, code_challenge, expires_at) VALUES "
           "(:h, :g, :r, :c, :x)",
        soci::use(h, "h"), soci::use(g, "g"), soci::use(r, "r"), soci::use(c, "c"), soci::use(expires_at, "x");
}

CodeUse take_code(soci::session& sql, const std::string& code_hash, long long now) {
    CodeUse out;
    std::string h = code_hash, stored;
    long long expires = 0, used = 0;
    soci::indicator used_ind = soci::i_null, found = soci::i_null;
    sql << "SELECT code_hash, grant_id, redirect_uri, code_challenge, expires_at, used_at FROM ob3_codes WHERE code_hash = :h",
        soci::use(h, "h"), soci::into(stored, found), soci::into(out.grant_id), soci::into(out.redirect_uri),
        soci::into(out.challenge), soci::into(expires), soci::into(used, used_ind);
    if (!sql.got_data() || found != soci::i_ok || !http::constant_time_equal(stored, code_hash)) {
        out.outcome = CodeUse::Outcome::unknown;
        return out;
    }
    if (used_ind == soci::i_ok) {
        out.outcome = CodeUse::Outcome::used;
        return out;
    }
    // Mark it used whatever follows: a code is good for one try.
    soci::statement st = (sql.prepare << "UPDATE ob3_codes SET used_at = :t WHERE code_hash = :h AND used_at IS NULL",
                          soci::use(now, "t"), soci::use(h, "h"));
    st.execute(true);
    if (st.get_affected_rows() == 0) {
        out.outcome = CodeUse::Outcome::used;
        return out;
    }
    out.outcome = expires <= now ? CodeUse::Outcome::expired : CodeUse::Outcome::ok;
    return out;
}

void save_access_token(soci::session& sql, const std::string& token_hash, const std::string& grant_id,
                       std::uint32_t scopes, long long expires_at) {
    std::string h = token_hash, g = grant_id;
    int s = static_cast<int>(scopes);
    sql << "INSERT INTO ob3_access_tokens (token_hash, grant_id, scopes, expires_at) VALUES (:h, :g, :s, :x)",
        soci::use(h, "h"), soci::use(g, "g"), soci::use(s, "s"), soci::use(expires_at, "x");
}

void save_refresh_token(soci::session& sql, const std::string& token_hash, const std::string& grant_id,
                        std::uint32_t scopes, long long expires_at) {
    std::string h = token_hash, g = grant_id;
    int s = static_cast<int>(scopes);
    sql << "INSERT INTO ob3_refresh_tokens (token_hash, grant_id, scopes, expires_at) VALUES (:h, :g, :s, :x)",
        soci::use(h, "h"), soci::use(g, "g"), soci::use(s, "s"), soci::use(expires_at, "x");
}

std::optional<TokenOwner> find_access_token(soci::session& sql, const std::string& token_hash, long long now) {
    TokenOwner o;
    std::string h = token_hash, stored;
    int scopes = 0;
    soci::indicator found = soci::i_null;
    sql << "SELECT t.token_hash, t.grant_id, g.client_id, g.educator_id, t.scopes FROM ob3_access_tokens t "
           "JOIN ob3_grants g ON g.id = t.grant_id WHERE t.token_hash = :h AND t.expires_at > :now AND "
           "t.revoked_at IS NULL AND g.revoked_at IS NULL",
        soci::use(h, "h"), soci::use(now, "now"), soci::into(stored, found), soci::into(o.grant_id), soci::into(o.client_id),
        soci::into(o.educator_id), soci::into(scopes);
    if (!sql.got_data() || found != soci::i_ok || !http::constant_time_equal(stored, token_hash)) return std::nullopt;
    o.scopes = static_cast<std::uint32_t>(scopes);
    return o;
}

RefreshUse take_refresh_token(soci::session& sql, const std::string& token_hash, long long now) {
    RefreshUse out;
    std::string h = token_hash, stored;
    int scopes = 0;
    long long expires = 0, used = 0, revoked = 0, grant_revoked = 0;
    soci::indicator found = soci::i_null, used_ind = soci::i_null, revoked_ind = soci::i_null, grant_ind = soci::i_null;
    sql << "SELECT t.token_hash, t.grant_id, g.client_id, t.scopes, t.expires_at, t.used_at, t.revoked_at, g.revoked_at "
           "FROM ob3_refresh_tokens t JOIN ob3_grants g ON g.id = t.grant_id WHERE t.token_hash = :h",
        soci::use(h, "h"), soci::into(stored, found), soci::into(out.grant_id), soci::into(out.client_id), soci::into(scopes),
        soci::into(expires), soci::into(used, used_ind), soci::into(revoked, revoked_ind), soci::into(grant_revoked, grant_ind);
    if (!sql.got_data() || found != soci::i_ok || !http::constant_time_equal(stored, token_hash)) return out;
    out.scopes = static_cast<std::uint32_t>(scopes);
    if (used_ind == soci::i_ok) {
        out.outcome = RefreshUse::Outcome::reused;
        return out;
    }
    if (revoked_ind == soci::i_ok || grant_ind == soci::i_ok) return out; // unknown: ended
    if (expires <= now) {
        out.outcome = RefreshUse::Outcome::expired;
        return out;
    }
    soci::statement st = (sql.prepare << "UPDATE ob3_refresh_tokens SET used_at = :t WHERE token_hash = :h AND used_at IS NULL",
                          soci::use(now, "t"), soci::use(h, "h"));
    st.execute(true);
    out.outcome = st.get_affected_rows() == 0 ? RefreshUse::Outcome::reused : RefreshUse::Outcome::ok;
    return out;
}

long long delete_expired(soci::session& sql, long long now) {
    long long day_ago = now - 86400, total = 0;
    for (const char* text : {"DELETE FROM ob3_codes WHERE expires_at < :t", "DELETE FROM ob3_access_tokens WHERE expires_at < :t"}) {
        soci::statement st = (sql.prepare << text, soci::use(day_ago, "t"));
        st.execute(true);
        total += st.get_affected_rows();
    }
    soci::statement st = (sql.prepare << "DELETE FROM ob3_refresh_tokens WHERE expires_at < :t", soci::use(now, "t"));
    st.execute(true);
    return total + st.get_affected_rows();
}

std::string grant_of_token(soci::session& sql, const std::string& token_hash, const std::string& client_id) {
    std::string h = token_hash, c = client_id, grant;
    soci::indicator ind = soci::i_null;
    sql << "SELECT t.grant_id FROM ob3_access_tokens t JOIN ob3_grants g ON g.id = t.grant_id WHERE t.token_hash = :h "
           "AND g.client_id = :c",
        soci::use(h, "h"), soci::use(c, "c"), soci::into(grant, ind);
    if (sql.got_data() && ind == soci::i_ok) return grant;
    ind = soci::i_null;
    sql << "SELECT t.grant_id FROM ob3_refresh_tokens t JOIN ob3_grants g ON g.id = t.grant_id WHERE t.token_hash = :h "
           "AND g.client_id = :c",
        soci::use(h, "h"), soci::use(c, "c"), soci::into(grant, ind);
    if (sql.got_data() && ind == soci::i_ok) return grant;
    return "";
}

} // namespace mc::ob3api
