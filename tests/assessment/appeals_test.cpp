// Appeals through the real router: only the educator, only a "Not yet", once, within the window;
// the reviewer is a lead who had no part in the decision (enforced on the server); overturning
// awards the credential with the decision marked 'appeal', upholding does not.
#include <gtest/gtest.h>

#include "assessment/coaching/appeals.hpp"
#include "assessment/reliability_store.hpp"
#include "platform/db/database.hpp"
#include "tests/assessment/world.hpp"

using mc::testing::TestApp;
using mc::testing::World;

namespace {

std::string q(const std::string& s) { return "'" + s + "'"; }

// Assigns the world's submission to `assessor` and decides "Not yet" as them.
void not_yet(World& w, const std::string& assessor) {
    auto admin = w.as(w.admin);
    ASSERT_EQ(admin.post("/admin/queue/" + w.submission + "/assign", {{"assessor_id", assessor}}).status, 303);
    auto id = w.scalar("SELECT id FROM assignments WHERE submission_id = " + q(w.submission) + " AND status = 'assigned'");
    auto res = w.as(assessor).post("/assess/" + id + "/decision",
                                   {{"outcome", "not_yet"}, {"level_turns", "emerging"},
                                    {"feedback_turns", "Wait for the child to answer."}, {"level_plan_fit", "meets"}});
    ASSERT_EQ(res.status, 303);
    ASSERT_EQ(w.scalar("SELECT status FROM submissions WHERE id = " + q(w.submission)), "returned");
}

std::string appeal_id(World& w) { return w.scalar("SELECT id FROM appeals WHERE submission_id = " + q(w.submission)); }

bool contains(const std::string& body, const std::string& s) { return body.find(s) != std::string::npos; }

} // namespace

TEST(Appeals, GoesToALeadWhoHadNoPartAndOnlyTheyMayDecide) {
    TestApp t;
    World w(t);
    // The deciding assessor is a lead too, and another lead works at the educator's employer:
    // neither may review. Only Lena (no employer, not involved) is eligible.
    {
        auto sql = t.app().db->lease();
        mc::db::WriteTx tx(*sql);
        mc::assessment::set_lead(*sql, w.assessor_b, true, w.admin);
        tx.commit();
    }
    auto same_employer_lead = w.add_lead("Lupe Lead", w.employer_a);
    auto lena = w.add_lead("Lena Lead", "");
    not_yet(w, w.assessor_b);

    auto educator = w.as(w.educator);
    auto result = educator.get("/submissions/" + w.submission + "/result");
    EXPECT_TRUE(contains(result.body, "/submissions/" + w.submission + "/appeal"));
    EXPECT_TRUE(contains(result.body, "Wait for the child to answer.")); // the Not yet feedback is all shown
    EXPECT_EQ(educator.post("/submissions/" + w.submission + "/appeal", {{"reason", "  "}}).status, 422);
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM appeals"), 0);
    EXPECT_EQ(w.as(w.other_educator).post("/submissions/" + w.submission + "/appeal", {{"reason", "Mine?"}}).status, 404);
    EXPECT_EQ(w.as(w.other_educator).get("/submissions/" + w.submission + "/appeal").status, 404);
    ASSERT_EQ(educator.post("/submissions/" + w.submission + "/appeal", {{"reason", "The video shows six turns."}}).status, 303);
    auto id = appeal_id(w);
    EXPECT_EQ(w.scalar("SELECT reviewer_id FROM appeals WHERE id = " + q(id)), lena);
    EXPECT_EQ(educator.post("/submissions/" + w.submission + "/appeal", {{"reason", "Again"}}).status, 409); // once

    // The decider (a lead) and the conflicted lead cannot see or act on it.
    for (const auto& who : {w.assessor_b, same_employer_lead}) {
        auto c = w.as(who);
        EXPECT_EQ(c.get("/appeals/" + id).status, 404);
        EXPECT_EQ(c.post("/appeals/" + id + "/overturn", {{"level_turns", "meets"}, {"level_plan_fit", "meets"},
                                                          {"response", "x"}}).status, 404);
        EXPECT_EQ(c.post("/appeals/" + id + "/uphold", {{"response", "x"}}).status, 404);
    }
    EXPECT_EQ(w.as(w.educator).post("/appeals/" + id + "/uphold", {{"response", "x"}}).status, 404); // an assessor, not the reviewer
    auto page = w.as(lena).get("/appeals/" + id);
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "The video shows six turns."));
    EXPECT_TRUE(contains(page.body, "Wait for the child to answer.")); // the original scores
    EXPECT_TRUE(contains(page.body, "/evidence/files/"));
    // The reviewer may open the evidence file record (access is by appeal, not by assignment).
    EXPECT_TRUE(contains(w.as(lena).get("/appeals").body, "/appeals/" + id));
    EXPECT_EQ(w.as(w.admin).get("/appeals/" + id).status, 200);
    EXPECT_TRUE(contains(w.as(w.admin).get("/admin/appeals").body, "/appeals/" + id));
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM awards"), 0);
}

TEST(Appeals, OverturnAwardsTheCredentialInTheSameStepAndMarksTheDecision) {
    TestApp t;
    World w(t);
    auto lena = w.add_lead("Lena Lead", "");
    not_yet(w, w.assessor_b);
    auto educator = w.as(w.educator);
    ASSERT_EQ(educator.post("/submissions/" + w.submission + "/appeal", {{"reason", "Six turns at 1:20."}}).status, 303);
    auto id = appeal_id(w);
    auto lead = w.as(lena);
    // Scores that do not support Demonstrated are refused and change nothing.
    auto bad = lead.post("/appeals/" + id + "/overturn",
                         {{"level_turns", "emerging"}, {"level_plan_fit", "meets"}, {"response", "Yes."}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(w.scalar("SELECT status FROM appeals WHERE id = " + q(id)), "open");
    EXPECT_EQ(lead.post("/appeals/" + id + "/overturn", {{"level_turns", "meets"}, {"level_plan_fit", "meets"}}).status,
              422); // a response is required
    auto ok = lead.post("/appeals/" + id + "/overturn", {{"level_turns", "meets"}, {"feedback_turns", "Clear turns at 1:20."},
                                                         {"level_plan_fit", "meets"}, {"response", "You are right."}});
    ASSERT_EQ(ok.status, 303);
    EXPECT_EQ(w.scalar("SELECT status FROM appeals WHERE id = " + q(id)), "overturned");
    EXPECT_EQ(w.scalar("SELECT outcome FROM decisions WHERE submission_id = " + q(w.submission)), "demonstrated");
    EXPECT_EQ(w.scalar("SELECT basis FROM decisions WHERE submission_id = " + q(w.submission)), "appeal");
    EXPECT_EQ(w.scalar("SELECT decided_by FROM decisions WHERE submission_id = " + q(w.submission)), lena);
    EXPECT_EQ(w.scalar("SELECT original_decided_by FROM appeals WHERE id = " + q(id)), w.assessor_b);
    EXPECT_EQ(w.scalar("SELECT status FROM submissions WHERE id = " + q(w.submission)), "demonstrated");
    EXPECT_EQ(w.scalar("SELECT status FROM enrollments WHERE id = " + q(w.enrollment)), "earned");
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM awards WHERE submission_id = " + q(w.submission)), 1);
    EXPECT_EQ(w.scalar("SELECT kind FROM assignments WHERE assessor_id = " + q(lena)), "appeal");
    EXPECT_EQ(lead.post("/appeals/" + id + "/uphold", {{"response", "Changed my mind."}}).status, 409); // decided once
    auto result = educator.get("/submissions/" + w.submission + "/result");
    EXPECT_TRUE(contains(result.body, "Decided on appeal"));
    EXPECT_TRUE(contains(result.body, "Clear turns at 1:20."));
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM notifications WHERE kind = 'appeal_overturned' AND user_id = " + q(w.educator)), 1);
}

TEST(Appeals, UpheldKeepsTheDecisionAndAwardsNothing) {
    TestApp t;
    World w(t);
    auto lena = w.add_lead("Lena Lead", "");
    not_yet(w, w.assessor_b);
    ASSERT_EQ(w.as(w.educator).post("/submissions/" + w.submission + "/appeal", {{"reason", "Please look again."}}).status, 303);
    auto id = appeal_id(w);
    EXPECT_EQ(w.as(lena).post("/appeals/" + id + "/uphold", {{"response", ""}}).status, 422);
    ASSERT_EQ(w.as(lena).post("/appeals/" + id + "/uphold", {{"response", "Only two turns are visible."}}).status, 303);
    EXPECT_EQ(w.scalar("SELECT status FROM appeals WHERE id = " + q(id)), "upheld");
    EXPECT_EQ(w.scalar("SELECT outcome FROM decisions WHERE submission_id = " + q(w.submission)), "not_yet");
    EXPECT_EQ(w.scalar("SELECT basis FROM decisions WHERE submission_id = " + q(w.submission)), "single");
    EXPECT_EQ(w.scalar("SELECT status FROM submissions WHERE id = " + q(w.submission)), "returned");
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM awards"), 0);
    EXPECT_TRUE(contains(w.as(w.educator).get("/submissions/" + w.submission + "/appeal").body, "Only two turns are visible."));
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM notifications WHERE kind = 'appeal_upheld' AND user_id = " + q(w.educator)), 1);
}

TEST(Appeals, WindowAndOutcomeAreEnforcedAndAWaitingAppealGetsALeadLater) {
    TestApp t;
    World w(t);
    not_yet(w, w.assessor_b);
    // 31 days after the decision, with the default 30-day window: refused.
    auto decided = w.count("SELECT decided_at FROM decisions WHERE submission_id = " + q(w.submission));
    {
        auto sql = t.app().db->lease();
        long long old = decided - 31 * 86400;
        *sql << "UPDATE decisions SET decided_at = :t WHERE submission_id = :s", soci::use(old), soci::use(w.submission);
    }
    EXPECT_EQ(w.as(w.educator).post("/submissions/" + w.submission + "/appeal", {{"reason", "Late."}}).status, 409);
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM appeals"), 0);
    // Widen the window to 60 days over the API: now it may be filed, with no lead to review it yet.
    auto admin = w.as(w.admin);
    EXPECT_EQ(mc::testing::api(admin, "PUT", "/api/v1/turnaround", {{"appeal_window_days", 0}}).status, 422);
    EXPECT_EQ(mc::testing::api(admin, "PUT", "/api/v1/turnaround", {{"appeal_window_days", 60}}).status, 200);
    auto educator = w.as(w.educator);
    auto filed = mc::testing::api(educator, "POST", "/api/v1/submissions/" + w.submission + "/appeal", {{"reason", "In time."}});
    ASSERT_EQ(filed.status, 201);
    auto id = appeal_id(w);
    EXPECT_EQ(w.scalar("SELECT reviewer_id FROM appeals WHERE id = " + q(id)), "");
    EXPECT_TRUE(contains(mc::testing::api(educator, "GET", "/api/v1/appeals/" + id).body, "\"status\":\"open\""));
    auto other = w.as(w.other_educator);
    EXPECT_EQ(mc::testing::api(other, "GET", "/api/v1/appeals/" + id).status, 404);
    auto lena = w.add_lead("Lena Lead", "");
    EXPECT_EQ(mc::assessment::coaching::assign_waiting_appeals(t.app()), 1);
    EXPECT_EQ(w.scalar("SELECT reviewer_id FROM appeals WHERE id = " + q(id)), lena);
    auto lead = w.as(lena);
    auto over = mc::testing::api(lead, "POST", "/api/v1/appeals/" + id + "/overturn",
                                 {{"response", "Meets."},
                                  {"scores", {{{"criterion_id", "turns"}, {"level_id", "meets"}, {"feedback", ""}},
                                              {{"criterion_id", "plan_fit"}, {"level_id", "exceeds"}, {"feedback", ""}}}}});
    EXPECT_EQ(over.status, 200) << over.body;
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM awards WHERE submission_id = " + q(w.submission)), 1);
}

TEST(Appeals, ADemonstratedDecisionCannotBeAppealed) {
    TestApp t;
    World w(t);
    auto admin = w.as(w.admin);
    ASSERT_EQ(admin.post("/admin/queue/" + w.submission + "/assign", {{"assessor_id", w.assessor_b}}).status, 303);
    auto id = w.scalar("SELECT id FROM assignments WHERE submission_id = " + q(w.submission));
    ASSERT_EQ(w.as(w.assessor_b).post("/assess/" + id + "/decision", {{"outcome", "demonstrated"}, {"level_turns", "meets"},
                                                                      {"level_plan_fit", "meets"}}).status, 303);
    EXPECT_EQ(w.as(w.educator).post("/submissions/" + w.submission + "/appeal", {{"reason", "Why not?"}}).status, 409);
    EXPECT_FALSE(contains(w.as(w.educator).get("/submissions/" + w.submission + "/result").body, "/appeal\""));
}
