// The OAuth 2.0 side of the OB 3.0 API: the discovery document and dynamic client registration
// (RFC 7591). These are called by apps, not browsers: no session, no CSRF token, and answers in
// the RFCs' JSON shapes ({"error": ..., "error_description": ...}) rather than microcred's.
#include <ctime>

#include "ob3api/oauth.hpp"
#include "ob3api/oauth_store.hpp"
#include "ob3api/web.hpp"
#include "platform/crypto/random.hpp"
#include "platform/db/database.hpp"
#include "platform/text/bounded_json.hpp"

namespace mc::ob3api {

using http::AccessRule;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

long long now_seconds() { return static_cast<long long>(std::time(nullptr)); }

// An RFC 6749 / 7591 error body. `field` names the member at fault (our addition).
Response oauth_error(const app::App& app, const Request& req, int status, const std::string& error,
                     const std::string& key, const std::string& field = "") {
    json body{{"error", error}, {"error_description", app.t(req, key)}};
    if (!field.empty()) body["field"] = field;
    auto res = Response::json(body.dump(), status);
    res.header("Cache-Control", "no-store");
    return res;
}

// Who is calling the token or revocation endpoint, per the method the client registered:
// HTTP Basic (client_secret_basic), client_id and client_secret in the form (client_secret_post),
// or client_id alone (none, a public client). Secrets are compared as hashes in constant time.
std::optional<Client> authenticate_client(soci::session& sql, const Request& req) {
    auto auth = req.header("authorization");
    std::string id, secret, method;
    if (auth.size() > 6 && (auth.starts_with("Basic ") || auth.starts_with("basic "))) {
        if (auth.size() > 1024) return std::nullopt;
        std::string b64 = auth.substr(6);
        while (!b64.empty() && b64.back() == '=') b64.pop_back();
        for (auto& c : b64) {
            if (c == '+') c = '-';
            else if (c == '/') c = '_';
        }
        auto decoded = crypto::base64url_decode(b64);
        if (!decoded) return std::nullopt;
        auto colon = decoded->find(':');
        if (colon == std::string::npos) return std::nullopt;
        id = http::percent_decode(decoded->substr(0, colon), true);
        secret = http::percent_decode(decoded->substr(colon + 1), true);
        method = std::string(kAuthBasic);
    } else if (!req.form_value("client_secret").empty()) {
        id = req.form_value("client_id");
        secret = req.form_value("client_secret");
        method = std::string(kAuthPost);
    } else {
        id = req.form_value("client_id");
        method = std::string(kAuthNone);
    }
    if (id.empty() || id.size() > 64 || secret.size() > 256) return std::nullopt;
    auto client = find_client(sql, id);
    if (!client || client->auth_method != method) return std::nullopt;
    if (method == kAuthNone) return client;
    if (client->secret_hash.empty() || !http::constant_time_equal(crypto::sha256_hex(secret), client->secret_hash))
        return std::nullopt;
    return client;
}

Response invalid_client(const app::App& app, const Request& req) {
    auto res = oauth_error(app, req, 401, "invalid_client", "ob3api.token.invalid_client");
    res.header("WWW-Authenticate", "Basic realm=\"microcred\"");
    return res;
}

// A new access token (1 hour) and refresh token for the grant; only their hashes are kept.
Response issue_tokens(soci::session& sql, const std::string& grant_id, std::uint32_t scopes, long long now) {
    std::string access = crypto::random_token(32), refresh = crypto::random_token(32);
    save_access_token(sql, crypto::sha256_hex(access), grant_id, scopes, now + kAccessSeconds);
    save_refresh_token(sql, crypto::sha256_hex(refresh), grant_id, scopes, now + kRefreshSeconds);
    json body{{"access_token", access},
              {"token_type", "Bearer"},
              {"expires_in", kAccessSeconds},
              {"refresh_token", refresh},
              {"scope", scope_text(scopes)}};
    auto res = Response::json(body.dump());
    res.header("Cache-Control", "no-store");
    res.header("Pragma", "no-cache");
    return res;
}

bool form_encoded(const Request& req) {
    return req.header("content-type").find("application/x-www-form-urlencoded") != std::string::npos;
}

Response token_answer(app::App& app, Request& req) {
    if (!form_encoded(req)) return oauth_error(app, req, 400, "invalid_request", "ob3api.token.form_encoded");
    auto sql = app.db->lease();
    auto client = authenticate_client(*sql, req);
    if (!client) return invalid_client(app, req);
    long long now = now_seconds();
    auto type = req.form_value("grant_type");
    if (type == "authorization_code") {
        auto code = req.form_value("code");
        auto verifier = req.form_value("code_verifier");
        if (code.empty() || code.size() > 128 || !valid_code_verifier(verifier))
            return oauth_error(app, req, 400, "invalid_request", "ob3api.token.missing");
        db::WriteTx tx(*sql);
        auto use = take_code(*sql, crypto::sha256_hex(code), now);
        if (use.outcome == CodeUse::Outcome::used) {
            // A code presented twice may have been stolen: end what was issued on it (RFC 6749 4.1.2).
            revoke_grant(*sql, use.grant_id, now);
            tx.commit();
            return oauth_error(app, req, 400, "invalid_grant", "ob3api.token.invalid_grant");
        }
        if (use.outcome != CodeUse::Outcome::ok) {
            tx.commit(); // the code is spent either way
            return oauth_error(app, req, 400, "invalid_grant", "ob3api.token.invalid_grant");
        }
        auto grant = find_grant(*sql, use.grant_id);
        // redirect_uri must be the one the code was sent to; a client with a single registered
        // URI may leave it out here as it may at /oauth/authorize.
        auto sent_to = req.form_value("redirect_uri");
        const auto& registered = client->metadata.redirect_uris;
        bool same_uri = sent_to.empty() ? registered.size() == 1 && registered.front() == use.redirect_uri
                                        : sent_to == use.redirect_uri;
        bool good = grant && grant->revoked_at == 0 && grant->client_id == client->id && same_uri &&
                    pkce_s256_matches(verifier, use.challenge);
        if (!good) {
            tx.commit();
            return oauth_error(app, req, 400, "invalid_grant", "ob3api.token.invalid_grant");
        }
        auto res = issue_tokens(*sql, grant->id, grant->scopes, now);
        tx.commit();
        return res;
    }
    if (type == "refresh_token") {
        auto token = req.form_value("refresh_token");
        if (token.empty() || token.size() > 128) return oauth_error(app, req, 400, "invalid_request", "ob3api.token.missing");
        db::WriteTx tx(*sql);
        auto use = take_refresh_token(*sql, crypto::sha256_hex(token), now);
        if (use.outcome == RefreshUse::Outcome::reused) {
            // A rotated token came back: someone holds a copy. End the whole grant.
            revoke_grant(*sql, use.grant_id, now);
            tx.commit();
            return oauth_error(app, req, 400, "invalid_grant", "ob3api.token.invalid_grant");
        }
        if (use.outcome != RefreshUse::Outcome::ok || use.client_id != client->id) {
            tx.commit();
            return oauth_error(app, req, 400, "invalid_grant", "ob3api.token.invalid_grant");
        }
        std::uint32_t scopes = use.scopes;
        auto asked = req.form_value("scope");
        if (!asked.empty()) {
            auto bits = parse_scopes(asked);
            if (!bits || *bits == 0 || (*bits & ~use.scopes) != 0) {
                tx.commit();
                return oauth_error(app, req, 400, "invalid_scope", "ob3api.token.invalid_scope");
            }
            scopes = *bits;
        }
        auto res = issue_tokens(*sql, use.grant_id, scopes, now);
        tx.commit();
        return res;
    }
    return oauth_error(app, req, 400, "unsupported_grant_type", "ob3api.token.unsupported_grant_type");
}

// RFC 7009: the client ends a token it holds; revoking either token ends the grant it belongs
// to (its other tokens too). Unknown tokens are answered 200 as well, as the RFC asks.
Response revoke_answer(app::App& app, Request& req) {
    if (!form_encoded(req)) return oauth_error(app, req, 400, "invalid_request", "ob3api.token.form_encoded");
    auto sql = app.db->lease();
    auto client = authenticate_client(*sql, req);
    if (!client) return invalid_client(app, req);
    auto token = req.form_value("token");
    if (token.empty() || token.size() > 128) return oauth_error(app, req, 400, "invalid_request", "ob3api.token.missing");
    auto grant = grant_of_token(*sql, crypto::sha256_hex(token), client->id);
    if (!grant.empty()) {
        db::WriteTx tx(*sql);
        revoke_grant(*sql, grant, now_seconds());
        tx.commit();
    }
    auto res = Response::text("", 200);
    res.header("Cache-Control", "no-store");
    return res;
}

} // namespace

void install_oauth_api(app::App& app) {
    app::App* self = &app;
    auto& r = app.router;

    r.get(std::string(kDiscoveryPath), AccessRule::anyone(), [self](Request&) -> Result<Response> {
        auto res = Response::json(discovery_document(self->config.base_url).dump());
        res.header("Cache-Control", "public, max-age=300");
        return res;
    });

    auto& reg = r.post(std::string(kRegisterPath), AccessRule::anyone(), [self](Request& req) -> Result<Response> {
        if (req.header("content-type").find("application/json") == std::string::npos)
            return oauth_error(*self, req, 400, "invalid_client_metadata", "ob3api.register.not_json");
        text::JsonLimits limits{.max_bytes = kMaxRegistrationBytes, .max_depth = 4};
        auto parsed = text::parse_untrusted_json(req.body, limits);
        if (!parsed) {
            if (parsed.error().code == Errc::too_large)
                return oauth_error(*self, req, 413, "invalid_client_metadata", "ob3api.register.too_large");
            return oauth_error(*self, req, 400, "invalid_client_metadata", "ob3api.register.not_json");
        }
        auto check = check_registration(*parsed);
        if (!check.metadata) {
            const auto& p = *check.problem;
            return oauth_error(*self, req, 400, p.error, p.key, p.field);
        }
        const auto& m = *check.metadata;
        std::string client_id = crypto::new_id(), secret, secret_hash;
        if (m.auth_method != kAuthNone) {
            secret = crypto::random_token(32);
            secret_hash = crypto::sha256_hex(secret);
        }
        long long now = now_seconds();
        {
            auto sql = self->db->lease();
            save_client(*sql, client_id, secret_hash, m, now);
        }
        json body = m.to_json();
        body["client_id"] = client_id;
        body["client_id_issued_at"] = now;
        if (!secret.empty()) {
            body["client_secret"] = secret;
            body["client_secret_expires_at"] = 0; // does not expire
        }
        auto res = Response::json(body.dump(), 201);
        res.header("Cache-Control", "no-store");
        return res;
    });
    reg.csrf = false; // an app's server calls it; there is no browser session to forge
    reg.body_limit = kMaxRegistrationBytes + 1;

    auto& token = r.post(std::string(kTokenPath), AccessRule::anyone(),
                         [self](Request& req) -> Result<Response> { return token_answer(*self, req); });
    token.csrf = false; // client authentication, not a browser session, protects it
    token.body_limit = 8 * 1024;
    auto& revoke = r.post(std::string(kRevokePath), AccessRule::anyone(),
                          [self](Request& req) -> Result<Response> { return revoke_answer(*self, req); });
    revoke.csrf = false;
    revoke.body_limit = 8 * 1024;
}

} // namespace mc::ob3api
