// Calibration and certification through the real router: an admin builds the calibration set
// from agreed decisions, assessors score it in rounds, pass or miss the kappa bar, and the
// analytics judge them on the true scores once there are enough.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "accounts/roles.hpp"
#include "assessment/calibration.hpp"
#include "assessment/reliability_store.hpp"
#include "assessment/workflow.hpp"
#include "platform/db/database.hpp"
#include "tests/assessment/world.hpp"

using mc::testing::TestApp;
using mc::testing::World;
using mc::testing::api;
using nlohmann::json;
namespace as = mc::assessment;

namespace {

std::string q(const std::string& s) { return "'" + s + "'"; }
bool contains(const std::string& body, const std::string& s) { return body.find(s) != std::string::npos; }

// A submission B and C score alike (agreed), with the given true levels; returns its id.
std::string agreed_submission(World& w, const std::string& turns, const std::string& plan_fit) {
    auto& app = w.t.app();
    auto educator = w.add_user("Edu " + turns + plan_fit, mc::accounts::educator, w.employer_a);
    auto s = w.add_submission(educator);
    auto sql = app.db->lease();
    as::DecisionInput in;
    in.scores = {{"turns", turns, "Noted."}, {"plan_fit", plan_fit, "Noted."}};
    in.outcome = turns != "emerging" && plan_fit != "emerging" ? as::Outcome::demonstrated : as::Outcome::not_yet;
    for (const auto& who : {w.assessor_b, w.assessor_c}) {
        mc::db::WriteTx tx(*sql);
        auto id = as::assign(app, *sql, s, who, w.admin);
        EXPECT_TRUE(id);
        std::vector<as::FieldError> errors;
        EXPECT_TRUE(as::decide(app, *sql, *id, who, in, errors));
        tx.commit();
    }
    // The educator lets it train assessors (without that, the set refuses it: CalibrationConsent).
    auto owner = w.as(educator);
    EXPECT_EQ(api(owner, "PUT", "/api/v1/submissions/" + s + "/exemplar-consent", json{{"consent", true}}).status, 200);
    return s;
}

// Scores every open calibration assignment of the user through the scoring form, each with the
// levels `pick(submission's true turns level)` chooses; returns the last redirect.
std::string score_round(World& w, const std::string& who, bool right) {
    auto c = w.as(who);
    std::string last;
    for (int guard = 0; guard < 10; ++guard) {
        auto id = w.scalar("SELECT id FROM assignments WHERE assessor_id = " + q(who) +
                           " AND kind = 'calibration' AND status = 'assigned' ORDER BY id LIMIT 1");
        if (id.empty()) break;
        auto sub = w.scalar("SELECT submission_id FROM assignments WHERE id = " + q(id));
        auto turns = w.scalar("SELECT level_id FROM calibration_truth WHERE criterion_id = 'turns' AND submission_id = " + q(sub));
        auto plan = w.scalar("SELECT level_id FROM calibration_truth WHERE criterion_id = 'plan_fit' AND submission_id = " + q(sub));
        if (!right) { // always the level above the truth, wrapping: wrong on every criterion
            auto next = [](const std::string& l) { return l == "emerging" ? "meets" : l == "meets" ? "exceeds" : "emerging"; };
            turns = next(turns);
            plan = next(plan);
        }
        bool pass = turns != "emerging" && plan != "emerging";
        auto res = c.post("/assess/" + id + "/decision", {{"level_turns", turns}, {"level_plan_fit", plan},
                                                         {"feedback_turns", "More turns."}, {"feedback_plan_fit", "Plan more."},
                                                         {"outcome", pass ? "demonstrated" : "not_yet"}});
        EXPECT_EQ(res.status, 303) << res.body.substr(0, 300);
        last = res.header_value("Location");
    }
    return last;
}

} // namespace

TEST(Calibration, AdminsBuildTheSetFromAgreedDecisions) {
    TestApp t;
    World w(t);
    w.double_scoring(1.0, false);
    auto s = agreed_submission(w, "meets", "exceeds");
    auto admin = w.as(w.admin);
    auto page = admin.get("/admin/reliability/calibration");
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "/admin/reliability/calibration/" + s + "/add"));
    ASSERT_EQ(admin.post("/admin/reliability/calibration/" + s + "/add", {}).status, 303);
    EXPECT_EQ(w.scalar("SELECT level_id FROM calibration_truth WHERE criterion_id = 'plan_fit' AND submission_id = " + q(s)),
              "exceeds");
    // An undecided submission cannot join; others are kept out of the admin page.
    auto undecided = w.add_submission(w.other_educator);
    EXPECT_EQ(admin.post("/admin/reliability/calibration/" + undecided + "/add", {}).status, 409);
    EXPECT_EQ(w.as(w.assessor_b).get("/admin/reliability/calibration").status, 403);
    EXPECT_EQ(w.as(w.assessor_b).post("/admin/reliability/calibration/" + s + "/retire", {}).status, 403);
    ASSERT_EQ(admin.post("/admin/reliability/calibration/" + s + "/retire", {}).status, 303);
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM calibration_items WHERE retired = 0"), 0);
    EXPECT_EQ(api(admin, "PUT", "/api/v1/calibration/items/" + s).status, 200); // back in the set
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM calibration_items WHERE retired = 0"), 1);
}

TEST(Calibration, ARoundCertifiesAtTheBarAndNotBelowIt) {
    TestApp t;
    World w(t);
    w.double_scoring(1.0, false);
    {
        auto sql = t.app().db->lease();
        auto st = as::load_settings(*sql);
        st.min_ratings = 6; // three items of two criteria
        mc::db::WriteTx tx(*sql);
        as::save_settings(*sql, st, w.admin);
        tx.commit();
    }
    auto admin = w.as(w.admin);
    for (auto [turns, plan] : {std::pair{"meets", "exceeds"}, {"emerging", "meets"}, {"exceeds", "emerging"}})
        ASSERT_EQ(admin.post("/admin/reliability/calibration/" + agreed_submission(w, turns, plan) + "/add", {}).status, 303);

    auto dora = w.add_user("Dora Calibrated", mc::accounts::assessor, "", World::Ready::trained);
    auto eli = w.add_user("Eli Uncalibrated", mc::accounts::assessor, "", World::Ready::trained);
    auto dc = w.as(dora);
    EXPECT_TRUE(contains(dc.get("/assess").body, "You are not certified yet."));
    ASSERT_EQ(dc.post("/assess/calibration", {}).status, 303);
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM assignments WHERE kind = 'calibration' AND assessor_id = " + q(dora)), 3);
    EXPECT_TRUE(contains(dc.post("/assess/calibration", {}).header_value("Location"), "calibration_open"));
    // A calibration item's page: the evidence and rubric, the note, never the decision or its result.
    auto item = w.scalar("SELECT id FROM assignments WHERE kind = 'calibration' AND assessor_id = " + q(dora) + " LIMIT 1");
    auto sub = w.scalar("SELECT submission_id FROM assignments WHERE id = " + q(item));
    auto page = dc.get("/assess/" + item);
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "Calibration: this submission"));
    EXPECT_FALSE(contains(page.body, "checked"));
    EXPECT_EQ(dc.get("/submissions/" + sub + "/result").status, 404);
    {
        mc::http::Request r;
        r.method = "GET";
        r.target = "/api/v1/assignments/" + item;
        r.headers["accept"] = "application/json";
        auto view = json::parse(dc.send(r).body);
        EXPECT_EQ(view["kind"], "calibration");
        EXPECT_FALSE(view.contains("decision")); // the answer is not handed out
    }

    auto last = score_round(w, dora, true);
    EXPECT_TRUE(contains(last, "done=calibration_passed"));
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM assessor_certifications WHERE assessor_id = " + q(dora)), 1);
    auto expires = std::stoll(w.scalar("SELECT expires_at FROM assessor_certifications WHERE assessor_id = " + q(dora)));
    auto certified = std::stoll(w.scalar("SELECT certified_at FROM assessor_certifications WHERE assessor_id = " + q(dora)));
    EXPECT_EQ(expires - certified, 365LL * 86400);
    EXPECT_TRUE(contains(dc.get("/assess").body, "You are certified until"));
    EXPECT_EQ(w.scalar("SELECT status FROM submissions WHERE id = " + q(sub)) == "in_review", false); // untouched

    ASSERT_EQ(w.as(eli).post("/assess/calibration", {}).status, 303);
    EXPECT_TRUE(contains(score_round(w, eli, false), "done=calibration_not_passed"));
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM assessor_certifications WHERE assessor_id = " + q(eli)), 0);
    EXPECT_EQ(w.scalar("SELECT passed FROM calibration_rounds WHERE assessor_id = " + q(eli)), "0");

    // The analytics judge both on the true scores now: Eli is flagged, Dora is not.
    auto report = json::parse([&] {
        mc::http::Request r;
        r.method = "GET";
        r.target = "/api/v1/reliability";
        r.headers["accept"] = "application/json";
        return admin.send(r).body;
    }());
    for (const auto& a : report["assessors"]) {
        if (a["id"] == dora) {
            EXPECT_EQ(a["standing_reference"], "calibration");
            EXPECT_EQ(a["standing"], "meets");
            EXPECT_NE(a["certified_until"], nullptr);
        }
        if (a["id"] == eli) {
            EXPECT_EQ(a["standing"], "below");
            EXPECT_EQ(a["against_calibration"]["ratings"], 6);
        }
    }
    auto body = admin.get("/admin/reliability").body;
    auto at = body.find("Eli Uncalibrated: kappa ");
    ASSERT_NE(at, std::string::npos);
    // Wrong by one level on every criterion, each level used equally: p_o = 0, p_e = 1/3, kappa = -0.5.
    EXPECT_EQ(body.substr(at + 24, 41), "-0.50 against the calibration true scores");
    EXPECT_FALSE(contains(body, "Dora Calibrated: kappa"));

    // Expiry: an old certification no longer counts.
    {
        auto sql = t.app().db->lease();
        *sql << "UPDATE assessor_certifications SET expires_at = 1000 WHERE assessor_id = :a", soci::use(dora);
    }
    EXPECT_TRUE(contains(dc.get("/assess").body, "Your certification expired on 1970-01-01."));
}

TEST(Calibration, AssessorsNeverCalibrateOnWhatTheyJudgedOrOnColleagues) {
    TestApp t;
    World w(t);
    w.double_scoring(1.0, false);
    auto admin = w.as(w.admin);
    ASSERT_EQ(admin.post("/admin/reliability/calibration/" + agreed_submission(w, "meets", "meets") + "/add", {}).status, 303);
    // B and C scored it for real; the colleague works with its educator (employer A).
    for (const auto& who : {w.assessor_b, w.assessor_c, w.colleague})
        EXPECT_TRUE(contains(w.as(who).post("/assess/calibration", {}).header_value("Location"), "calibration_empty"));
    // (The world's certified assessors each have a finished round already; none was started here.)
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM calibration_rounds WHERE finished_at IS NULL"), 0);
    EXPECT_EQ(w.as(w.other_educator).post("/assess/calibration", {}).status, 403);
    // The API says the same.
    auto c = w.as(w.assessor_b);
    EXPECT_EQ(api(c, "POST", "/api/v1/calibration/rounds").status, 409);
}

TEST(Calibration, OnlyEvidenceTheEducatorLetsTrainAssessorsJoinTheSet) {
    TestApp t;
    World w(t);
    w.double_scoring(1.0, false);
    auto s = agreed_submission(w, "meets", "exceeds");
    auto educator = w.scalar("SELECT educator_id FROM submissions WHERE id = " + q(s));
    auto owner = w.as(educator);
    auto admin = w.as(w.admin);
    // Consent taken back: the set refuses it, in words, and it is not offered as a candidate.
    ASSERT_EQ(api(owner, "PUT", "/api/v1/submissions/" + s + "/exemplar-consent", json{{"consent", false}}).status, 200);
    auto refused = admin.post("/admin/reliability/calibration/" + s + "/add", {});
    EXPECT_EQ(refused.status, 409);
    EXPECT_TRUE(contains(refused.body, "has not allowed this submission"));
    EXPECT_FALSE(contains(admin.get("/admin/reliability/calibration").body, "/admin/reliability/calibration/" + s + "/add"));
    // Given again: it joins; taken back later, no new round uses it.
    ASSERT_EQ(api(owner, "PUT", "/api/v1/submissions/" + s + "/exemplar-consent", json{{"consent", true}}).status, 200);
    ASSERT_EQ(admin.post("/admin/reliability/calibration/" + s + "/add", {}).status, 303);
    ASSERT_EQ(api(owner, "PUT", "/api/v1/submissions/" + s + "/exemplar-consent", json{{"consent", false}}).status, 200);
    auto sql = t.app().db->lease();
    EXPECT_TRUE(as::calibration_items(*sql).empty());
}
