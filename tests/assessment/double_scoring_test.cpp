// Double scoring and adjudication through the real router: who gets the second seat, blind
// independence of the two scorings, agreement, disagreement, the lead's decision and its record.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "accounts/roles.hpp"
#include "assessment/assigner.hpp"
#include "tests/assessment/world.hpp"

using mc::testing::TestApp;
using mc::testing::World;
using mc::testing::api;
using nlohmann::json;

namespace {

std::string q(const std::string& s) { return "'" + s + "'"; }
bool contains(const std::string& body, const std::string& s) { return body.find(s) != std::string::npos; }

std::string seat_of(World& w, const std::string& submission, const std::string& assessor) {
    return w.scalar("SELECT id FROM assignments WHERE submission_id = " + q(submission) + " AND assessor_id = " +
                    q(assessor) + " AND status <> 'released'");
}

mc::http::Response auto_assign(World& w) { return w.as(w.admin).post("/admin/queue/auto-assign", {}); }

using Form = std::map<std::string, std::string>;
const Form kPass{{"outcome", "demonstrated"}, {"level_turns", "meets"}, {"level_plan_fit", "exceeds"},
                 {"summary", "Warm, many turns."}};
const Form kNotYet{{"outcome", "not_yet"}, {"level_turns", "emerging"}, {"feedback_turns", "B-SECRET: too few turns."},
                   {"level_plan_fit", "meets"}, {"summary", "Almost."}};

} // namespace

TEST(DoubleScoring, FirstSubmissionOfAVersionGetsTwoIndependentScorers) {
    TestApp t;
    World w(t);
    w.double_scoring(0.0, true);
    auto lead = w.add_lead("Lena Lead", w.employer_b);
    ASSERT_EQ(auto_assign(w).status, 303);
    EXPECT_EQ(w.scalar("SELECT reason FROM review_plans WHERE submission_id = " + q(w.submission)), "first_of_version");
    // Two seats, neither the educator nor her colleague; the lead is kept for adjudication.
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM assignments WHERE status = 'assigned' AND kind = 'scoring'"), 2);
    auto b = seat_of(w, w.submission, w.assessor_b), c = seat_of(w, w.submission, w.assessor_c);
    ASSERT_FALSE(b.empty());
    ASSERT_FALSE(c.empty());
    EXPECT_EQ(seat_of(w, w.submission, lead), "");
    EXPECT_EQ(seat_of(w, w.submission, w.colleague), "");
    EXPECT_EQ(seat_of(w, w.submission, w.educator), "");

    // The first scorer finishes: nothing is decided yet, and the second never sees those scores.
    auto first = w.as(w.assessor_b).post("/assess/" + b + "/decision", kNotYet);
    ASSERT_EQ(first.status, 303);
    EXPECT_TRUE(contains(first.header_value("Location"), "done=waiting_second"));
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM decisions"), 0);
    EXPECT_EQ(w.scalar("SELECT status FROM submissions WHERE id = " + q(w.submission)), "in_review");
    auto second_view = w.as(w.assessor_c).get("/assess/" + c);
    ASSERT_EQ(second_view.status, 200);
    EXPECT_FALSE(contains(second_view.body, "B-SECRET"));
    EXPECT_FALSE(contains(second_view.body, "checked")); // no level pre-selected from the other scoring
    EXPECT_EQ(w.as(w.assessor_c).get("/assess/" + b).status, 404);
    EXPECT_EQ(w.as(w.assessor_c).get("/submissions/" + w.submission + "/result").body.find("B-SECRET"),
              std::string::npos);

    // The second disagrees on the outcome: a lead gets it, with both scorings in view.
    auto second = w.as(w.assessor_c).post("/assess/" + c + "/decision", kPass);
    ASSERT_EQ(second.status, 303);
    EXPECT_TRUE(contains(second.header_value("Location"), "done=sent_to_lead"));
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM decisions"), 0);
    EXPECT_EQ(w.scalar("SELECT stage FROM review_plans WHERE submission_id = " + q(w.submission)), "adjudication");
    auto adj = w.scalar("SELECT id FROM assignments WHERE kind = 'adjudication' AND assessor_id = " + q(lead));
    ASSERT_FALSE(adj.empty());
    auto lc = w.as(lead);
    auto page = lc.get("/assess/" + adj);
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "B-SECRET"));
    EXPECT_TRUE(contains(page.body, "Beto Assessor"));
    EXPECT_TRUE(contains(page.body, "Cora Assessor"));
    EXPECT_TRUE(contains(page.body, "name=\"rationale\""));
    EXPECT_FALSE(contains(page.body, "Ana Educator")); // still blind to the educator

    // No reason, no decision; with one, the lead's decision stands and says so.
    auto bare = lc.post("/assess/" + adj + "/decision", kPass);
    EXPECT_EQ(bare.status, 422);
    EXPECT_TRUE(contains(bare.body, "Write the reason for your decision."));
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM decisions"), 0);
    Form with_reason = kPass;
    with_reason["rationale"] = "The video shows more than ten turns; the first scoring missed the second half.";
    ASSERT_EQ(lc.post("/assess/" + adj + "/decision", with_reason).status, 303);
    EXPECT_EQ(w.scalar("SELECT basis FROM decisions WHERE submission_id = " + q(w.submission)), "adjudicated");
    EXPECT_EQ(w.scalar("SELECT decided_by FROM decisions WHERE submission_id = " + q(w.submission)), lead);
    EXPECT_EQ(w.scalar("SELECT assignment_id FROM decisions WHERE submission_id = " + q(w.submission)), adj);
    EXPECT_TRUE(contains(w.scalar("SELECT rationale FROM decisions WHERE submission_id = " + q(w.submission)),
                         "ten turns"));
    EXPECT_EQ(w.scalar("SELECT status FROM submissions WHERE id = " + q(w.submission)), "demonstrated");
    EXPECT_EQ(w.scalar("SELECT outcome FROM assignments WHERE id = " + q(b)), "not_yet"); // kept for analytics
    auto result = w.as(w.educator).get("/submissions/" + w.submission + "/result");
    EXPECT_TRUE(contains(result.body, "a lead assessor made the final decision"));
    EXPECT_FALSE(contains(result.body, "ten turns")); // the rationale is for the program, not the educator
}

TEST(DoubleScoring, AgreementDecidesWithoutALead) {
    TestApp t;
    World w(t);
    w.double_scoring(0.0, true);
    auto lead = w.add_lead("Lena Lead", "");
    auto_assign(w);
    auto b = seat_of(w, w.submission, w.assessor_b), c = seat_of(w, w.submission, w.assessor_c);
    ASSERT_EQ(w.as(w.assessor_b).post("/assess/" + b + "/decision", kPass).status, 303);
    Form other = kPass;
    other["level_plan_fit"] = "meets"; // a different level, the same outcome: agreement under the outcome rule
    auto res = w.as(w.assessor_c).post("/assess/" + c + "/decision", other);
    ASSERT_EQ(res.status, 303);
    EXPECT_TRUE(contains(res.header_value("Location"), "done=decided"));
    EXPECT_EQ(w.scalar("SELECT basis FROM decisions WHERE submission_id = " + q(w.submission)), "agreed");
    EXPECT_EQ(w.scalar("SELECT decided_by FROM decisions WHERE submission_id = " + q(w.submission)), w.assessor_c);
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM assignments WHERE kind = 'adjudication'"), 0);
    EXPECT_EQ(seat_of(w, w.submission, lead), "");
    EXPECT_EQ(w.scalar("SELECT status FROM submissions WHERE id = " + q(w.submission)), "demonstrated");
}

TEST(DoubleScoring, AnyCriterionRuleSendsLevelDifferencesToALead) {
    TestApp t;
    World w(t);
    w.double_scoring(0.0, true, "any_criterion");
    auto lead = w.add_lead("Lena Lead", "");
    auto_assign(w);
    auto b = seat_of(w, w.submission, w.assessor_b), c = seat_of(w, w.submission, w.assessor_c);
    ASSERT_EQ(w.as(w.assessor_b).post("/assess/" + b + "/decision", kPass).status, 303);
    Form other = kPass;
    other["level_plan_fit"] = "meets";
    auto res = w.as(w.assessor_c).post("/assess/" + c + "/decision", other);
    EXPECT_TRUE(contains(res.header_value("Location"), "done=sent_to_lead"));
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM decisions"), 0);
    EXPECT_FALSE(seat_of(w, w.submission, lead).empty());
}

TEST(DoubleScoring, LeadsAreCheckedForConflictsAndScorersCannotAdjudicate) {
    TestApp t;
    World w(t);
    w.double_scoring(0.0, true);
    auto conflicted_lead = w.add_lead("Carmen Lead", w.employer_a); // works with the educator
    auto_assign(w);
    auto b = seat_of(w, w.submission, w.assessor_b), c = seat_of(w, w.submission, w.assessor_c);
    w.as(w.assessor_b).post("/assess/" + b + "/decision", kNotYet);
    w.as(w.assessor_c).post("/assess/" + c + "/decision", kPass);
    // Nobody eligible yet: it waits in the queue, flagged.
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM assignments WHERE kind = 'adjudication'"), 0);
    auto queue = w.as(w.admin).get("/admin/queue");
    EXPECT_TRUE(contains(queue.body, "Waiting for a lead assessor"));
    EXPECT_FALSE(contains(queue.body, "value=\"" + conflicted_lead + "\""));
    auto admin = w.as(w.admin);
    // Not a lead, a scorer, a conflicted lead: all refused.
    auto other = w.add_user("Oscar Other", mc::accounts::assessor, "");
    EXPECT_EQ(admin.post("/admin/queue/" + w.submission + "/assign", {{"assessor_id", other}}).status, 400);
    EXPECT_EQ(admin.post("/admin/queue/" + w.submission + "/assign", {{"assessor_id", w.assessor_b}}).status, 409);
    EXPECT_EQ(admin.post("/admin/queue/" + w.submission + "/assign", {{"assessor_id", conflicted_lead}}).status, 409);
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM assignments WHERE kind = 'adjudication'"), 0);
    // A lead arrives; the next sweep gives it to them.
    auto lead = w.add_lead("Lena Lead", w.employer_b);
    EXPECT_EQ(mc::assessment::auto_assign(t.app()), 1);
    EXPECT_FALSE(seat_of(w, w.submission, lead).empty());
}

TEST(DoubleScoring, SampledShareIsReproducibleAndLaterSubmissionsAreSingle) {
    TestApp t;
    World w(t);
    w.double_scoring(0.0, true);
    auto_assign(w); // the first of the version: double
    auto later = w.add_submission(w.add_user("Lia Later", mc::accounts::educator, w.employer_b));
    auto_assign(w);
    EXPECT_EQ(w.scalar("SELECT scorers FROM review_plans WHERE submission_id = " + q(later)), "1");
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM assignments WHERE submission_id = " + q(later)), 1);

    w.double_scoring(1.0, false); // every submission
    auto all = w.add_submission(w.add_user("Nora Next", mc::accounts::educator, ""));
    auto_assign(w);
    EXPECT_EQ(w.scalar("SELECT reason FROM review_plans WHERE submission_id = " + q(all)), "sampled");
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM assignments WHERE submission_id = " + q(all)), 2);
    // The plan is fixed once made: changing the share later does not change it.
    w.double_scoring(0.0, false);
    auto_assign(w);
    EXPECT_EQ(w.scalar("SELECT scorers FROM review_plans WHERE submission_id = " + q(all)), "2");
}

TEST(DoubleScoring, ReleasingOneSeatKeepsTheOtherAndTheSweepRefillsIt) {
    TestApp t;
    World w(t);
    w.double_scoring(0.0, true);
    auto_assign(w);
    auto b = seat_of(w, w.submission, w.assessor_b);
    auto admin = w.as(w.admin);
    ASSERT_EQ(admin.post("/admin/queue/assignments/" + b + "/release", {}).status, 303);
    EXPECT_EQ(w.scalar("SELECT status FROM submissions WHERE id = " + q(w.submission)), "in_review");
    auto extra = w.add_user("Dora Third", mc::accounts::assessor, "");
    // The queue offers the free seat to someone not already on it.
    auto queue = admin.get("/admin/queue");
    EXPECT_TRUE(contains(queue.body, "value=\"" + extra + "\""));
    EXPECT_EQ(mc::assessment::auto_assign(t.app()), 1);
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM assignments WHERE submission_id = " + q(w.submission) +
                      " AND status = 'assigned'"), 2);
    // Both seats taken and open: an explicit assignment must wait for a release, and the queue
    // does not offer one.
    auto fourth = w.add_user("Eva Fourth", mc::accounts::assessor, "");
    EXPECT_FALSE(contains(admin.get("/admin/queue").body, "value=\"" + fourth + "\""));
    EXPECT_EQ(admin.post("/admin/queue/" + w.submission + "/assign", {{"assessor_id", fourth}}).status, 409);
}

TEST(DoubleScoring, ApiSaysWhatTheDecisionWaitsForAndShowsLeadsBothScorings) {
    TestApp t;
    World w(t);
    w.double_scoring(0.0, true);
    auto lead = w.add_lead("Lena Lead", "");
    auto_assign(w);
    auto b = seat_of(w, w.submission, w.assessor_b), c = seat_of(w, w.submission, w.assessor_c);
    auto bc = w.as(w.assessor_b);
    json pass{{"outcome", "demonstrated"},
              {"scores", json::array({{{"criterion_id", "turns"}, {"level_id", "exceeds"}},
                                      {{"criterion_id", "plan_fit"}, {"level_id", "meets"}}})}};
    auto r1 = api(bc, "POST", "/api/v1/assignments/" + b + "/decision", pass);
    ASSERT_EQ(r1.status, 202);
    EXPECT_EQ(json::parse(r1.body)["waiting_for"], "second_scorer");
    auto cc = w.as(w.assessor_c);
    EXPECT_FALSE(json::parse(api(cc, "GET", "/api/v1/assignments/" + c).body).contains("scorings"));
    json fail{{"outcome", "not_yet"},
              {"scores", json::array({{{"criterion_id", "turns"}, {"level_id", "emerging"}, {"feedback", "Few turns."}},
                                      {{"criterion_id", "plan_fit"}, {"level_id", "meets"}}})}};
    auto r2 = api(cc, "POST", "/api/v1/assignments/" + c + "/decision", fail);
    ASSERT_EQ(r2.status, 202);
    EXPECT_EQ(json::parse(r2.body)["waiting_for"], "adjudication");
    auto adj = seat_of(w, w.submission, lead);
    auto lc = w.as(lead);
    auto view = json::parse(api(lc, "GET", "/api/v1/assignments/" + adj).body);
    EXPECT_EQ(view["kind"], "adjudication");
    ASSERT_EQ(view["scorings"].size(), 2u);
    EXPECT_EQ(api(lc, "POST", "/api/v1/assignments/" + adj + "/decision", fail).status, 422); // no rationale
    fail["rationale"] = "Too few turns in the video.";
    auto r3 = api(lc, "POST", "/api/v1/assignments/" + adj + "/decision", fail);
    ASSERT_EQ(r3.status, 201);
    EXPECT_EQ(json::parse(r3.body)["basis"], "adjudicated");
    EXPECT_EQ(w.scalar("SELECT status FROM submissions WHERE id = " + q(w.submission)), "returned");
}
