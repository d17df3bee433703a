// The OB 3.0 API on the real app (SQLite, and PostgreSQL when MICROCRED_TEST_PG is set): the
// discovery document without a session, and dynamic client registration through the router
// (no CSRF token: apps call it), its RFC 7591 errors naming the member, secrets kept hashed.
#include <ctime>

#include <gtest/gtest.h>

#include "credentials/jwt/vc_jwt.hpp"
#include "credentials/web/award_store.hpp"
#include "credentials/web/bulk_issue.hpp"
#include "ob3api/oauth.hpp"
#include "ob3api/oauth_store.hpp"
#include "platform/crypto/random.hpp"
#include "platform/db/database.hpp"
#include "accounts/user_store.hpp"
#include "platform/unwrap.hpp"
#include "tests/credentials/verify/sample_credential.hpp"
#include "tests/support/test_app.hpp"

using mc::testing::TestApp;
using nlohmann::json;
namespace ob3 = mc::ob3api;

namespace {

mc::http::Response post_json(TestApp::Client& c, const std::string& path, const std::string& body,
                             const std::string& type = "application/json") {
    mc::http::Request r;
    r.method = "POST";
    r.target = r.path = path;
    r.headers["content-type"] = type;
    r.body = body;
    return c.send(r);
}

json registration() {
    return json{{"client_name", "Backpack"},
                {"client_uri", "https://backpack.example/"},
                {"redirect_uris", {"http://127.0.0.1:9/cb"}},
                {"scope", ob3::scope_text(ob3::all_scopes)}};
}

} // namespace

TEST(Ob3Api, DiscoveryNeedsNoSessionAndNamesTheUrls) {
    TestApp t;
    auto anon = t.client();
    auto res = anon.get("/ims/ob/v3p0/discovery");
    ASSERT_EQ(res.status, 200) << res.body;
    EXPECT_NE(res.header_value("content-type").find("application/json"), std::string::npos);
    auto d = json::parse(res.body);
    const auto& base = t.app().config.base_url;
    const auto& scheme = d["components"]["securitySchemes"]["OAuth2ACG"];
    EXPECT_EQ(scheme["x-imssf-registrationUrl"], base + "/oauth/register");
    EXPECT_EQ(scheme["flows"]["authorizationCode"]["tokenUrl"], base + "/oauth/token");
    EXPECT_EQ(scheme["flows"]["authorizationCode"]["scopes"].size(), 4u);
}

TEST(Ob3Api, RegistrationGivesAClientWhoseSecretIsKeptHashed) {
    TestApp t;
    auto app = t.client();
    auto res = post_json(app, "/oauth/register", registration().dump());
    ASSERT_EQ(res.status, 201) << res.body;
    EXPECT_EQ(res.header_value("cache-control"), "no-store");
    auto body = json::parse(res.body);
    auto id = body["client_id"].get<std::string>();
    auto secret = body["client_secret"].get<std::string>();
    EXPECT_GE(secret.size(), 40u);
    EXPECT_EQ(body["client_secret_expires_at"], 0);
    EXPECT_EQ(body["redirect_uris"][0], "http://127.0.0.1:9/cb");
    EXPECT_EQ(body["token_endpoint_auth_method"], "client_secret_basic");
    auto sql = t.app().db->lease();
    auto stored = ob3::find_client(*sql, id);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->client_name, "Backpack");
    EXPECT_EQ(stored->secret_hash, mc::crypto::sha256_hex(secret));
    EXPECT_EQ(stored->metadata.scopes, ob3::all_scopes);
    EXPECT_EQ(stored->metadata.redirect_uris, std::vector<std::string>{"http://127.0.0.1:9/cb"});

    // A public client gets no secret.
    auto pub = registration();
    pub["token_endpoint_auth_method"] = "none";
    auto res2 = post_json(app, "/oauth/register", pub.dump());
    ASSERT_EQ(res2.status, 201) << res2.body;
    EXPECT_FALSE(json::parse(res2.body).contains("client_secret"));
}

TEST(Ob3Api, ABadRegistrationIsRefusedNamingTheMemberAndSavesNothing) {
    TestApp t;
    auto app = t.client();
    auto count = [&] {
        long long n = 0;
        auto sql = t.app().db->lease();
        *sql << "SELECT COUNT(*) FROM ob3_clients", soci::into(n);
        return n;
    };
    auto bad = registration();
    bad["redirect_uris"] = {"http://backpack.example/cb"};
    auto res = post_json(app, "/oauth/register", bad.dump());
    ASSERT_EQ(res.status, 400) << res.body;
    auto body = json::parse(res.body);
    EXPECT_EQ(body["error"], "invalid_redirect_uri");
    EXPECT_EQ(body["field"], "redirect_uris");
    EXPECT_FALSE(body["error_description"].get<std::string>().empty());

    auto noname = registration();
    noname.erase("client_name");
    res = post_json(app, "/oauth/register", noname.dump());
    ASSERT_EQ(res.status, 400);
    EXPECT_EQ(json::parse(res.body)["error"], "invalid_client_metadata");
    EXPECT_EQ(json::parse(res.body)["field"], "client_name");

    EXPECT_EQ(post_json(app, "/oauth/register", "{\"client_name\":").status, 400);
    EXPECT_EQ(post_json(app, "/oauth/register", registration().dump(), "text/plain").status, 400);
    EXPECT_EQ(post_json(app, "/oauth/register", std::string(200, '[') + std::string(200, ']')).status, 400);
    auto huge = registration();
    huge["software_id"] = std::string(20000, 'a');
    EXPECT_EQ(post_json(app, "/oauth/register", huge.dump()).status, 413);
    EXPECT_EQ(count(), 0);
}

namespace {

const char* kMaria = "educator@demo.microcred.test";
const char* kPassword = "microcred-demo";
const char* kVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"; // RFC 7636 appendix B
const char* kChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
const char* kRedirect = "http://127.0.0.1:9/cb";

struct Registered {
    std::string id, secret;
};
Registered register_app(TestApp& t, const std::string& method = "client_secret_basic") {
    auto c = t.client();
    auto body = registration();
    body["token_endpoint_auth_method"] = method;
    auto res = post_json(c, "/oauth/register", body.dump());
    if (res.status != 201) throw std::runtime_error("register: " + res.body);
    auto j = json::parse(res.body);
    return {j["client_id"].get<std::string>(), j.value("client_secret", "")};
}

std::string authorize_query(const Registered& app, const std::string& extra = "") {
    return "/oauth/authorize?response_type=code&client_id=" + app.id + "&redirect_uri=" +
           mc::http::percent_encode(kRedirect) + "&state=xyz&code_challenge=" + kChallenge +
           "&code_challenge_method=S256&scope=" + mc::http::percent_encode(ob3::scope_uri(ob3::credential_readonly)) + extra;
}

// The value of `name` in a redirect's query.
std::string query_of(const std::string& location, const std::string& name) {
    auto q = location.find('?');
    if (q == std::string::npos) return "";
    for (auto& [k, v] : mc::http::parse_urlencoded(location.substr(q + 1)))
        if (k == name) return v;
    return "";
}

mc::http::Response post_form(TestApp::Client& c, const std::string& path, const std::map<std::string, std::string>& form,
                             const std::string& basic = "") {
    mc::http::Request r;
    r.method = "POST";
    r.target = r.path = path;
    r.headers["content-type"] = "application/x-www-form-urlencoded";
    if (!basic.empty()) r.headers["authorization"] = "Basic " + basic;
    r.body = mc::testing::form_encode(form);
    return c.send(r);
}

std::string basic_of(const Registered& app) { return mc::crypto::base64_encode(app.id + ":" + app.secret); }

// Maria approves on the consent page; returns the code from the redirect.
std::string approve(TestApp& t, TestApp::Client& maria, const Registered& app,
                    std::uint32_t scopes = ob3::credential_readonly) {
    auto page = maria.get(authorize_query(app));
    if (page.status != 200) throw std::runtime_error("consent page: " + std::to_string(page.status));
    auto res = maria.post("/oauth/authorize",
                          {{"response_type", "code"}, {"client_id", app.id}, {"redirect_uri", kRedirect}, {"state", "xyz"},
                           {"code_challenge", kChallenge}, {"code_challenge_method", "S256"},
                           {"scope", ob3::scope_text(scopes)}, {"decision", "approve"}});
    if (res.status != 303) throw std::runtime_error("approve: " + std::to_string(res.status) + res.body);
    (void)t;
    return query_of(res.header_value("location"), "code");
}

long long rows(TestApp& t, const std::string& table) {
    long long n = 0;
    auto sql = t.app().db->lease();
    *sql << "SELECT COUNT(*) FROM " + table, soci::into(n);
    return n;
}

} // namespace

TEST(Ob3Flow, ConsentPageShowsTheAppAndScopesInHerLanguageAndNeedsSignIn) {
    TestApp t(true, true);
    auto app = register_app(t);
    auto anon = t.client();
    auto res = anon.get(authorize_query(app));
    EXPECT_EQ(res.status, 303);
    EXPECT_TRUE(res.header_value("location").starts_with("/sign-in?next=")) << res.header_value("location");

    auto maria = t.client();
    maria.sign_in(kMaria, kPassword);
    auto page = maria.get(authorize_query(app));
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_NE(page.body.find("Backpack"), std::string::npos);
    EXPECT_NE(page.body.find("Read the credentials you earned"), std::string::npos);
    EXPECT_EQ(page.body.find("Add credentials from elsewhere"), std::string::npos); // not asked for
    EXPECT_NE(page.header_value("content-security-policy").find("form-action 'self' http://127.0.0.1:9"), std::string::npos);

    auto lucia = t.client();
    lucia.sign_in("educadora@demo.microcred.test", kPassword);
    auto es = lucia.get(authorize_query(app));
    ASSERT_EQ(es.status, 200);
    EXPECT_NE(es.body.find("Leer las credenciales que obtuvo"), std::string::npos);

    // A redirect URI the app did not register is shown to her, never followed.
    auto bad = maria.get("/oauth/authorize?response_type=code&client_id=" + app.id +
                         "&redirect_uri=https%3A%2F%2Fevil.example%2Fcb&code_challenge=" + kChallenge +
                         "&code_challenge_method=S256");
    EXPECT_EQ(bad.status, 400);
    EXPECT_TRUE(bad.header_value("location").empty());
    // No PKCE, or plain PKCE: the app is told at its redirect URI.
    auto plain = maria.get("/oauth/authorize?response_type=code&client_id=" + app.id + "&state=s&code_challenge=" +
                           kChallenge + "&code_challenge_method=plain");
    ASSERT_EQ(plain.status, 303);
    EXPECT_EQ(query_of(plain.header_value("location"), "error"), "invalid_request");
    EXPECT_EQ(query_of(plain.header_value("location"), "state"), "s");
    auto scope = maria.get(authorize_query(app, "x"));
    ASSERT_EQ(scope.status, 303);
    EXPECT_EQ(query_of(scope.header_value("location"), "error"), "invalid_scope");
    // The consent form needs its CSRF token; deny tells the app access_denied and saves nothing.
    auto forged = maria.post("/oauth/authorize", {{"client_id", app.id}, {"decision", "approve"}}, false);
    EXPECT_EQ(forged.status, 403);
    auto denied = maria.post("/oauth/authorize",
                             {{"response_type", "code"}, {"client_id", app.id}, {"redirect_uri", kRedirect}, {"state", "xyz"},
                              {"code_challenge", kChallenge}, {"code_challenge_method", "S256"}, {"decision", "deny"}});
    ASSERT_EQ(denied.status, 303);
    EXPECT_EQ(query_of(denied.header_value("location"), "error"), "access_denied");
    EXPECT_EQ(rows(t, "ob3_grants"), 0);
}

TEST(Ob3Flow, CodeForTokensOnceThenRefreshRotatesAndReuseEndsTheGrant) {
    TestApp t(true, true);
    auto app = register_app(t);
    auto maria = t.client();
    maria.sign_in(kMaria, kPassword);
    auto code = approve(t, maria, app);
    ASSERT_FALSE(code.empty());
    auto machine = t.client();
    std::map<std::string, std::string> exchange{
        {"grant_type", "authorization_code"}, {"code", code}, {"redirect_uri", kRedirect}, {"code_verifier", kVerifier}};

    // Wrong secret, or the secret in the form when Basic was registered: invalid_client.
    Registered wrong{app.id, "not-the-secret"};
    auto res = post_form(machine, "/oauth/token", exchange, basic_of(wrong));
    EXPECT_EQ(res.status, 401);
    EXPECT_EQ(json::parse(res.body)["error"], "invalid_client");
    auto in_form = exchange;
    in_form["client_id"] = app.id;
    in_form["client_secret"] = app.secret;
    EXPECT_EQ(post_form(machine, "/oauth/token", in_form).status, 401);

    // A wrong verifier spends the code (one try).
    auto code2 = approve(t, maria, app);
    auto bad_pkce = exchange;
    bad_pkce["code"] = code2;
    bad_pkce["code_verifier"] = std::string(43, 'a');
    res = post_form(machine, "/oauth/token", bad_pkce, basic_of(app));
    EXPECT_EQ(res.status, 400);
    EXPECT_EQ(json::parse(res.body)["error"], "invalid_grant");
    bad_pkce["code_verifier"] = kVerifier;
    EXPECT_EQ(post_form(machine, "/oauth/token", bad_pkce, basic_of(app)).status, 400);

    res = post_form(machine, "/oauth/token", exchange, basic_of(app));
    ASSERT_EQ(res.status, 200) << res.body;
    EXPECT_EQ(res.header_value("cache-control"), "no-store");
    auto tokens = json::parse(res.body);
    EXPECT_EQ(tokens["token_type"], "Bearer");
    EXPECT_EQ(tokens["expires_in"], 3600);
    EXPECT_EQ(tokens["scope"], ob3::scope_uri(ob3::credential_readonly));
    auto access = tokens["access_token"].get<std::string>();
    auto refresh = tokens["refresh_token"].get<std::string>();
    {
        auto sql = t.app().db->lease();
        auto owner = ob3::find_access_token(*sql, mc::crypto::sha256_hex(access), std::time(nullptr));
        ASSERT_TRUE(owner);
        EXPECT_EQ(owner->scopes, ob3::credential_readonly);
        EXPECT_FALSE(ob3::find_access_token(*sql, access, std::time(nullptr))); // only the hash is stored
    }

    // The same code again: refused, and what was issued on it ends.
    res = post_form(machine, "/oauth/token", exchange, basic_of(app));
    EXPECT_EQ(res.status, 400);
    {
        auto sql = t.app().db->lease();
        EXPECT_FALSE(ob3::find_access_token(*sql, mc::crypto::sha256_hex(access), std::time(nullptr)));
    }

    // A fresh grant: refresh rotates; the old refresh token presented again ends the grant.
    auto code3 = approve(t, maria, app);
    exchange["code"] = code3;
    tokens = json::parse(post_form(machine, "/oauth/token", exchange, basic_of(app)).body);
    refresh = tokens["refresh_token"].get<std::string>();
    res = post_form(machine, "/oauth/token", {{"grant_type", "refresh_token"}, {"refresh_token", refresh}}, basic_of(app));
    ASSERT_EQ(res.status, 200) << res.body;
    auto rotated = json::parse(res.body);
    EXPECT_NE(rotated["refresh_token"], refresh);
    auto new_access = rotated["access_token"].get<std::string>();
    res = post_form(machine, "/oauth/token", {{"grant_type", "refresh_token"}, {"refresh_token", refresh}}, basic_of(app));
    EXPECT_EQ(res.status, 400);
    EXPECT_EQ(json::parse(res.body)["error"], "invalid_grant");
    auto sql = t.app().db->lease();
    EXPECT_FALSE(ob3::find_access_token(*sql, mc::crypto::sha256_hex(new_access), std::time(nullptr)));
    res = post_form(machine, "/oauth/token",
                    {{"grant_type", "refresh_token"}, {"refresh_token", rotated["refresh_token"].get<std::string>()}},
                    basic_of(app));
    EXPECT_EQ(res.status, 400);
    EXPECT_EQ(post_form(machine, "/oauth/token", {{"grant_type", "password"}}, basic_of(app)).status, 400);
}

TEST(Ob3Flow, RevocationByTheAppOrByHerFromConnectedApps) {
    TestApp t(true, true);
    auto app = register_app(t, "none"); // a public client: PKCE alone
    auto maria = t.client();
    maria.sign_in(kMaria, kPassword);
    auto machine = t.client();
    auto get_tokens = [&] {
        auto code = approve(t, maria, app);
        auto res = post_form(machine, "/oauth/token",
                             {{"grant_type", "authorization_code"}, {"code", code}, {"redirect_uri", kRedirect},
                              {"code_verifier", kVerifier}, {"client_id", app.id}});
        if (res.status != 200) throw std::runtime_error("token: " + res.body);
        return json::parse(res.body);
    };
    auto live = [&](const json& tokens) {
        auto sql = t.app().db->lease();
        return ob3::find_access_token(*sql, mc::crypto::sha256_hex(tokens["access_token"].get<std::string>()),
                                      std::time(nullptr))
            .has_value();
    };
    auto first = get_tokens();
    ASSERT_TRUE(live(first));
    auto res = post_form(machine, "/oauth/revoke", {{"token", first["refresh_token"].get<std::string>()}, {"client_id", app.id}});
    EXPECT_EQ(res.status, 200);
    EXPECT_FALSE(live(first));
    // Unknown tokens are answered 200 too; an unknown client is not.
    EXPECT_EQ(post_form(machine, "/oauth/revoke", {{"token", "nope"}, {"client_id", app.id}}).status, 200);
    EXPECT_EQ(post_form(machine, "/oauth/revoke", {{"token", "nope"}, {"client_id", "nope"}}).status, 401);

    auto second = get_tokens();
    auto page = maria.get("/profile/apps");
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("Backpack"), std::string::npos);
    std::string grant;
    {
        auto sql = t.app().db->lease();
        auto grants = ob3::live_grants_of(*sql, ob3::find_access_token(*sql, mc::crypto::sha256_hex(second["access_token"].get<std::string>()), std::time(nullptr))->educator_id);
        ASSERT_EQ(grants.size(), 1u);
        grant = grants.front().id;
    }
    // Another educator cannot revoke her grant.
    auto lucia = t.client();
    lucia.sign_in("educadora@demo.microcred.test", kPassword);
    EXPECT_EQ(lucia.post("/profile/apps/" + grant + "/revoke", {}).status, 404);
    EXPECT_TRUE(live(second));
    res = maria.post("/profile/apps/" + grant + "/revoke", {});
    EXPECT_EQ(res.status, 303);
    EXPECT_FALSE(live(second));
    page = maria.get("/profile/apps?done=revoked");
    EXPECT_EQ(page.body.find("mc-connected-app"), std::string::npos);
    EXPECT_NE(page.body.find("disconnected"), std::string::npos);
}

namespace {

std::string give(TestApp& t, const std::string& email, const std::string& slug) {
    mc::credentials::RecipientList list;
    list.rows.push_back({1, "Demo", email, "", std::nullopt});
    mc::credentials::BulkIssueOptions options;
    options.achievement = slug;
    options.notify = false;
    options.threads = 1;
    auto out = mc::credentials::bulk_issue(t.app(), list, options);
    if (!out || out->rows.empty() || out->rows.front().award_id.empty()) throw std::runtime_error("bulk issue failed: " + slug);
    return out->rows.front().award_id;
}

// An access token of Maria's for `scopes`, through consent and the token endpoint.
std::string token_for(TestApp& t, std::uint32_t scopes) {
    auto app = register_app(t);
    auto maria = t.client();
    maria.sign_in(kMaria, kPassword);
    auto code = approve(t, maria, app, scopes);
    auto machine = t.client();
    auto res = post_form(machine, "/oauth/token",
                         {{"grant_type", "authorization_code"}, {"code", code}, {"redirect_uri", kRedirect},
                          {"code_verifier", kVerifier}},
                         basic_of(app));
    if (res.status != 200) throw std::runtime_error("token: " + res.body);
    return json::parse(res.body)["access_token"].get<std::string>();
}

mc::http::Response call(TestApp& t, const std::string& method, const std::string& target, const std::string& token,
                        const std::string& body = "") {
    auto c = t.client();
    mc::http::Request r;
    r.method = method;
    r.target = target;
    r.path = target.substr(0, target.find('?'));
    r.query = mc::http::parse_urlencoded(target.find('?') == std::string::npos ? "" : target.substr(target.find('?') + 1));
    if (!token.empty()) r.headers["authorization"] = "Bearer " + token;
    if (!body.empty()) r.headers["content-type"] = "application/json";
    r.body = body;
    return c.send(r);
}

std::string minor_of(const mc::http::Response& res) {
    auto j = json::parse(res.body, nullptr, false);
    if (!j.is_object()) return "";
    return j["imsx_codeMinor"]["imsx_codeMinorField"][0]["imsx_codeMinorFieldValue"].get<std::string>();
}

} // namespace

TEST(Ob3Resources, HerOwnCredentialsPagedWithCountAndLinksAsJsonOrJws) {
    TestApp t(true, true);
    for (const char* slug : {"family-conference-portfolio", "responsive-serve-and-return", "reflective-growth-plan"})
        give(t, kMaria, slug);
    auto lucias = give(t, "educadora@demo.microcred.test", "learning-center-redesign");
    std::string maria_id;
    long long expected = 0;
    {
        auto sql = t.app().db->lease();
        maria_id = mc::accounts::find_user_by_email(*sql, kMaria)->id;
        for (const auto& a : mc::credentials::awards_of(*sql, maria_id))
            if (!a.revoked_at) ++expected;
    }
    ASSERT_GE(expected, 3);

    auto none = call(t, "GET", "/ims/ob/v3p0/credentials", "");
    EXPECT_EQ(none.status, 401);
    EXPECT_EQ(minor_of(none), "unauthorisedrequest");
    EXPECT_NE(none.header_value("www-authenticate").find("Bearer"), std::string::npos);
    EXPECT_EQ(call(t, "GET", "/ims/ob/v3p0/credentials", "made-up").status, 401);

    auto token = token_for(t, ob3::credential_readonly);
    auto all = call(t, "GET", "/ims/ob/v3p0/credentials?limit=100", token);
    ASSERT_EQ(all.status, 200) << all.body;
    EXPECT_EQ(all.header_value("x-total-count"), std::to_string(expected));
    auto items = json::parse(all.body)["credential"];
    ASSERT_EQ(static_cast<long long>(items.size()), expected);
    for (const auto& c : items) {
        EXPECT_TRUE(c.contains("proof"));
        EXPECT_EQ(c["id"].get<std::string>().find(lucias), std::string::npos) << "only her own";
    }

    auto first = call(t, "GET", "/ims/ob/v3p0/credentials?limit=2", token);
    ASSERT_EQ(first.status, 200);
    EXPECT_EQ(json::parse(first.body)["credential"].size(), 2u);
    auto link = first.header_value("link");
    EXPECT_NE(link.find("limit=2&offset=2>; rel=\"next\""), std::string::npos) << link;
    EXPECT_NE(link.find("rel=\"last\""), std::string::npos);
    EXPECT_EQ(link.find("rel=\"prev\""), std::string::npos);
    auto second = call(t, "GET", "/ims/ob/v3p0/credentials?limit=2&offset=2", token);
    EXPECT_EQ(static_cast<long long>(json::parse(second.body)["credential"].size()), std::min<long long>(2, expected - 2));
    EXPECT_NE(second.header_value("link").find("rel=\"prev\""), std::string::npos);
    auto later = call(t, "GET", "/ims/ob/v3p0/credentials?since=2999-01-01T00:00:00Z", token);
    ASSERT_EQ(later.status, 200);
    EXPECT_EQ(later.header_value("x-total-count"), "0");
    EXPECT_EQ(call(t, "GET", "/ims/ob/v3p0/credentials?since=2000-01-01", token).header_value("x-total-count"),
              std::to_string(expected));

    for (const char* bad : {"limit=0", "limit=abc", "offset=-1", "since=yesterday", "since=2026-12-01T10:00:00", "format=xml"}) {
        auto res = call(t, "GET", std::string("/ims/ob/v3p0/credentials?") + bad, token);
        EXPECT_EQ(res.status, 400) << bad;
        EXPECT_EQ(minor_of(res), "invalid_selection_field") << bad;
    }

    auto jws = call(t, "GET", "/ims/ob/v3p0/credentials?format=jws&limit=1", token);
    ASSERT_EQ(jws.status, 200) << jws.body;
    auto compact = json::parse(jws.body)["compactJwsString"][0].get<std::string>();
    auto dot1 = compact.find('.'), dot2 = compact.rfind('.');
    ASSERT_NE(dot1, dot2);
    auto header = json::parse(mc::unwrap(mc::crypto::base64url_decode(compact.substr(0, dot1))));
    auto payload = json::parse(mc::unwrap(mc::crypto::base64url_decode(compact.substr(dot1 + 1, dot2 - dot1 - 1))));
    EXPECT_EQ(header["alg"], "EdDSA");
    EXPECT_FALSE(header["kid"].get<std::string>().empty());
    EXPECT_EQ(payload["id"], items[0]["id"]);
    EXPECT_FALSE(payload.contains("proof"));

    // The credential scope does not reach the profile.
    auto profile = call(t, "GET", "/ims/ob/v3p0/profile", token);
    EXPECT_EQ(profile.status, 403);
    EXPECT_EQ(minor_of(profile), "forbidden");
}

TEST(Ob3Resources, ProfileReadAndNameChangedWithTheirScopes) {
    TestApp t(true, true);
    auto read = token_for(t, ob3::profile_readonly);
    auto res = call(t, "GET", "/ims/ob/v3p0/profile", read);
    ASSERT_EQ(res.status, 200) << res.body;
    auto p = json::parse(res.body);
    EXPECT_EQ(p["name"], "Maria Lopez");
    EXPECT_EQ(p["email"], kMaria);
    EXPECT_EQ(p["type"][0], "Profile");
    EXPECT_EQ(call(t, "PUT", "/ims/ob/v3p0/profile", read, json{{"name", "M"}}.dump()).status, 403);
    EXPECT_EQ(call(t, "GET", "/ims/ob/v3p0/credentials", read).status, 403);

    auto update = token_for(t, ob3::profile_readonly | ob3::profile_update);
    res = call(t, "PUT", "/ims/ob/v3p0/profile", update, json{{"name", "María López Ruiz"}}.dump());
    ASSERT_EQ(res.status, 200) << res.body;
    EXPECT_EQ(json::parse(res.body)["name"], "María López Ruiz");
    EXPECT_EQ(json::parse(call(t, "GET", "/ims/ob/v3p0/profile", update).body)["name"], "María López Ruiz");
    for (const auto& bad : {json{{"name", ""}}, json{{"name", "a\nb"}}, json{{"name", std::string(101, 'a')}},
                            json{{"name", 5}}, json{{"email", "x@y"}}}) {
        auto r = call(t, "PUT", "/ims/ob/v3p0/profile", update, bad.dump());
        EXPECT_EQ(r.status, 422) << bad.dump();
        EXPECT_EQ(minor_of(r), "invalid_data");
    }
    EXPECT_EQ(call(t, "PUT", "/ims/ob/v3p0/profile", update, "{").status, 400);
    EXPECT_EQ(json::parse(call(t, "GET", "/ims/ob/v3p0/profile", update).body)["name"], "María López Ruiz");
}

namespace {

mc::http::Response send_body(TestApp& t, const std::string& token, const std::string& type, const std::string& body) {
    auto c = t.client();
    mc::http::Request r;
    r.method = "POST";
    r.target = r.path = "/ims/ob/v3p0/credentials";
    r.headers["authorization"] = "Bearer " + token;
    r.headers["content-type"] = type;
    r.body = body;
    return c.send(r);
}

} // namespace

TEST(Ob3Upsert, VerifiedOnTheWayInKeptWithItsVerdictAndARoundTripChangesNothing) {
    namespace cr = mc::credentials;
    TestApp t(true, true);
    auto own = give(t, kMaria, "family-conference-portfolio");
    auto lucias = give(t, "educadora@demo.microcred.test", "learning-center-redesign");
    auto token = token_for(t, ob3::credential_readonly | ob3::credential_upsert);
    auto readonly = token_for(t, ob3::credential_readonly);

    // Another issuer's VC-JWT carrying its own key: signature intact, issuer not confirmed.
    auto key = mc::unwrap(cr::generate_issuer_key(cr::KeyAlgorithm::ed25519, "other", cr::SysSeconds{}));
    auto facts = verify_test::sample_facts();
    facts.issuer.id = "https://college.example/issuers/ece";
    facts.credential_status = nullptr;
    facts.valid_from = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()) - std::chrono::hours(1);
    auto doc = cr::build_open_badge_credential(facts);
    auto jws = mc::unwrap(cr::sign_vc_jwt(doc, key, {.kid = {}, .embed_jwk = true}));

    EXPECT_EQ(send_body(t, readonly, "text/plain", jws).status, 403);
    EXPECT_EQ(send_body(t, "", "text/plain", jws).status, 401);
    EXPECT_EQ(send_body(t, token, "application/xml", jws).status, 415);

    auto res = send_body(t, token, "text/plain", jws + "\n");
    ASSERT_EQ(res.status, 201) << res.body;
    EXPECT_EQ(json::parse(res.body)["id"], doc["id"]);
    EXPECT_EQ(send_body(t, token, "text/plain", jws).status, 304); // the same body again
    EXPECT_EQ(rows(t, "ob3_imported_credentials"), 1);

    // The same credential id, re-signed with a new name: replaced (200), still one row.
    auto renamed = doc;
    renamed["name"] = "Responsive caregiving (2nd edition)";
    auto jws2 = mc::unwrap(cr::sign_vc_jwt(renamed, key, {.kid = {}, .embed_jwk = true}));
    res = send_body(t, token, "text/plain", jws2);
    ASSERT_EQ(res.status, 200) << res.body;
    EXPECT_EQ(rows(t, "ob3_imported_credentials"), 1);

    // A changed letter breaks the signature: refused, nothing saved.
    auto tampered = jws2;
    tampered[tampered.size() - 5] = tampered[tampered.size() - 5] == 'A' ? 'B' : 'A';
    res = send_body(t, token, "text/plain", tampered);
    EXPECT_EQ(res.status, 400) << res.body;
    EXPECT_EQ(minor_of(res), "invalid_data");
    EXPECT_EQ(send_body(t, token, "application/json", "{\"hello\": 1}").status, 400);

    // Her own credential from this agency, sent back: already in her wallet (304), nothing added;
    // one this agency issued to someone else: refused.
    std::string own_json, lucias_json;
    {
        auto sql = t.app().db->lease();
        own_json = mc::unwrap(cr::find_award(*sql, own)).credential.dump();
        lucias_json = mc::unwrap(cr::find_award(*sql, lucias)).credential.dump();
    }
    EXPECT_EQ(send_body(t, token, "application/json", own_json).status, 304);
    EXPECT_EQ(send_body(t, token, "application/json", lucias_json).status, 422);
    EXPECT_EQ(rows(t, "ob3_imported_credentials"), 1);

    // Shown on her connected-apps page with the checker's verdict.
    auto maria = t.client();
    maria.sign_in(kMaria, kPassword);
    auto page = maria.get("/profile/apps");
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("Responsive caregiving"), std::string::npos);
    EXPECT_NE(page.body.find("Signature intact, but the issuer is NOT confirmed"), std::string::npos);
    EXPECT_NE(page.body.find("data-confirmed=\"false\""), std::string::npos);
}

TEST(Ob3Flow, RedirectUriMayBeLeftOutByAClientWithOneAndExpiredRowsAreSwept) {
    TestApp t(true, true);
    auto app = register_app(t);
    auto maria = t.client();
    maria.sign_in(kMaria, kPassword);
    auto machine = t.client();
    auto code = approve(t, maria, app);
    auto res = post_form(machine, "/oauth/token",
                         {{"grant_type", "authorization_code"}, {"code", code}, {"code_verifier", kVerifier}}, basic_of(app));
    ASSERT_EQ(res.status, 200) << res.body;
    auto live = json::parse(res.body);
    code = approve(t, maria, app);
    res = post_form(machine, "/oauth/token",
                    {{"grant_type", "authorization_code"}, {"code", code}, {"code_verifier", kVerifier},
                     {"redirect_uri", "http://127.0.0.1:9/other"}},
                    basic_of(app));
    EXPECT_EQ(res.status, 400);

    // Two days on, the codes and the access tokens are gone; the refresh tokens (180 days) stay.
    auto sql = t.app().db->lease();
    long long now = std::time(nullptr);
    EXPECT_EQ(ob3::delete_expired(*sql, now), 0);
    EXPECT_GE(ob3::delete_expired(*sql, now + 2 * 86400), 3); // two codes, one access token
    EXPECT_EQ(rows(t, "ob3_codes"), 0);
    EXPECT_EQ(rows(t, "ob3_access_tokens"), 0);
    EXPECT_EQ(rows(t, "ob3_refresh_tokens"), 1);
    EXPECT_EQ(ob3::take_refresh_token(*sql, mc::crypto::sha256_hex(live["refresh_token"].get<std::string>()), now).outcome,
              ob3::RefreshUse::Outcome::ok);
    EXPECT_EQ(ob3::delete_expired(*sql, now + 181 * 86400), 1);
}
