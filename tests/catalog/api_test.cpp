// The catalog's JSON API.
#include <gtest/gtest.h>

#include "accounts/roles.hpp"
#include "tests/catalog/catalog_test_support.hpp"

using namespace mc::testing;
using nlohmann::json;

TEST(CatalogApi, ReadsFrameworkListAndOne) {
    TestApp t;
    seed_test_catalog(t);
    auto c = t.client();
    auto f = c.get("/api/v1/frameworks/test-framework");
    ASSERT_EQ(f.status, 200);
    auto fj = json::parse(f.body);
    EXPECT_EQ(fj["areas"].size(), 2u);
    EXPECT_EQ(fj["areas"][0]["competencies"][0]["code"], "responsive-talk");
    EXPECT_EQ(c.get("/api/v1/frameworks/nope").status, 404);

    auto all = json::parse(c.get("/api/v1/micro-credentials").body);
    EXPECT_EQ(all["items"].size(), 2u);
    auto es = json::parse(c.get("/api/v1/micro-credentials?language=es").body);
    ASSERT_EQ(es["items"].size(), 1u);
    EXPECT_EQ(es["items"][0]["slug"], "serve-and-return");
    auto area = json::parse(c.get("/api/v1/micro-credentials?area=families").body);
    ASSERT_EQ(area["items"].size(), 1u);
    EXPECT_EQ(area["items"][0]["competency"]["code"], "family-goals");

    auto one = c.get("/api/v1/micro-credentials/serve-and-return");
    ASSERT_EQ(one.status, 200);
    auto oj = json::parse(one.body);
    EXPECT_EQ(oj["version"], 1);
    EXPECT_EQ(oj["content"]["rubric"]["passing_level"], "demonstrated");
    auto missing = c.get("/api/v1/micro-credentials/nope");
    EXPECT_EQ(missing.status, 404);
    EXPECT_TRUE(json::parse(missing.body).contains("error"));
}

TEST(CatalogApi, DraftPutPublish) {
    TestApp t;
    seed_test_catalog(t);
    auto c = t.client();
    sign_in_as(t, c, mc::accounts::agency_admin);
    auto made = send_json(c, "POST", "/api/v1/micro-credentials/serve-and-return/drafts", "");
    ASSERT_EQ(made.status, 201) << made.body;
    auto draft = json::parse(made.body);
    EXPECT_EQ(draft["version"], 2);
    EXPECT_EQ(draft["status"], "draft");

    auto content = draft["content"];
    content["title"]["en"] = "Revised by API";
    auto put = send_json(c, "PUT", "/api/v1/micro-credentials/serve-and-return/drafts/2", content.dump());
    ASSERT_EQ(put.status, 200) << put.body;
    EXPECT_EQ(json::parse(put.body)["content"]["title"]["en"], "Revised by API");

    auto bad = send_json(c, "PUT", "/api/v1/micro-credentials/serve-and-return/drafts/2", "{oops");
    EXPECT_EQ(bad.status, 422);
    content["rubric"]["passing_level"] = "great";
    auto invalid = send_json(c, "PUT", "/api/v1/micro-credentials/serve-and-return/drafts/2", content.dump());
    ASSERT_EQ(invalid.status, 422);
    auto ij = json::parse(invalid.body);
    EXPECT_EQ(ij["error"]["issues"][0]["field"], "rubric.passing_level");
    EXPECT_FALSE(ij["error"]["issues"][0]["message"].get<std::string>().empty());
    // Still the last good content.
    EXPECT_EQ(json::parse(c.get("/api/v1/micro-credentials/serve-and-return").body)["version"], 1);

    auto pub = send_json(c, "POST", "/api/v1/micro-credentials/serve-and-return/drafts/2/publish", "");
    ASSERT_EQ(pub.status, 200) << pub.body;
    auto latest = json::parse(c.get("/api/v1/micro-credentials/serve-and-return").body);
    EXPECT_EQ(latest["version"], 2);
    EXPECT_EQ(latest["content"]["title"]["en"], "Revised by API");

    // Published: immutable through the API as well.
    auto again = send_json(c, "PUT", "/api/v1/micro-credentials/serve-and-return/drafts/2", latest["content"].dump());
    EXPECT_EQ(again.status, 409);
    EXPECT_EQ(send_json(c, "POST", "/api/v1/micro-credentials/serve-and-return/drafts/2/publish", "").status, 409);
    EXPECT_EQ(send_json(c, "PUT", "/api/v1/micro-credentials/nope/drafts/1", "{}").status, 404);
}
