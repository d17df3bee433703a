// The educator's side of the OB 3.0 API: the consent page an app sends her to (GET/POST
// /oauth/authorize, authorization code with PKCE S256 only) and the list of apps she has
// connected, each with "Revoke" (/profile/apps).
#include <ctime>

#include "accounts/roles.hpp"
#include "ob3api/import_store.hpp"
#include "ob3api/oauth.hpp"
#include "ob3api/oauth_store.hpp"
#include "ob3api/web.hpp"
#include "platform/crypto/random.hpp"
#include "platform/dates.hpp"
#include "platform/db/database.hpp"
#include "platform/http/security_headers.hpp"

namespace mc::ob3api {

using http::AccessRule;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

long long now_seconds() { return static_cast<long long>(std::time(nullptr)); }

// What an authorization request asked for, checked. Either `page_error` (the client or its
// redirect URI cannot be trusted: show it to her, never redirect, RFC 6749 section 4.1.2.1), or
// `redirect_error` (tell the app at its redirect URI), or a request to ask her about.
struct AuthorizeRequest {
    std::optional<Client> client;
    std::string redirect_uri, state, challenge;
    std::uint32_t scopes = 0;
    std::string page_error;     // catalog key
    std::string redirect_error; // RFC 6749 error code
};

std::string param(const Request& req, std::string_view name) {
    return req.method == "POST" ? req.form_value(name) : req.query_value(name);
}

AuthorizeRequest read_request(soci::session& sql, const Request& req) {
    AuthorizeRequest a;
    auto client_id = param(req, "client_id");
    if (client_id.empty() || client_id.size() > 64) {
        a.page_error = "ob3api.consent.errors.unknown_app";
        return a;
    }
    a.client = find_client(sql, client_id);
    if (!a.client) {
        a.page_error = "ob3api.consent.errors.unknown_app";
        return a;
    }
    a.redirect_uri = param(req, "redirect_uri");
    const auto& registered = a.client->metadata.redirect_uris;
    if (a.redirect_uri.empty() && registered.size() == 1) a.redirect_uri = registered.front();
    bool known = false;
    for (const auto& u : registered)
        if (u == a.redirect_uri) known = true; // exact match only
    if (!known) {
        a.page_error = "ob3api.consent.errors.unknown_redirect";
        return a;
    }
    a.state = param(req, "state");
    if (a.state.size() > 512) {
        a.redirect_error = "invalid_request";
        a.state.clear();
        return a;
    }
    if (param(req, "response_type") != "code") {
        a.redirect_error = "unsupported_response_type";
        return a;
    }
    a.challenge = param(req, "code_challenge");
    if (param(req, "code_challenge_method") != "S256" || !valid_code_challenge(a.challenge)) {
        a.redirect_error = "invalid_request"; // PKCE S256 is required
        return a;
    }
    auto scope = param(req, "scope");
    if (scope.empty()) {
        a.scopes = a.client->metadata.scopes;
    } else {
        auto bits = parse_scopes(scope);
        if (!bits || *bits == 0 || (*bits & ~a.client->metadata.scopes) != 0) {
            a.redirect_error = "invalid_scope";
            return a;
        }
        a.scopes = *bits;
    }
    return a;
}

std::string with_query(const std::string& uri, const std::vector<std::pair<std::string, std::string>>& params) {
    std::string out = uri;
    char sep = uri.find('?') == std::string::npos ? '?' : '&';
    for (const auto& [k, v] : params) {
        if (v.empty()) continue;
        out += sep;
        out += k + "=" + http::percent_encode(v);
        sep = '&';
    }
    return out;
}

Response to_app(const AuthorizeRequest& a, const std::string& error) {
    auto res = Response::redirect(with_query(a.redirect_uri, {{"error", error}, {"state", a.state}}), 303);
    res.header("Cache-Control", "no-store");
    return res;
}

// The origin (scheme://host:port) of an allowed redirect URI, for the consent page's form-action.
std::string origin_of(const std::string& uri) {
    auto scheme_end = uri.find("://");
    auto path = uri.find_first_of("/?", scheme_end + 3);
    return uri.substr(0, path);
}

json scope_rows(const app::App& app, const Request& req, std::uint32_t scopes) {
    json rows = json::array();
    for (auto s : every_scope)
        if (scopes & s) {
            std::string name(scope_name(s));
            for (auto& c : name)
                if (c == '.') c = '_';
            rows.push_back({{"text", app.t(req, "ob3api.scopes." + name)}});
        }
    return rows;
}

// What the checker said of an imported credential, in the words of the /verify page.
std::string verdict_text(const app::App& app, const Request& req, const ImportedCredential& c) {
    if (c.verdict == "valid" && c.trust == "trusted")
        return app.catalog.format(req.locale, "credentials.verdict.valid_trusted", {{"issuer", c.issuer_name}});
    if (c.verdict == "valid" && c.trust == "agency") return app.t(req, "credentials.verdict.valid_agency");
    return app.t(req, "credentials.verdict." + c.verdict);
}

Response error_page(app::App& app, const Request& req, const std::string& key) {
    json ctx{{"title_key", "ob3api.consent.errors.title"}, {"message", app.t(req, key)}};
    return app.views->page(req, "ob3api/consent_error", ctx, 400);
}

Response consent_page(app::App& app, const Request& req, const AuthorizeRequest& a) {
    const auto& m = a.client->metadata;
    json ctx{{"title_key", "ob3api.consent.title"},
             {"client_name", m.client_name},
             {"client_uri", m.client_uri.empty() ? std::string() : origin_of(m.client_uri)},
             {"redirect_host", origin_of(a.redirect_uri)},
             {"scopes", scope_rows(app, req, a.scopes)},
             {"client_id", a.client->id},
             {"redirect_uri", a.redirect_uri},
             {"scope", scope_text(a.scopes)},
             {"state", a.state},
             {"code_challenge", a.challenge}};
    auto res = app.views->page(req, "ob3api/consent", ctx);
    // The answer to the form is a redirect to the app: the browser checks it against form-action.
    std::string csp = http::kContentSecurityPolicy;
    auto at = csp.find("form-action 'self'");
    if (at != std::string::npos) csp.insert(at + std::string("form-action 'self'").size(), " " + origin_of(a.redirect_uri));
    res.header("Content-Security-Policy", csp);
    res.header("Cache-Control", "no-store");
    return res;
}

} // namespace

void install_consent_pages(app::App& app) {
    app::App* self = &app;
    auto& r = app.router;

    r.get(std::string(kAuthorizePath), AccessRule::roles(accounts::educator), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto a = read_request(*sql, req);
        if (!a.page_error.empty()) return error_page(*self, req, a.page_error);
        if (!a.redirect_error.empty()) return to_app(a, a.redirect_error);
        return consent_page(*self, req, a);
    });

    r.post(std::string(kAuthorizePath), AccessRule::roles(accounts::educator), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto a = read_request(*sql, req);
        if (!a.page_error.empty()) return error_page(*self, req, a.page_error);
        if (!a.redirect_error.empty()) return to_app(a, a.redirect_error);
        if (req.form_value("decision") != "approve") return to_app(a, "access_denied");
        long long now = now_seconds();
        std::string code = crypto::random_token(32);
        {
            db::WriteTx tx(*sql);
            auto grant = create_grant(*sql, a.client->id, req.principal.user_id, a.scopes, now);
            save_code(*sql, crypto::sha256_hex(code), grant, a.redirect_uri, a.challenge, now + kCodeSeconds);
            tx.commit();
        }
        auto res = Response::redirect(with_query(a.redirect_uri, {{"code", code}, {"state", a.state}}), 303);
        res.header("Cache-Control", "no-store");
        return res;
    });

    r.get("/profile/apps", AccessRule::roles(accounts::educator), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        json apps = json::array();
        for (const auto& g : live_grants_of(*sql, req.principal.user_id))
            apps.push_back({{"id", g.id},
                            {"name", g.client_name},
                            {"since", day_of(g.created_at)},
                            {"scopes", scope_rows(*self, req, g.scopes)}});
        json imported = json::array();
        for (const auto& c : imports_of(*sql, req.principal.user_id))
            imported.push_back({{"name", c.achievement_name.empty() ? self->t(req, "ob3api.apps.unnamed") : c.achievement_name},
                                {"issuer", c.issuer_name},
                                {"verdict", verdict_text(*self, req, c)},
                                {"confirmed", c.verdict == "valid"},
                                {"received", day_of(c.received_at)}});
        json ctx{{"title_key", "ob3api.apps.title"},
                 {"apps", apps},
                 {"has_apps", !apps.empty()},
                 {"imported", imported},
                 {"has_imported", !imported.empty()},
                 {"notice", req.query_value("done") == "revoked" ? self->t(req, "ob3api.apps.revoked") : ""}};
        return self->views->page(req, "ob3api/apps", ctx);
    });

    r.post("/profile/apps/{id}/revoke", AccessRule::roles(accounts::educator), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto g = find_grant(*sql, req.param("id"));
        if (!g || g->educator_id != req.principal.user_id) return fail(Errc::not_found, "errors.not_found", "grant");
        {
            db::WriteTx tx(*sql);
            revoke_grant(*sql, g->id, now_seconds());
            tx.commit();
        }
        return Response::redirect("/profile/apps?done=revoked", 303);
    });
}

} // namespace mc::ob3api
