#include <gtest/gtest.h>

#include "tests/support/test_app.hpp"

using mc::testing::TestApp;

TEST(Home, ServesTheLandingPageInTheVisitorsLanguage) {
    TestApp t;
    auto c = t.client();
    auto en = c.get("/");
    EXPECT_EQ(en.status, 200);
    EXPECT_NE(en.body.find("<html lang=\"en\">"), std::string::npos);
    auto es = c.get("/", {{"accept-language", "es-MX,es;q=0.9"}});
    EXPECT_NE(es.body.find("<html lang=\"es\">"), std::string::npos);
    EXPECT_NE(es.body.find("Cómo funciona"), std::string::npos);
}

TEST(Home, LanguageSwitchIsRememberedAndRefusesOpenRedirects) {
    TestApp t;
    auto c = t.client();
    auto res = c.get("/lang/es?next=//evil.example/");
    EXPECT_EQ(res.status, 303);
    EXPECT_EQ(res.header_value("Location"), "/");
    EXPECT_EQ(c.get("/lang/es?next=/%5Cevil.example/").header_value("Location"), "/"); // "/\\evil": also another site
    EXPECT_EQ(c.get("/lang/es?next=/catalog").header_value("Location"), "/catalog");
    EXPECT_EQ(c.cookies["mc_lang"], "es");
    EXPECT_NE(c.get("/").body.find("lang=\"es\""), std::string::npos);
    EXPECT_EQ(c.get("/lang/xx").status, 404);
}

TEST(Home, UnknownPathsAndMethodsGetClearErrors) {
    TestApp t;
    auto c = t.client();
    EXPECT_EQ(c.get("/no/such/page").status, 404);
    auto json = c.get("/api/v1/nothing-here");
    EXPECT_EQ(json.status, 404);
    EXPECT_NE(json.body.find("\"error\""), std::string::npos);
    EXPECT_EQ(c.post("/", {}).status, 405);
}

TEST(Home, StaticFilesCannotEscapeTheirFolder) {
    TestApp t;
    auto c = t.client();
    EXPECT_EQ(c.get("/static/css/microcred.css").status, 200);
    EXPECT_EQ(c.get("/static/../../migrations/0001_accounts.sql").status, 404);
    EXPECT_EQ(c.get("/static/%2e%2e/%2e%2e/CMakeLists.txt").status, 404);
}

// The background sweeper has no list of its own: each domain's install adds its jobs, and the
// hourly ones say so.
TEST(Background, EachDomainRegistersItsOwnJobs) {
    TestApp t;
    std::vector<std::pair<std::string, long long>> jobs;
    for (const auto& j : t.app().background_jobs) {
        EXPECT_TRUE(static_cast<bool>(j.run)) << j.name;
        jobs.emplace_back(j.name, j.every_seconds);
    }
    std::vector<std::pair<std::string, long long>> expected = {
        {"evidence retention", 3600}, {"expired uploads", 30},      {"auto-assigner", 30},
        {"turnaround reminders", 30}, {"appeal reviewers", 30},     {"referral coaches", 30},
        {"requirement reminders", 3600}, {"report snapshot", 30}, {"expired api tokens", 3600}};
    EXPECT_EQ(jobs, expected);
}
