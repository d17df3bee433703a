// The public catalog pages, in English and Spanish.
#include <gtest/gtest.h>

#include "accounts/roles.hpp"
#include "catalog/catalog_web.hpp"
#include "catalog/module.hpp"
#include "tests/catalog/catalog_test_support.hpp"

using namespace mc::testing;

namespace {
bool contains(const std::string& body, const std::string& text) { return body.find(text) != std::string::npos; }
} // namespace

TEST(CatalogPages, ListGroupsByAreaInEnglishAndSpanish) {
    TestApp t;
    seed_test_catalog(t);
    auto c = t.client();
    auto en = c.get("/catalog");
    ASSERT_EQ(en.status, 200);
    EXPECT_TRUE(contains(en.body, "Relationships and interactions"));
    EXPECT_TRUE(contains(en.body, "Serve and return talk"));
    EXPECT_TRUE(contains(en.body, "Setting goals with families"));
    EXPECT_TRUE(contains(en.body, "6 clock hours · 0.6 CEUs"));
    EXPECT_LT(en.body.find("Relationships and interactions"), en.body.find("Family partnerships"));

    c.cookies["mc_lang"] = "es";
    auto es = c.get("/catalog");
    EXPECT_TRUE(contains(es.body, "Conversación de ida y vuelta"));
    EXPECT_TRUE(contains(es.body, "Relaciones e interacciones"));
    EXPECT_TRUE(contains(es.body, "Unas 6 horas"));
    EXPECT_TRUE(contains(es.body, "Setting goals with families")); // English-only, shown in English
}

TEST(CatalogPages, FiltersByAreaAndLanguage) {
    TestApp t;
    seed_test_catalog(t);
    auto c = t.client();
    auto families = c.get("/catalog?area=families");
    EXPECT_TRUE(contains(families.body, "Setting goals with families"));
    EXPECT_FALSE(contains(families.body, "Serve and return talk"));
    auto spanish = c.get("/catalog?language=es");
    EXPECT_TRUE(contains(spanish.body, "Serve and return talk"));
    EXPECT_FALSE(contains(spanish.body, "Setting goals with families"));
    auto none = c.get("/catalog?area=no-such-area");
    EXPECT_EQ(none.status, 200);
    EXPECT_TRUE(contains(none.body, "No micro-credentials match"));
}

TEST(CatalogPages, DetailShowsEverythingBeforeStarting) {
    TestApp t;
    seed_test_catalog(t);
    auto c = t.client();
    auto res = c.get("/catalog/serve-and-return");
    ASSERT_EQ(res.status, 200);
    for (const char* text : {"Notice, respond, wait, extend.", "Wait for a reply", "Conversational turns",
                             "https://example.org/tips", "Watch a short video", "Record three minutes",
                             "Video</span>", "Audio recording", "<th scope=\"col\">Demonstrated",
                             "<th scope=\"row\"", "Three or more turns.", "at least &quot;Demonstrated&quot;",
                             "Sign in to start"})
        EXPECT_TRUE(contains(res.body, text)) << text;
    EXPECT_FALSE(contains(res.body, "/learning/enroll"));
}

TEST(CatalogPages, DetailInSpanishAndFallbackNotice) {
    TestApp t;
    seed_test_catalog(t);
    auto c = t.client();
    c.cookies["mc_lang"] = "es";
    auto es = c.get("/catalog/serve-and-return");
    EXPECT_TRUE(contains(es.body, "Observar, responder, esperar, ampliar."));
    EXPECT_TRUE(contains(es.body, "Tres turnos o más."));
    EXPECT_TRUE(contains(es.body, "Inicie sesión para comenzar"));
    EXPECT_FALSE(contains(es.body, "no está disponible en español"));
    auto fallback = c.get("/catalog/family-goal-setting");
    EXPECT_EQ(fallback.status, 200);
    EXPECT_TRUE(contains(fallback.body, "no está disponible en español"));
    EXPECT_TRUE(contains(fallback.body, "lang=\"en\""));
    EXPECT_TRUE(contains(fallback.body, "Listen first, then plan together."));
}

TEST(CatalogPages, EnrollButtonOnlyForSignedInEducators) {
    TestApp t;
    seed_test_catalog(t);
    auto educator = t.client();
    sign_in_as(t, educator, mc::accounts::educator);
    auto res = educator.get("/catalog/serve-and-return");
    EXPECT_TRUE(contains(res.body, "action=\"/learning/enroll\""));
    auto id = query_text(t, "SELECT id FROM micro_credentials WHERE slug = 'serve-and-return'");
    EXPECT_TRUE(contains(res.body, "name=\"micro_credential_id\" value=\"" + id + "\""));
    EXPECT_TRUE(contains(res.body, "name=\"_csrf\""));
    EXPECT_FALSE(contains(res.body, "Sign in to start"));

    auto assessor = t.client();
    sign_in_as(t, assessor, mc::accounts::assessor);
    EXPECT_FALSE(contains(assessor.get("/catalog/serve-and-return").body, "/learning/enroll"));
}

TEST(CatalogPages, UnknownAndUnpublishedSlugsAre404) {
    TestApp t;
    seed_test_catalog(t);
    auto c = t.client();
    EXPECT_EQ(c.get("/catalog/no-such-thing").status, 404);
    EXPECT_EQ(c.get("/api/v1/micro-credentials/no-such-thing").status, 404);
}

TEST(CatalogPages, EmptyCatalogStillRenders) {
    TestApp t;
    auto c = t.client();
    auto res = c.get("/catalog");
    EXPECT_EQ(res.status, 200);
    EXPECT_TRUE(contains(res.body, "No micro-credentials match"));
}

TEST(CatalogSeed, IsIdempotentAndSkipsAMissingFolder) {
    TestApp t;
    seed_test_catalog(t);
    seed_test_catalog(t);
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM micro_credentials"), 2);
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM micro_credential_versions WHERE status = 'published'"), 2);
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM competency_areas"), 2);
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM competencies"), 2);
    EXPECT_TRUE(mc::catalog::seed_from(t.app(), "/nonexistent/catalog"));
}

TEST(CatalogSeed, DemoContentLoadsAndEveryPageRenders) {
    TestApp t;
    auto seeded = mc::catalog::seed_demo(t.app());
    ASSERT_TRUE(seeded) << seeded.error().detail;
    auto published = count_rows(t, "SELECT COUNT(*) FROM micro_credential_versions WHERE status = 'published'");
    auto c = t.client();
    auto list = c.get("/catalog");
    ASSERT_EQ(list.status, 200);
    // The demo folder ships with the source tree: no published content means seeding broke.
    ASSERT_GT(published, 0) << "no published demo content from web/demo/catalog";
    auto items = nlohmann::json::parse(c.get("/api/v1/micro-credentials").body)["items"];
    EXPECT_EQ(static_cast<long long>(items.size()), published);
    for (const auto& item : items) {
        std::string slug = item["slug"];
        EXPECT_EQ(c.get("/catalog/" + slug).status, 200) << slug;
        c.cookies["mc_lang"] = "es";
        EXPECT_EQ(c.get("/catalog/" + slug).status, 200) << slug;
        c.cookies.erase("mc_lang");
    }
}

// "1 CEUs" and "1 college credit hours" read as mistakes to the people who count them: one of
// each is singular, in both languages, and other amounts stay plural.
TEST(CatalogPages, CreditReadsSingularForOne) {
    TestApp t;
    mc::http::Request req;
    mc::catalog::Credit one;
    one.clock_hours = 1;
    one.ceus = 1;
    one.college_credit_hours = 1;
    req.locale = "en";
    EXPECT_EQ(mc::catalog::credit_text(t.app(), req, one), "1 clock hour · 1 CEU · 1 college credit hour");
    req.locale = "es";
    EXPECT_EQ(mc::catalog::credit_text(t.app(), req, one), "1 hora reloj · 1 CEU · 1 hora de crédito universitario");
    mc::catalog::Credit more;
    more.clock_hours = 2;
    more.ceus = 0.2;
    more.college_credit_hours = 3;
    req.locale = "en";
    EXPECT_EQ(mc::catalog::credit_text(t.app(), req, more), "2 clock hours · 0.2 CEUs · 3 college credit hours");
}
