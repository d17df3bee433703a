// Surveys through the real router on SQLite and PostgreSQL: an agency builds a survey in the
// pages, sends it, educators answer it once each, nothing links an answer to a person, results
// come back suppressed; satisfaction surveys are offered at milestones and never block anyone.
#include <gtest/gtest.h>

#include "accounts/roles.hpp"
#include "tests/assessment/world.hpp"

using mc::testing::TestApp;
using mc::testing::World;
using nlohmann::json;

namespace {

std::string q(const std::string& s) { return "'" + s + "'"; }
bool contains(const std::string& body, const std::string& s) { return body.find(s) != std::string::npos; }
std::string after(const std::string& location, const std::string& prefix) {
    auto at = location.find(prefix);
    if (at == std::string::npos) return {};
    auto rest = location.substr(at + prefix.size());
    return rest.substr(0, rest.find_first_of("?#/"));
}

// A survey with one single-choice item, made through the builder pages; returns its id.
std::string build(World& w) {
    auto admin = w.as(w.admin);
    auto made = admin.post("/admin/surveys", {{"title_en", "Training times"}, {"title_es", "Horarios de capacitación"},
                                              {"kind", "general"}, {"anonymous", "1"}});
    EXPECT_EQ(made.status, 303);
    auto id = after(made.header_value("Location"), "/admin/surveys/");
    EXPECT_FALSE(id.empty());
    auto item = admin.post("/admin/surveys/" + id + "/items",
                           {{"kind", "single"}, {"prompt_en", "When can you train?"}, {"prompt_es", "¿Cuándo puede capacitarse?"},
                            {"options_en", "Evenings\nWeekends"}, {"options_es", "Noches\nFines de semana"}});
    EXPECT_EQ(item.status, 303);
    return id;
}

} // namespace

TEST(Surveys, BuildSendAnswerOnceAndReadSuppressedResults) {
    TestApp t;
    World w(t);
    // Twelve educators besides the world's two... the world's educator holds the educator role too.
    std::vector<std::string> educators{w.educator, w.other_educator};
    for (int i = 0; i < 10; ++i) educators.push_back(w.add_user("Educator " + std::to_string(i), mc::accounts::educator, w.employer_b));
    auto id = build(w);
    // A question with one choice only is refused, and nothing is added.
    auto admin = w.as(w.admin);
    auto bad = admin.post("/admin/surveys/" + id + "/items", {{"kind", "single"}, {"prompt_en", "x"}, {"prompt_es", "y"},
                                                              {"options_en", "Only"}, {"options_es", "Solo"}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM survey_items WHERE survey_id = " + q(id)), 1);
    auto opened = admin.post("/admin/surveys/" + id + "/open", {});
    ASSERT_EQ(opened.status, 303);
    EXPECT_TRUE(contains(opened.header_value("Location"), "count=12"));
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM survey_invitations WHERE survey_id = " + q(id)), 12);
    auto item = w.scalar("SELECT id FROM survey_items WHERE survey_id = " + q(id));
    // Eleven answer: six "Evenings" (o1), five "Weekends" (o2).
    for (int i = 0; i < 11; ++i) {
        auto inv = w.scalar("SELECT id FROM survey_invitations WHERE survey_id = " + q(id) + " AND user_id = " + q(educators[i]));
        auto c = w.as(educators[i]);
        ASSERT_EQ(c.get("/surveys/" + inv).status, 200);
        auto sent = c.post("/surveys/" + inv, {{"item_" + item, i < 6 ? "o1" : "o2"}});
        ASSERT_EQ(sent.status, 303) << sent.body;
        if (i == 0) {
            // The same person cannot answer twice, and a second answer changes nothing.
            EXPECT_EQ(c.post("/surveys/" + inv, {{"item_" + item, "o2"}}).status, 409);
            // Nobody else may open this invitation.
            EXPECT_EQ(w.as(educators[11]).get("/surveys/" + inv).status, 404);
        }
    }
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM survey_responses WHERE survey_id = " + q(id)), 11);
    // Anonymous in the data: no respondent on any response, and no column could hold one.
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM survey_responses WHERE respondent_id IS NOT NULL"), 0);
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM survey_invitations WHERE answered = 1"), 11);
    // Results: 11 answered (shown); 6 and 5 are under 10 and hidden.
    auto api_results = mc::testing::api(admin, "GET", "/api/v1/surveys/" + id + "/results");
    ASSERT_EQ(api_results.status, 200);
    auto r = json::parse(api_results.body);
    EXPECT_EQ(r["responses"], 11);
    const auto& cells = r["items"][0]["groups"][0]["cells"];
    EXPECT_TRUE(cells[0]["value"].is_null());
    EXPECT_TRUE(cells[1]["value"].is_null());
    EXPECT_EQ(r["items"][0]["total_n"], 11);
    auto page = admin.get("/admin/surveys/" + id + "/results");
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "<td>*</td>"));
    auto csv = admin.get("/admin/surveys/" + id + "/results.csv");
    ASSERT_EQ(csv.status, 200);
    EXPECT_TRUE(contains(csv.body, "Evenings,*"));
    // With the threshold at 5 (the agency may lower it to 3) both counts show.
    {
        auto sql = t.app().db->lease();
        *sql << "INSERT INTO survey_settings (name, value, updated_at) VALUES ('min_cell', '5', 0)";
    }
    r = json::parse(mc::testing::api(admin, "GET", "/api/v1/surveys/" + id + "/results").body);
    EXPECT_EQ(r["items"][0]["groups"][0]["cells"][0]["value"], 6);
    EXPECT_EQ(r["items"][0]["groups"][0]["cells"][1]["value"], 5);
    // Educators cannot read results or build surveys.
    EXPECT_EQ(w.as(w.other_educator).get("/admin/surveys/" + id + "/results").status, 403);
}

TEST(Surveys, SatisfactionIsOfferedAfterADecisionAndCanBePutAside) {
    TestApp t;
    World w(t);
    auto admin = w.as(w.admin);
    auto made = admin.post("/admin/surveys/from-template", {{"template", "decision_made"}});
    ASSERT_EQ(made.status, 303);
    auto id = after(made.header_value("Location"), "/admin/surveys/");
    ASSERT_EQ(admin.post("/admin/surveys/" + id + "/open", {}).status, 303);
    // Satisfaction surveys wait for their milestone: nobody is asked yet.
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM survey_invitations"), 0);
    ASSERT_EQ(admin.post("/admin/queue/" + w.submission + "/assign", {{"assessor_id", w.assessor_c}}).status, 303);
    auto assignment = w.scalar("SELECT id FROM assignments WHERE submission_id = " + q(w.submission));
    auto decided = w.as(w.assessor_c).post("/assess/" + assignment + "/decision",
                                           {{"outcome", "not_yet"}, {"level_turns", "emerging"},
                                            {"feedback_turns", "More turns."}, {"level_plan_fit", "meets"}});
    ASSERT_EQ(decided.status, 303);
    // The decision offered the survey, about this micro-credential, to this educator only.
    ASSERT_EQ(w.count("SELECT COUNT(*) FROM survey_invitations WHERE survey_id = " + q(id)), 1);
    EXPECT_EQ(w.scalar("SELECT user_id FROM survey_invitations"), w.educator);
    EXPECT_EQ(w.scalar("SELECT micro_credential_id FROM survey_invitations"), w.micro_credential);
    {
        EXPECT_EQ(w.count("SELECT COUNT(*) FROM notifications WHERE kind = 'survey_invited' AND user_id = " + q(w.educator)), 1);
    }
    auto educator = w.as(w.educator);
    auto dash = educator.get("/dashboard");
    ASSERT_EQ(dash.status, 200);
    auto inv = w.scalar("SELECT id FROM survey_invitations");
    EXPECT_TRUE(contains(dash.body, "/surveys/" + inv));
    // An answer may skip every item; the response keeps the micro-credential, not the person.
    ASSERT_EQ(educator.post("/surveys/" + inv, {{"item_overall", "4"}}).status, 303);
    EXPECT_EQ(w.scalar("SELECT micro_credential_id FROM survey_responses"), w.micro_credential);
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM survey_responses WHERE respondent_id IS NULL"), 1);
    EXPECT_FALSE(contains(educator.get("/dashboard").body, "/surveys/" + inv));
}

TEST(Surveys, TheApiBuildsSendsAndAnswers) {
    TestApp t;
    World w(t);
    auto admin = w.as(w.admin);
    json doc{{"title", {{"en", "Needs"}, {"es", "Necesidades"}}},
             {"anonymous", true},
             {"items", json::array({{{"kind", "likert"}, {"prompt", {{"en", "Useful?"}, {"es", "¿Útil?"}}}, {"required", true}},
                                    {{"kind", "number"}, {"prompt", {{"en", "Hours"}, {"es", "Horas"}}}, {"min", 0}, {"max", 40}}})}};
    auto made = mc::testing::api(admin, "POST", "/api/v1/surveys", doc);
    ASSERT_EQ(made.status, 201) << made.body;
    auto id = json::parse(made.body)["id"].get<std::string>();
    // A bad document names the field and saves nothing.
    auto bad = mc::testing::api(admin, "POST", "/api/v1/surveys", json{{"title", {{"en", "x"}}}, {"items", json::array({{{"kind", "dial"}}})}});
    ASSERT_EQ(bad.status, 422);
    auto fields = json::parse(bad.body)["error"]["fields"];
    EXPECT_EQ(fields[0]["field"], "title_es");
    ASSERT_EQ(mc::testing::api(admin, "PUT", "/api/v1/surveys/" + id + "/audience", json{{"role", {"educator"}}}).status, 200);
    auto opened = mc::testing::api(admin, "POST", "/api/v1/surveys/" + id + "/open");
    ASSERT_EQ(opened.status, 200);
    EXPECT_EQ(json::parse(opened.body)["invited"], 2); // the world's two educators
    auto educator = w.as(w.other_educator);
    auto mine = json::parse(mc::testing::api(educator, "GET", "/api/v1/surveys/invitations").body);
    ASSERT_EQ(mine["items"].size(), 1u);
    auto inv = mine["items"][0]["id"].get<std::string>();
    auto wrong = mc::testing::api(educator, "POST", "/api/v1/surveys/invitations/" + inv + "/response",
                                  json{{"answers", {{"q2", 99}}}});
    ASSERT_EQ(wrong.status, 422);
    EXPECT_EQ(json::parse(wrong.body)["error"]["fields"].size(), 2u); // q1 required, q2 out of range
    auto ok = mc::testing::api(educator, "POST", "/api/v1/surveys/invitations/" + inv + "/response",
                               json{{"answers", {{"q1", "5"}, {"q2", 6}}}});
    ASSERT_EQ(ok.status, 201) << ok.body;
    EXPECT_EQ(mc::testing::api(educator, "POST", "/api/v1/surveys/invitations/" + inv + "/response",
                               json{{"answers", {{"q1", "5"}}}}).status, 409);
    EXPECT_EQ(mc::testing::api(educator, "GET", "/api/v1/surveys").status, 403);
}
