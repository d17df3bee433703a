// College credit recommendations: the checks of the document (pure), and the API and catalog page
// that carry them.
#include <gtest/gtest.h>

#include "accounts/roles.hpp"
#include "catalog/credit_recommendation.hpp"
#include "tests/catalog/catalog_test_support.hpp"

using namespace mc::testing;
using mc::catalog::ContentIssue;
using mc::catalog::recommendations_from_json;
using nlohmann::json;

namespace {

json one(double hours = 3, const char* level = "lower_division") {
    return {{"semester_hours", hours}, {"level", level}, {"subject", "Early Childhood Education"},
            {"effective_from", "2026-01-01"}, {"effective_to", "2028-12-31"}};
}

std::vector<std::string> fields_of(const json& doc) {
    std::vector<ContentIssue> issues;
    EXPECT_FALSE(recommendations_from_json(doc, issues).has_value());
    std::vector<std::string> out;
    for (const auto& i : issues) out.push_back(i.field);
    return out;
}

} // namespace

TEST(CreditRecommendation, AGoodListParsesAndRoundTrips) {
    std::vector<ContentIssue> issues;
    json doc{{"recommendations", {one(), one(1.5, "graduate")}}};
    auto list = recommendations_from_json(doc, issues);
    ASSERT_TRUE(list) << issues.front().detail;
    ASSERT_EQ(list->size(), 2u);
    EXPECT_EQ((*list)[1].level, "graduate");
    EXPECT_DOUBLE_EQ((*list)[1].semester_hours, 1.5);
    EXPECT_EQ(mc::catalog::recommendations_to_json(*list), doc);
    EXPECT_TRUE(mc::catalog::in_effect((*list)[0], "2026-06-01"));
    EXPECT_FALSE(mc::catalog::in_effect((*list)[0], "2025-12-31"));
    EXPECT_FALSE(mc::catalog::still_offered((*list)[0], "2029-01-01"));
    EXPECT_TRUE(mc::catalog::still_offered((*list)[0], "2025-01-01")); // starts later: still shown
}

TEST(CreditRecommendation, EachBadFieldIsNamed) {
    auto bad = one();
    bad["semester_hours"] = 0;
    EXPECT_EQ(fields_of({{"recommendations", {one(), bad}}}), std::vector<std::string>{"recommendations.1.semester_hours"});
    bad = one(1.25);
    EXPECT_EQ(fields_of({{"recommendations", {bad}}}), std::vector<std::string>{"recommendations.0.semester_hours"});
    bad = one(61);
    EXPECT_EQ(fields_of({{"recommendations", {bad}}}), std::vector<std::string>{"recommendations.0.semester_hours"});
    bad = one(3, "doctoral");
    EXPECT_EQ(fields_of({{"recommendations", {bad}}}), std::vector<std::string>{"recommendations.0.level"});
    bad = one();
    bad["subject"] = "two\nlines";
    EXPECT_EQ(fields_of({{"recommendations", {bad}}}), std::vector<std::string>{"recommendations.0.subject"});
    bad["subject"] = std::string(121, 'x');
    EXPECT_EQ(fields_of({{"recommendations", {bad}}}), std::vector<std::string>{"recommendations.0.subject"});
    bad = one();
    bad["effective_from"] = "2026-02-30";
    bad["effective_to"] = "soon";
    EXPECT_EQ(fields_of({{"recommendations", {bad}}}),
              (std::vector<std::string>{"recommendations.0.effective_from", "recommendations.0.effective_to"}));
    bad = one();
    bad["effective_to"] = "2025-01-01";
    EXPECT_EQ(fields_of({{"recommendations", {bad}}}), std::vector<std::string>{"recommendations.0.effective_to"});
    EXPECT_EQ(fields_of(json{{"recommendations", "3 hours"}}), std::vector<std::string>{"recommendations"});
    EXPECT_EQ(fields_of(json::array()), std::vector<std::string>{"recommendations"});
    json many = json::array();
    for (int i = 0; i < 11; ++i) many.push_back(one());
    EXPECT_EQ(fields_of({{"recommendations", many}}), std::vector<std::string>{"recommendations"});
    // An open end is allowed, as null or empty.
    auto open = one();
    open["effective_to"] = nullptr;
    std::vector<ContentIssue> issues;
    EXPECT_TRUE(recommendations_from_json({{"recommendations", {open}}}, issues));
}

TEST(CreditRecommendationApi, AdminsReplaceTheListEveryoneReadsItAndTheCatalogPageShowsIt) {
    TestApp t;
    seed_test_catalog(t);
    auto c = t.client();
    const std::string path = "/api/v1/micro-credentials/serve-and-return/credit-recommendations";
    EXPECT_EQ(json::parse(c.get(path).body)["recommendations"].size(), 0u);
    auto anon = send_json(c, "PUT", path, json{{"recommendations", {one()}}}.dump());
    EXPECT_TRUE(anon.status == 401 || anon.status == 403) << anon.status;

    auto educator = t.client();
    sign_in_as(t, educator, mc::accounts::educator);
    EXPECT_EQ(send_json(educator, "PUT", path, json{{"recommendations", {one()}}}.dump()).status, 403);

    auto admin = t.client();
    sign_in_as(t, admin, mc::accounts::program_admin);
    auto open = one(3);
    open["effective_to"] = nullptr;
    auto put = send_json(admin, "PUT", path, json{{"recommendations", {open}}}.dump());
    ASSERT_EQ(put.status, 200) << put.body;
    auto read = json::parse(c.get(path).body);
    ASSERT_EQ(read["recommendations"].size(), 1u);
    EXPECT_EQ(read["recommendations"][0]["subject"], "Early Childhood Education");
    EXPECT_TRUE(read["recommendations"][0]["effective_to"].is_null());

    // Bad input: 422 naming the field, nothing changed.
    auto bad = one();
    bad["level"] = "doctoral";
    auto refused = send_json(admin, "PUT", path, json{{"recommendations", {one(), bad}}}.dump());
    ASSERT_EQ(refused.status, 422) << refused.body;
    auto err = json::parse(refused.body)["error"];
    EXPECT_EQ(err["fields"][0]["field"], "recommendations.1.level");
    EXPECT_FALSE(err["fields"][0]["message"].get<std::string>().empty());
    EXPECT_EQ(json::parse(c.get(path).body)["recommendations"].size(), 1u);
    EXPECT_EQ(send_json(admin, "PUT", "/api/v1/micro-credentials/nope/credit-recommendations",
                        json{{"recommendations", json::array()}}.dump()).status, 404);

    auto page = c.get("/catalog/serve-and-return");
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("3 semester hours, lower division, in Early Childhood Education"), std::string::npos);
    auto spanish = t.client();
    spanish.cookies["mc_lang"] = "es";
    auto es = spanish.get("/catalog/serve-and-return");
    EXPECT_NE(es.body.find("3 horas semestrales, nivel inicial de licenciatura"), std::string::npos);

    // Replacing with an empty list removes them from the page.
    ASSERT_EQ(send_json(admin, "PUT", path, json{{"recommendations", json::array()}}.dump()).status, 200);
    EXPECT_EQ(c.get("/catalog/serve-and-return").body.find("semester hours"), std::string::npos);
}

// The admin form: rows in, 422 with each message at its row's field and what was typed kept,
// nothing saved; then saved, shown again as rows; a row left blank removes it.
TEST(CreditRecommendationForm, AdminsEditTheListAsRowsWithEachErrorAtItsField) {
    TestApp t;
    seed_test_catalog(t);
    auto admin = t.client();
    sign_in_as(t, admin, mc::accounts::program_admin);
    const std::string path = "/admin/catalog/serve-and-return/credit-recommendations";
    auto empty = admin.get(path);
    ASSERT_EQ(empty.status, 200);
    EXPECT_NE(empty.body.find("name=\"semester_hours_1\""), std::string::npos); // two blank rows
    EXPECT_EQ(empty.body.find("name=\"semester_hours_2\""), std::string::npos);

    auto bad = admin.post(path, {{"semester_hours_0", "3"}, {"level_0", "lower_division"},
                                 {"subject_0", "Early Childhood Education"}, {"effective_from_0", "2026-01-01"},
                                 {"semester_hours_1", "1.25"}, {"level_1", "upper_division"},
                                 {"subject_1", "Infant Care"}, {"effective_from_1", "2026-13-40"}});
    ASSERT_EQ(bad.status, 422) << bad.body.substr(0, 300);
    EXPECT_NE(bad.body.find("id=\"semester_hours_1-error\""), std::string::npos);
    EXPECT_NE(bad.body.find("id=\"effective_from_1-error\""), std::string::npos);
    EXPECT_EQ(bad.body.find("id=\"semester_hours_0-error\""), std::string::npos);
    EXPECT_NE(bad.body.find("value=\"Infant Care\""), std::string::npos);
    EXPECT_EQ(json::parse(t.client().get("/api/v1/micro-credentials/serve-and-return/credit-recommendations").body)
                  ["recommendations"].size(), 0u);

    auto ok = admin.post(path, {{"semester_hours_0", "3"}, {"level_0", "lower_division"},
                                {"subject_0", "Early Childhood Education"}, {"effective_from_0", "2026-01-01"},
                                {"semester_hours_1", "1.5"}, {"level_1", "upper_division"},
                                {"subject_1", "Infant Care"}, {"effective_from_1", "2026-02-01"},
                                {"effective_to_1", "2027-12-31"}});
    ASSERT_EQ(ok.status, 303) << ok.body.substr(0, 300);
    auto list = json::parse(t.client().get("/api/v1/micro-credentials/serve-and-return/credit-recommendations").body);
    ASSERT_EQ(list["recommendations"].size(), 2u);
    EXPECT_DOUBLE_EQ(list["recommendations"][1]["semester_hours"].get<double>(), 1.5);
    EXPECT_EQ(list["recommendations"][1]["effective_to"], "2027-12-31");
    auto shown = admin.get(path);
    EXPECT_NE(shown.body.find("value=\"1.5\""), std::string::npos);
    EXPECT_NE(shown.body.find("name=\"semester_hours_3\""), std::string::npos); // two saved + two blank

    // The first row left blank: only the second remains.
    ASSERT_EQ(admin.post(path, {{"semester_hours_1", "1.5"}, {"level_1", "upper_division"}, {"subject_1", "Infant Care"},
                                {"effective_from_1", "2026-02-01"}}).status, 303);
    list = json::parse(t.client().get("/api/v1/micro-credentials/serve-and-return/credit-recommendations").body);
    ASSERT_EQ(list["recommendations"].size(), 1u);
    EXPECT_EQ(list["recommendations"][0]["subject"], "Infant Care");

    auto educator = t.client();
    sign_in_as(t, educator, mc::accounts::educator);
    EXPECT_EQ(educator.get(path).status, 403);
}
