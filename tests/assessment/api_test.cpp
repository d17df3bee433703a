// /api/v1 for assessment: the same rules as the pages, in JSON.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/assessment/world.hpp"

using mc::testing::TestApp;
using mc::testing::World;
using mc::testing::api;
using nlohmann::json;

namespace {

std::string q(const std::string& s) { return "'" + s + "'"; }

} // namespace

TEST(AssessmentApi, AdminsAssignAndAssessorsScoreAndDecide) {
    TestApp t;
    World w(t);
    auto admin = w.as(w.admin);
    auto conflict = api(admin, "POST", "/api/v1/submissions/" + w.submission + "/assign", {{"assessor_id", w.colleague}});
    EXPECT_EQ(conflict.status, 409);
    EXPECT_EQ(json::parse(conflict.body)["error"]["code"], "assessment.errors.conflict_of_interest");
    auto assigned = api(admin, "POST", "/api/v1/submissions/" + w.submission + "/assign", json::object());
    ASSERT_EQ(assigned.status, 201) << assigned.body;
    auto a = json::parse(assigned.body);
    std::string id = a["id"];
    std::string assessor = a["assessor_id"];
    EXPECT_TRUE(assessor == w.assessor_b || assessor == w.assessor_c);

    auto c = w.as(assessor);
    EXPECT_EQ(api(c, "POST", "/api/v1/submissions/" + w.submission + "/assign", json::object()).status, 403);
    auto list = json::parse(api(c, "GET", "/api/v1/assignments").body);
    ASSERT_EQ(list["items"].size(), 1u);
    EXPECT_EQ(list["items"][0]["id"], id);
    auto one = api(c, "GET", "/api/v1/assignments/" + id);
    ASSERT_EQ(one.status, 200);
    auto detail = json::parse(one.body);
    EXPECT_EQ(detail["rubric"]["passing_level"], "meets");
    EXPECT_EQ(detail["evidence"][1]["files"][0]["is_video"], true);
    EXPECT_FALSE(one.body.find("Ana Educator") != std::string::npos); // blind in the API too

    auto other = w.as(assessor == w.assessor_b ? w.assessor_c : w.assessor_b);
    EXPECT_EQ(api(other, "GET", "/api/v1/assignments/" + id).status, 404);
    EXPECT_EQ(api(other, "PUT", "/api/v1/assignments/" + id + "/scores", {{"scores", json::array()}}).status, 404);

    auto bad = api(c, "PUT", "/api/v1/assignments/" + id + "/scores",
                    {{"scores", {{{"criterion_id", "turns"}, {"level_id", "superb"}}}}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(json::parse(bad.body)["error"]["fields"][0]["field"], "turns");
    auto saved = api(c, "PUT", "/api/v1/assignments/" + id + "/scores",
                      {{"scores", {{{"criterion_id", "turns"}, {"level_id", "emerging"}, {"feedback", "More turns."}},
                                   {{"criterion_id", "plan_fit"}, {"level_id", "meets"}}}}});
    ASSERT_EQ(saved.status, 200) << saved.body;
    EXPECT_EQ(json::parse(saved.body)["scores"].size(), 2u);

    auto refused = api(c, "POST", "/api/v1/assignments/" + id + "/decision", {{"outcome", "demonstrated"}});
    EXPECT_EQ(refused.status, 422);
    EXPECT_EQ(json::parse(refused.body)["error"]["fields"][0]["code"], "assessment.errors.below_bar");
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM decisions"), 0);

    auto decided = api(c, "POST", "/api/v1/assignments/" + id + "/decision", {{"outcome", "not_yet"}, {"summary", "Close."}});
    ASSERT_EQ(decided.status, 201) << decided.body;
    EXPECT_EQ(json::parse(decided.body)["outcome"], "not_yet");
    EXPECT_EQ(w.scalar("SELECT decided_by FROM decisions WHERE submission_id = " + q(w.submission)), assessor);
    auto after = json::parse(api(c, "GET", "/api/v1/assignments/" + id).body);
    EXPECT_EQ(after["status"], "completed");
    EXPECT_EQ(after["decision"]["summary"], "Close.");
}

TEST(AssessmentApi, RefusesMissingCsrfAndBadJson) {
    TestApp t;
    World w(t);
    auto admin = w.as(w.admin);
    auto forged = admin;
    forged.csrf = "forged-forged-forged-forged-forged";
    EXPECT_EQ(api(forged, "POST", "/api/v1/submissions/" + w.submission + "/assign", json::object()).status, 403);
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM assignments"), 0);
    mc::http::Request req;
    req.method = "POST";
    req.target = "/api/v1/submissions/" + w.submission + "/assign";
    req.headers["x-csrf-token"] = admin.csrf;
    req.headers["content-type"] = "application/json";
    req.body = "{not json";
    EXPECT_EQ(admin.send(req).status, 400);
}
