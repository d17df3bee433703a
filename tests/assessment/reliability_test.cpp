// The reliability page, its CSV, settings and lead assessors, and their JSON API: who may see
// them, what they show after real double scoring, and how bad input is refused.
#include <ctime>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "accounts/roles.hpp"
#include "app/modules.hpp"
#include "platform/dates.hpp"
#include "tests/assessment/world.hpp"

using mc::testing::TestApp;
using mc::testing::World;
using mc::testing::api;
using nlohmann::json;

namespace {

std::string q(const std::string& s) { return "'" + s + "'"; }
bool contains(const std::string& body, const std::string& s) { return body.find(s) != std::string::npos; }

// One double-scored submission, scored by B and C who disagree on one criterion; the lead decides.
void one_adjudicated_pair(World& w, const std::string& lead) {
    w.double_scoring(0.0, true, "any_criterion");
    w.as(w.admin).post("/admin/queue/auto-assign", {});
    auto seat = [&](const std::string& who) {
        return w.scalar("SELECT id FROM assignments WHERE assessor_id = " + q(who) + " AND status = 'assigned'");
    };
    w.as(w.assessor_b).post("/assess/" + seat(w.assessor_b) + "/decision",
                            {{"outcome", "demonstrated"}, {"level_turns", "meets"}, {"level_plan_fit", "exceeds"}});
    w.as(w.assessor_c).post("/assess/" + seat(w.assessor_c) + "/decision",
                            {{"outcome", "demonstrated"}, {"level_turns", "meets"}, {"level_plan_fit", "meets"}});
    w.as(lead).post("/assess/" + seat(lead) + "/decision",
                    {{"outcome", "demonstrated"}, {"level_turns", "meets"}, {"level_plan_fit", "exceeds"},
                     {"rationale", "The plan adapts to each child."}});
}

} // namespace

TEST(Reliability, OnlyAdminsSeeThePageCsvAndApi) {
    TestApp t;
    World w(t);
    for (const auto& who : {w.assessor_b, w.educator, w.other_educator}) {
        auto c = w.as(who);
        EXPECT_EQ(c.get("/admin/reliability").status, 403);
        EXPECT_EQ(c.get("/admin/reliability.csv").status, 403);
        EXPECT_EQ(c.get("/admin/reliability/settings").status, 403);
        EXPECT_EQ(c.post("/admin/reliability/settings", {{"kappa_bar", "0.1"}}).status, 403);
        EXPECT_EQ(c.post("/admin/reliability/leads", {{"lead", who}}).status, 403);
        EXPECT_EQ(api(c, "GET", "/api/v1/reliability").status, 403);
        EXPECT_EQ(api(c, "PUT", "/api/v1/assessment/settings", json{{"kappa_bar", 0.1}}).status, 403);
        EXPECT_EQ(api(c, "PUT", "/api/v1/assessors/" + who + "/lead", json{{"lead", true}}).status, 403);
    }
    EXPECT_EQ(t.client().get("/admin/reliability").status / 100, 3); // anonymous: to sign-in
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM assessor_profiles WHERE lead <> 0"), 0); // (the world's assessors have profiles)
    EXPECT_EQ(w.scalar("SELECT value FROM assessment_settings WHERE name = 'kappa_bar'"), "0.8");
    auto empty = w.as(w.admin).get("/admin/reliability");
    ASSERT_EQ(empty.status, 200);
    EXPECT_TRUE(contains(empty.body, "No double-scored submissions have been decided yet."));
}

TEST(Reliability, PageShowsAgreementAfterAnAdjudicatedPair) {
    TestApp t;
    World w(t);
    auto lead = w.add_lead("Lena Lead", "");
    one_adjudicated_pair(w, lead);
    ASSERT_EQ(w.scalar("SELECT basis FROM decisions WHERE submission_id = " + q(w.submission)), "adjudicated");

    auto admin = w.as(w.admin);
    auto page = admin.get("/admin/reliability");
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "<svg viewBox=\"0 -4 320"));
    EXPECT_TRUE(contains(page.body, "role=\"img\""));
    EXPECT_TRUE(contains(page.body, "Conversational turns"));
    EXPECT_TRUE(contains(page.body, "Not enough data")); // two ratings each: below the minimum of 10
    EXPECT_FALSE(contains(page.body, "Assessors who need attention"));

    // B agreed with the final scores on both criteria; C missed one of two.
    auto report = json::parse(api(admin, "GET", "/api/v1/reliability").body);
    EXPECT_EQ(report["double_scored_submissions"], 1);
    for (const auto& a : report["assessors"]) {
        if (a["id"] == w.assessor_b) {
            EXPECT_EQ(a["against_final_scores"]["ratings"], 2);
            EXPECT_DOUBLE_EQ(a["against_final_scores"]["exact_agreement"].get<double>(), 1.0);
            EXPECT_EQ(a["pass_rate"], 1.0);
        }
        if (a["id"] == w.assessor_c) EXPECT_DOUBLE_EQ(a["against_final_scores"]["exact_agreement"].get<double>(), 0.5);
        if (a["id"] == lead) EXPECT_TRUE(a["lead"].get<bool>());
    }
    ASSERT_EQ(report["criteria"].size(), 2u);
    ASSERT_EQ(report["micro_credentials"].size(), 1u);
    EXPECT_EQ(report["micro_credentials"][0]["adjudicated"], 1);

    // A bar lowered to nothing and a minimum of one: C now has data, and still no alert at bar 0.
    ASSERT_EQ(api(admin, "PUT", "/api/v1/assessment/settings", json{{"min_ratings", 1}, {"kappa_bar", 0.0}}).status, 200);
    EXPECT_FALSE(contains(admin.get("/admin/reliability").body, "Assessors who need attention"));

    auto csv = admin.get("/admin/reliability.csv");
    ASSERT_EQ(csv.status, 200);
    EXPECT_TRUE(contains(csv.header_value("Content-Type"), "text/csv"));
    EXPECT_TRUE(csv.body.starts_with("section,name,detail,ratings,exact_agreement,kappa"));
    EXPECT_TRUE(contains(csv.body, "assessor,Beto Assessor,against_final_scores,2,1.0000,"));
    EXPECT_TRUE(contains(csv.body, "criterion,Responsive back-and-forth talk,Conversational turns,1,"));

    // A period: the pair was scored today, so a period in 2001 has none of it, and one that
    // covers today has it all. Bad dates are refused in words; the CSV and API follow the period.
    auto today = mc::day_of(static_cast<long long>(std::time(nullptr)));
    auto old = admin.get("/admin/reliability?from=2001-01-01&to=2001-12-31");
    ASSERT_EQ(old.status, 200);
    EXPECT_TRUE(contains(old.body, "value=\"2001-12-31\""));
    EXPECT_TRUE(contains(old.body, "href=\"/admin/reliability.csv?from=2001-01-01&amp;to=2001-12-31\""));
    EXPECT_FALSE(contains(admin.get("/admin/reliability.csv?from=2001-01-01&to=2001-12-31").body, "assessor,Beto Assessor,against_final_scores,2,"));
    EXPECT_TRUE(contains(admin.get("/admin/reliability.csv?from=" + today + "&to=" + today).body,
                         "assessor,Beto Assessor,against_final_scores,2,1.0000,"));
    auto in_2001 = json::parse(api(admin, "GET", "/api/v1/reliability?from=2001-01-01&to=2001-12-31").body);
    EXPECT_EQ(in_2001["double_scored_submissions"], 0);
    EXPECT_EQ(admin.get("/admin/reliability?from=2001-13-01").status, 422);
    EXPECT_TRUE(contains(admin.get("/admin/reliability?from=2002-01-01&to=2001-01-01").body, "must not be before its start"));
    EXPECT_EQ(api(admin, "GET", "/api/v1/reliability?to=yesterday").status, 400);

    // Spanish, from the switcher.
    admin.cookies["mc_lang"] = "es";
    auto es = admin.get("/admin/reliability");
    EXPECT_TRUE(contains(es.body, "Confiabilidad de los evaluadores"));
    EXPECT_TRUE(contains(es.body, "Turnos de conversación"));
}

TEST(Reliability, CsvCellsCannotRunAsFormulas) {
    TestApp t;
    World w(t);
    auto sneaky = w.add_user("=HYPERLINK(\"http://x\",\"y\")", mc::accounts::assessor, "");
    (void)sneaky;
    auto csv = w.as(w.admin).get("/admin/reliability.csv").body;
    EXPECT_FALSE(contains(csv, "\n=HYPERLINK"));
    EXPECT_FALSE(contains(csv, ",=HYPERLINK"));
    EXPECT_TRUE(contains(csv, "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""));
}

TEST(Reliability, SettingsFormValidatesAndSaves) {
    TestApp t;
    World w(t);
    auto admin = w.as(w.admin);
    auto page = admin.get("/admin/reliability/settings");
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "value=\"0\"")); // World turned the share off
    auto bad = admin.post("/admin/reliability/settings", {{"double_share", "150"}, {"kappa_bar", "high"},
                                                          {"min_ratings", "5"}, {"disagreement_rule", "outcome"},
                                                          {"seed", "s"}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_TRUE(contains(bad.body, "Enter a share between 0 and 100 percent."));
    EXPECT_TRUE(contains(bad.body, "Enter a kappa bar between 0 and 1."));
    EXPECT_TRUE(contains(bad.body, "aria-describedby=\"double_share-hint double_share-error\""));
    EXPECT_TRUE(contains(bad.body, "value=\"150\"")); // the input is kept
    EXPECT_EQ(w.scalar("SELECT value FROM assessment_settings WHERE name = 'min_ratings'"), "10"); // nothing changed
    auto ok = admin.post("/admin/reliability/settings", {{"double_share", "25"}, {"kappa_bar", "0.75"},
                                                         {"min_ratings", "12"}, {"double_first_of_version", "1"},
                                                         {"disagreement_rule", "any_criterion"}, {"seed", "county-2026"}});
    ASSERT_EQ(ok.status, 303);
    auto now = json::parse(api(admin, "GET", "/api/v1/assessment/settings").body);
    EXPECT_DOUBLE_EQ(now["double_share"].get<double>(), 0.25);
    EXPECT_DOUBLE_EQ(now["kappa_bar"].get<double>(), 0.75);
    EXPECT_EQ(now["min_ratings"], 12);
    EXPECT_EQ(now["disagreement_rule"], "any_criterion");
    EXPECT_EQ(now["seed"], "county-2026");
    EXPECT_TRUE(now["double_first_of_version"].get<bool>());
    auto refused = api(admin, "PUT", "/api/v1/assessment/settings", json{{"double_share", 2}, {"disagreement_rule", "coin"}});
    EXPECT_EQ(refused.status, 422);
    EXPECT_EQ(json::parse(refused.body)["error"]["fields"].size(), 2u);
}

TEST(Reliability, LeadAssessorsAreChosenByForm) {
    TestApp t;
    World w(t);
    auto admin = w.as(w.admin);
    ASSERT_EQ(admin.post("/admin/reliability/leads", {{"lead", w.assessor_c}}).status, 303);
    EXPECT_EQ(w.scalar("SELECT lead FROM assessor_profiles WHERE user_id = " + q(w.assessor_c)), "1");
    EXPECT_TRUE(contains(admin.get("/admin/reliability/settings").body, "value=\"" + w.assessor_c + "\" checked"));
    ASSERT_EQ(admin.post("/admin/reliability/leads", {{"lead", w.assessor_b}}).status, 303);
    EXPECT_EQ(w.scalar("SELECT lead FROM assessor_profiles WHERE user_id = " + q(w.assessor_c)), "0");
    EXPECT_EQ(w.scalar("SELECT lead FROM assessor_profiles WHERE user_id = " + q(w.assessor_b)), "1");
    // A non-assessor cannot be made a lead; the API says so.
    EXPECT_EQ(api(admin, "PUT", "/api/v1/assessors/" + w.other_educator + "/lead", json{{"lead", true}}).status, 404);
    EXPECT_EQ(api(admin, "PUT", "/api/v1/assessors/" + w.assessor_c + "/lead", json{{"lead", "yes"}}).status, 400);
    EXPECT_EQ(api(admin, "PUT", "/api/v1/assessors/" + w.assessor_c + "/lead", json{{"lead", true}}).status, 200);
}

// The demo's history makes the page worth looking at: James stays above the bar, Ana Morales
// slips in the latest month (a drift alert), and a lead assessor account exists. Seeding twice
// adds nothing.
TEST(Reliability, DemoSeedShowsDriftForOneAssessor) {
    TestApp t;
    ASSERT_TRUE(mc::app::seed_demo(t.app()));
    World w(t, false);
    auto decisions = w.count("SELECT COUNT(*) FROM decisions");
    EXPECT_EQ(decisions, 48);
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM calibration_items WHERE retired = 0"), 6);
    ASSERT_TRUE(mc::app::seed_demo(t.app()));
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM decisions"), decisions);
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM assessor_profiles p JOIN users u ON u.id = p.user_id "
                      "WHERE u.email = 'lead.assessor@demo.microcred.test' AND p.lead = 1"), 1);
    auto report = json::parse(api(*std::make_unique<TestApp::Client>(w.as(w.admin)), "GET", "/api/v1/reliability").body);
    bool saw_james = false, saw_ana = false;
    for (const auto& a : report["assessors"]) {
        std::printf("  %-16s kappa %s standing %s drift %s months %zu\n", a["name"].get<std::string>().c_str(),
                    a["against_final_scores"]["kappa"].dump().c_str(), a["standing"].get<std::string>().c_str(),
                    a["drift_alert"].dump().c_str(), a["months"].size());
        if (a["name"] == "James Whitfield") {
            saw_james = true;
            EXPECT_EQ(a["standing"], "meets");
            EXPECT_FALSE(a["drift_alert"].get<bool>());
            EXPECT_GE(a["months"].size(), 6u); // six 30-day spans cross six or seven calendar months
        }
        if (a["name"] == "Ana Morales") {
            saw_ana = true;
            EXPECT_TRUE(a["drift_alert"].get<bool>());
        }
    }
    EXPECT_TRUE(saw_james && saw_ana);
    auto page = w.as(w.admin).get("/admin/reliability");
    EXPECT_NE(page.body.find("Ana Morales: kappa fell to"), std::string::npos);
}
