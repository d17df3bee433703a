// The OAuth rules of the OB 3.0 API, without a database: scopes, the checks of a dynamic client
// registration (RFC 7591), PKCE S256 (RFC 7636, its appendix B example) and the discovery document.
#include <gtest/gtest.h>

#include "ob3api/oauth.hpp"

using namespace mc::ob3api;
using nlohmann::json;

namespace {
json good() {
    return json{{"client_name", "Wallet app"},
                {"client_uri", "https://wallet.example/"},
                {"redirect_uris", {"https://wallet.example/cb", "http://127.0.0.1:8123/cb"}},
                {"token_endpoint_auth_method", "client_secret_basic"},
                {"grant_types", {"authorization_code", "refresh_token"}},
                {"response_types", {"code"}},
                {"scope", scope_uri(credential_readonly) + " " + scope_uri(profile_readonly)}};
}
} // namespace

TEST(Ob3Scopes, ParseAndPrintTheFourScopes) {
    auto all = parse_scopes(scope_text(all_scopes));
    ASSERT_TRUE(all);
    EXPECT_EQ(*all, all_scopes);
    EXPECT_EQ(scope_uri(credential_readonly), "https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.readonly");
    EXPECT_FALSE(parse_scopes("credential.readonly")); // the short name is not the scope
    EXPECT_FALSE(parse_scopes(scope_uri(profile_update) + " openid"));
    EXPECT_EQ(parse_scopes("  " + scope_uri(profile_update) + "  ").value_or(0), profile_update);
    EXPECT_FALSE(parse_scopes(std::string(2000, 'a')));
}

TEST(Ob3Registration, AGoodRegistrationIsKept) {
    auto c = check_registration(good());
    ASSERT_TRUE(c.metadata) << c.problem->field;
    EXPECT_EQ(c.metadata->client_name, "Wallet app");
    EXPECT_EQ(c.metadata->redirect_uris.size(), 2u);
    EXPECT_EQ(c.metadata->scopes, credential_readonly | profile_readonly);
    auto back = ClientMetadata::from_json(c.metadata->to_json());
    EXPECT_EQ(back.redirect_uris, c.metadata->redirect_uris);
    EXPECT_EQ(back.scopes, c.metadata->scopes);
    EXPECT_EQ(back.auth_method, "client_secret_basic");
}

TEST(Ob3Registration, EachBadMemberIsNamedWithTheRfcCode) {
    struct Case {
        const char* what;
        json change;
        const char* error;
        const char* field;
    };
    std::vector<Case> cases = {
        {"no redirect", {{"redirect_uris", nullptr}}, "invalid_redirect_uri", "redirect_uris"},
        {"http to a host", {{"redirect_uris", {"http://wallet.example/cb"}}}, "invalid_redirect_uri", "redirect_uris"},
        {"fragment", {{"redirect_uris", {"https://wallet.example/cb#x"}}}, "invalid_redirect_uri", "redirect_uris"},
        {"userinfo", {{"redirect_uris", {"https://a@wallet.example/cb"}}}, "invalid_redirect_uri", "redirect_uris"},
        {"custom scheme", {{"redirect_uris", {"javascript://alert(1)"}}}, "invalid_redirect_uri", "redirect_uris"},
        {"too many", {{"redirect_uris", json(std::vector<std::string>(6, "https://a.example/"))}}, "invalid_redirect_uri", "redirect_uris"},
        {"empty list", {{"redirect_uris", json::array()}}, "invalid_redirect_uri", "redirect_uris"},
        {"not a list", {{"redirect_uris", "https://a.example/"}}, "invalid_redirect_uri", "redirect_uris"},
        {"no name", {{"client_name", nullptr}}, "invalid_client_metadata", "client_name"},
        {"name a number", {{"client_name", 7}}, "invalid_client_metadata", "client_name"},
        {"name two lines", {{"client_name", "a\nb"}}, "invalid_client_metadata", "client_name"},
        {"name too long", {{"client_name", std::string(101, 'a')}}, "invalid_client_metadata", "client_name"},
        {"logo over http", {{"logo_uri", "http://cdn.example/logo.png"}}, "invalid_client_metadata", "logo_uri"},
        {"auth method", {{"token_endpoint_auth_method", "private_key_jwt"}}, "invalid_client_metadata", "token_endpoint_auth_method"},
        {"implicit grant", {{"grant_types", {"implicit"}}}, "invalid_client_metadata", "grant_types"},
        {"token response", {{"response_types", {"token"}}}, "invalid_client_metadata", "response_types"},
        {"unknown scope", {{"scope", "openid"}}, "invalid_client_metadata", "scope"},
        {"scope a list", {{"scope", {"a"}}}, "invalid_client_metadata", "scope"},
    };
    for (const auto& c : cases) {
        auto body = good();
        body.merge_patch(c.change);
        if (c.change.begin().value().is_null()) body.erase(c.change.begin().key());
        auto out = check_registration(body);
        ASSERT_FALSE(out.metadata) << c.what;
        EXPECT_EQ(out.problem->error, c.error) << c.what;
        EXPECT_EQ(out.problem->field, c.field) << c.what;
        EXPECT_TRUE(out.problem->key.starts_with("ob3api.register.")) << c.what;
    }
    EXPECT_FALSE(check_registration(json::array()).metadata);
}

TEST(Ob3Registration, RedirectUrisHttpsOrLoopbackOnly) {
    EXPECT_TRUE(redirect_uri_allowed("https://wallet.example/cb?x=1"));
    EXPECT_TRUE(redirect_uri_allowed("https://wallet.example:8443/cb"));
    EXPECT_TRUE(redirect_uri_allowed("http://127.0.0.1:5000/cb"));
    EXPECT_TRUE(redirect_uri_allowed("http://[::1]:5000/cb"));
    EXPECT_TRUE(redirect_uri_allowed("http://localhost/cb"));
    EXPECT_FALSE(redirect_uri_allowed("http://127.0.0.1.evil.example/cb"));
    EXPECT_FALSE(redirect_uri_allowed("http://localhost.evil.example/cb"));
    EXPECT_FALSE(redirect_uri_allowed("https:///cb"));
    EXPECT_FALSE(redirect_uri_allowed("https://wallet.example:99999999/cb"));
    EXPECT_FALSE(redirect_uri_allowed("https://wallet.example/c b"));
    EXPECT_FALSE(redirect_uri_allowed("https://wallet.example/" + std::string(600, 'a')));
    EXPECT_FALSE(redirect_uri_allowed("data:text/html,hi"));
}

TEST(Ob3Pkce, S256AsInTheRfcExample) {
    // RFC 7636 appendix B.
    EXPECT_EQ(s256_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    EXPECT_TRUE(pkce_s256_matches("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
    EXPECT_FALSE(pkce_s256_matches("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXj", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
    EXPECT_FALSE(valid_code_verifier("short"));
    EXPECT_FALSE(valid_code_verifier(std::string(129, 'a')));
    EXPECT_FALSE(valid_code_verifier(std::string(43, '+')));
    EXPECT_TRUE(valid_code_challenge("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
    EXPECT_FALSE(valid_code_challenge("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-c="));
}

TEST(Ob3Discovery, NamesTheEndpointsAndTheFourScopes) {
    auto d = discovery_document("https://mc.example");
    const auto& scheme = d["components"]["securitySchemes"]["OAuth2ACG"];
    EXPECT_EQ(scheme["type"], "oauth2");
    EXPECT_EQ(scheme["x-imssf-registrationUrl"], "https://mc.example/oauth/register");
    const auto& flow = scheme["flows"]["authorizationCode"];
    EXPECT_EQ(flow["authorizationUrl"], "https://mc.example/oauth/authorize");
    EXPECT_EQ(flow["tokenUrl"], "https://mc.example/oauth/token");
    EXPECT_EQ(flow["refreshUrl"], "https://mc.example/oauth/token");
    EXPECT_EQ(flow["x-microcred-revocationUrl"], "https://mc.example/oauth/revoke");
    EXPECT_EQ(flow["scopes"].size(), 4u);
    for (auto s : every_scope) EXPECT_TRUE(flow["scopes"].contains(scope_uri(s)));
    EXPECT_EQ(d["servers"][0]["url"], "https://mc.example/ims/ob/v3p0");
}
