#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "accounts/roles.hpp"
#include "tests/accounts/helpers.hpp"

using namespace mc::testing;
namespace roles = mc::accounts;

namespace {
std::map<std::string, std::string> profile_form(std::string employer) {
    return {{"name", "María López"}, {"locale", "es"}, {"work_setting", "family_child_care"},
            {"employer_org_id", employer}, {"employer_program", "Casita"}, {"registry_id", "PA-1234"},
            {"highest_degree", "cda"}, {"degree_field", "Educación temprana"}};
}
} // namespace

TEST(Profile, SavesEveryFieldAndSwitchesTheLanguage) {
    TestApp t(true, true);
    auto sunrise = first_text(t, "SELECT id FROM organizations WHERE name = 'Sunrise Family Child Care'");
    auto id = make_user(t, "new@example.org", roles::educator);
    auto c = t.client();
    c.sign_in("new@example.org", good_password);
    auto page = c.get("/profile");
    EXPECT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "Little Oaks Learning Center"));
    auto res = c.post("/profile", profile_form(sunrise));
    ASSERT_EQ(res.status, 303);
    EXPECT_EQ(first_text(t, "SELECT display_name FROM users WHERE id = '" + id + "'"), "María López");
    EXPECT_EQ(first_text(t, "SELECT employer_org_id FROM users WHERE id = '" + id + "'"), sunrise);
    EXPECT_EQ(first_text(t, "SELECT registry_id FROM educator_profiles WHERE user_id = '" + id + "'"), "PA-1234");
    auto after = c.get("/profile?notice=saved");
    EXPECT_TRUE(contains(after.body, "lang=\"es\""));
    EXPECT_TRUE(contains(after.body, "Educación temprana"));
}

TEST(Profile, InvalidInputShowsFieldErrorsAndSavesNothing) {
    TestApp t(true, true);
    auto id = make_user(t, "new@example.org", roles::educator);
    auto c = t.client();
    c.sign_in("new@example.org", good_password);
    auto form = profile_form("not-an-employer");
    form["registry_id"] = "12 34 <script>";
    form["work_setting"] = "casino";
    auto res = c.post("/profile", form);
    EXPECT_EQ(res.status, 422);
    for (const char* id_attr : {"registry-error", "employer-error", "work_setting-error"})
        EXPECT_TRUE(contains(res.body, std::string("id=\"") + id_attr + "\"")) << id_attr;
    EXPECT_FALSE(contains(res.body, "<script>"));
    EXPECT_EQ(first_text(t, "SELECT display_name FROM users WHERE id = '" + id + "'"), "Test new");
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM educator_profiles WHERE user_id = '" + id + "'"), 0);
}

TEST(Profile, AssessorsCannotChangeTheirOwnEmployer) {
    TestApp t(true, true);
    auto c = t.client();
    c.sign_in("assessor@demo.microcred.test", "microcred-demo");
    auto before = first_text(t, "SELECT employer_org_id FROM users WHERE email = 'assessor@demo.microcred.test'");
    auto other = first_text(t, "SELECT id FROM organizations WHERE name = 'Sunrise Family Child Care'");
    EXPECT_EQ(c.post("/profile", profile_form(other)).status, 303);
    EXPECT_EQ(first_text(t, "SELECT employer_org_id FROM users WHERE email = 'assessor@demo.microcred.test'"), before);
}

TEST(ProfileApi, ReadsAndPatchesTheSignedInUser) {
    TestApp t(true, true);
    auto c = t.client();
    EXPECT_EQ(c.get("/api/v1/me").status, 401);
    c.sign_in("educator@demo.microcred.test", "microcred-demo");
    auto me = nlohmann::json::parse(c.get("/api/v1/me").body);
    EXPECT_EQ(me["email"], "educator@demo.microcred.test");
    EXPECT_EQ(me["roles"], nlohmann::json::array({"educator"}));
    EXPECT_EQ(me["employer"]["name"], "Sunrise Family Child Care");
    EXPECT_EQ(me["profile"]["work_setting"], "family_child_care");

    mc::http::Request patch;
    patch.method = "PATCH";
    patch.target = "/api/v1/me/profile";
    patch.headers["content-type"] = "application/json";
    patch.headers["x-csrf-token"] = c.csrf;
    patch.body = R"({"highest_degree":"bachelor","registry_id":"bad id!"})";
    auto refused = c.send(patch);
    EXPECT_EQ(refused.status, 422);
    EXPECT_TRUE(nlohmann::json::parse(refused.body)["error"]["fields"].contains("registry_id"));
    patch.body = R"({"highest_degree":"bachelor"})";
    auto ok = c.send(patch);
    ASSERT_EQ(ok.status, 200) << ok.body;
    auto updated = nlohmann::json::parse(ok.body);
    EXPECT_EQ(updated["profile"]["highest_degree"], "bachelor");
    EXPECT_EQ(updated["profile"]["registry_id"], "PA-204881"); // untouched fields keep their values
}

TEST(Dashboard, ShowsEachRoleItsWork) {
    TestApp t(true, true);
    auto e = t.client();
    e.sign_in("educator@demo.microcred.test", "microcred-demo");
    auto page = e.get("/dashboard");
    EXPECT_TRUE(contains(page.body, "href=\"/learning\""));
    EXPECT_TRUE(contains(page.body, "href=\"/wallet\""));
    EXPECT_FALSE(contains(page.body, "href=\"/assess\""));
    auto a = t.client();
    a.sign_in("assessor@demo.microcred.test", "microcred-demo");
    EXPECT_TRUE(contains(a.get("/dashboard").body, "href=\"/assess\""));
}
