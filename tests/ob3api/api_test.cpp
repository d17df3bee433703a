// The OB 3.0 API on the real app (SQLite, and PostgreSQL when MICROCRED_TEST_PG is set): the
// discovery document without a session, and dynamic client registration through the router
// (no CSRF token: apps call it), its RFC 7591 errors naming the member, secrets kept hashed.
#include <gtest/gtest.h>

#include "ob3api/oauth.hpp"
#include "ob3api/oauth_store.hpp"
#include "platform/crypto/random.hpp"
#include "platform/db/database.hpp"
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
