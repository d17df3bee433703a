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
}

} // namespace mc::ob3api
