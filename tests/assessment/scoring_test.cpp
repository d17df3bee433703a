// Scoring and deciding through the real router: who may score, the passing rule, feedback,
// the Not yet -> resubmit -> Demonstrated loop, the result page and blind review.
#include <gtest/gtest.h>

#include <ctime>

#include "assessment/assigner.hpp"
#include "evidence/privacy_store.hpp"
#include "tests/assessment/world.hpp"

using mc::testing::TestApp;
using mc::testing::World;

namespace {

std::string q(const std::string& s) { return "'" + s + "'"; }

std::string assign_to(World& w, const std::string& submission, const std::string& assessor) {
    auto admin = w.as(w.admin);
    EXPECT_EQ(admin.post("/admin/queue/" + submission + "/assign", {{"assessor_id", assessor}}).status, 303);
    return w.scalar("SELECT id FROM assignments WHERE submission_id = " + q(submission) + " AND status = 'assigned'");
}

bool contains(const std::string& body, const std::string& s) { return body.find(s) != std::string::npos; }

} // namespace

TEST(Scoring, OnlyTheAssignedAssessorScoresAndAdminsMayLookWithoutTheEvidence) {
    TestApp t;
    World w(t);
    auto id = assign_to(w, w.submission, w.assessor_b);
    auto mine = w.as(w.assessor_b);
    auto page = mine.get("/assess/" + id);
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "<video controls preload=\"metadata\" src=\"/evidence/files/"));
    EXPECT_TRUE(contains(page.body, "Leeremos un cuento"));
    EXPECT_TRUE(contains(page.body, "<legend class=\"usa-legend usa-legend--large\">Conversational turns</legend>"));
    EXPECT_TRUE(contains(page.body, "Many extended turns")); // descriptors visible
    // Blind review: neither the educator's name nor the employer appears.
    EXPECT_FALSE(contains(page.body, "Ana Educator"));
    EXPECT_FALSE(contains(page.body, "Sunshine Center"));
    EXPECT_TRUE(contains(mine.get("/assess").body, "/assess/" + id));

    auto other = w.as(w.assessor_c);
    EXPECT_EQ(other.get("/assess/" + id).status, 404);
    EXPECT_EQ(other.post("/assess/" + id + "/scores", {{"level_turns", "meets"}}).status, 404);
    EXPECT_EQ(other.post("/assess/" + id + "/decision", {{"outcome", "not_yet"}}).status, 404);
    EXPECT_EQ(w.as(w.educator).get("/assess/" + id).status, 404); // an assessor too, but not this one
    EXPECT_EQ(w.as(w.other_educator).get("/assess/" + id).status, 403);
    auto admin_view = w.as(w.admin).get("/assess/" + id);
    EXPECT_EQ(admin_view.status, 200);
    EXPECT_FALSE(contains(admin_view.body, "value=\"demonstrated\"")); // read-only for admins
    // ...and without the evidence: children may be in it.
    EXPECT_FALSE(contains(admin_view.body, "/evidence/files/"));
    EXPECT_FALSE(contains(admin_view.body, "Leeremos un cuento"));
    EXPECT_TRUE(contains(admin_view.body, "only the assessors on this submission"));
    EXPECT_EQ(w.as(w.admin).post("/assess/" + id + "/scores", {{"level_turns", "meets"}}).status, 403);
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM criterion_scores"), 0);
}

TEST(Scoring, DraftScoresAreSavedByButtonAndByHtmxAutosave) {
    TestApp t;
    World w(t);
    auto id = assign_to(w, w.submission, w.assessor_b);
    auto c = w.as(w.assessor_b);
    auto saved = c.post("/assess/" + id + "/scores", {{"level_turns", "emerging"}, {"feedback_turns", "More turns."}});
    EXPECT_EQ(saved.status, 303);
    EXPECT_EQ(w.scalar("SELECT level_id FROM criterion_scores WHERE criterion_id = 'turns'"), "emerging");
    auto page = c.get(saved.header_value("Location"));
    EXPECT_TRUE(contains(page.body, "value=\"emerging\" checked"));
    EXPECT_TRUE(contains(page.body, "More turns."));

    mc::http::Request req;
    req.method = "POST";
    req.target = "/assess/" + id + "/scores";
    req.headers["content-type"] = "application/x-www-form-urlencoded";
    req.headers["hx-request"] = "true";
    req.headers["x-csrf-token"] = c.csrf;
    req.body = "level_plan_fit=meets";
    auto fragment = c.send(req);
    EXPECT_EQ(fragment.status, 200);
    EXPECT_TRUE(contains(fragment.body, "Draft saved."));
    EXPECT_FALSE(contains(fragment.body, "<html"));
    EXPECT_EQ(w.scalar("SELECT level_id FROM criterion_scores WHERE criterion_id = 'plan_fit'"), "meets");
    EXPECT_EQ(w.scalar("SELECT level_id FROM criterion_scores WHERE criterion_id = 'turns'"), "emerging"); // untouched

    EXPECT_EQ(c.post("/assess/" + id + "/scores", {{"level_turns", "superb"}}).status, 422);
    EXPECT_EQ(w.scalar("SELECT level_id FROM criterion_scores WHERE criterion_id = 'turns'"), "emerging");
}

TEST(Scoring, DemonstratedIsRefusedWhenACriterionIsBelowTheBar) {
    TestApp t;
    World w(t);
    auto id = assign_to(w, w.submission, w.assessor_b);
    auto c = w.as(w.assessor_b);
    ASSERT_EQ(c.post("/assess/" + id + "/scores", {{"level_turns", "meets"}, {"level_plan_fit", "meets"}}).status, 303);
    auto res = c.post("/assess/" + id + "/decision",
                      {{"outcome", "demonstrated"}, {"level_turns", "emerging"}, {"summary", "Nice."}});
    EXPECT_EQ(res.status, 422);
    EXPECT_TRUE(contains(res.body, "below the passing level"));
    EXPECT_TRUE(contains(res.body, "value=\"emerging\" checked")); // the input is kept
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM decisions"), 0);
    EXPECT_EQ(w.scalar("SELECT level_id FROM criterion_scores WHERE criterion_id = 'turns'"), "meets"); // rolled back
    EXPECT_EQ(w.scalar("SELECT status FROM submissions WHERE id = " + q(w.submission)), "in_review");
    EXPECT_EQ(w.scalar("SELECT status FROM assignments WHERE id = " + q(id)), "assigned");
    EXPECT_EQ(c.post("/assess/" + id + "/decision", {{"outcome", "maybe"}}).status, 422);
}

TEST(Scoring, NotYetRequiresFeedbackOnEveryCriterionBelowTheBar) {
    TestApp t;
    World w(t);
    auto id = assign_to(w, w.submission, w.assessor_b);
    auto c = w.as(w.assessor_b);
    auto res = c.post("/assess/" + id + "/decision",
                      {{"outcome", "not_yet"}, {"level_turns", "emerging"}, {"level_plan_fit", "meets"}});
    EXPECT_EQ(res.status, 422);
    EXPECT_TRUE(contains(res.body, "Write feedback for this criterion"));
    EXPECT_TRUE(contains(res.body, "aria-describedby=\"error-turns\""));
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM decisions"), 0);
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM criterion_scores"), 0);

    auto all_met = c.post("/assess/" + id + "/decision",
                          {{"outcome", "not_yet"}, {"level_turns", "meets"}, {"level_plan_fit", "meets"}});
    EXPECT_EQ(all_met.status, 422);
}

TEST(Scoring, TheWholeLoopNotYetThenResubmitThenDemonstrated) {
    TestApp t;
    World w(t);
    auto id = assign_to(w, w.submission, w.assessor_b);
    auto c = w.as(w.assessor_b);
    auto res = c.post("/assess/" + id + "/decision",
                      {{"outcome", "not_yet"}, {"level_turns", "emerging"}, {"feedback_turns", "Wait for the child to answer."},
                       {"level_plan_fit", "exceeds"}, {"summary", "A warm start."}});
    ASSERT_EQ(res.status, 303);
    EXPECT_EQ(w.scalar("SELECT outcome FROM decisions WHERE submission_id = " + q(w.submission)), "not_yet");
    EXPECT_EQ(w.scalar("SELECT decided_by FROM decisions WHERE submission_id = " + q(w.submission)), w.assessor_b);
    EXPECT_EQ(w.scalar("SELECT status FROM submissions WHERE id = " + q(w.submission)), "returned");
    EXPECT_NE(w.scalar("SELECT decided_at FROM submissions WHERE id = " + q(w.submission)), "");
    EXPECT_EQ(w.scalar("SELECT status FROM assignments WHERE id = " + q(id)), "completed");
    {
        EXPECT_EQ(w.count("SELECT COUNT(*) FROM notifications WHERE kind = 'returned' AND user_id = " + q(w.educator) +
                          " AND link = " + q("/submissions/" + w.submission + "/result")), 1);
    }
    EXPECT_EQ(c.post("/assess/" + id + "/decision", {{"outcome", "not_yet"}}).status, 409); // decided once

    // The educator reads the result in her language; strangers learn nothing.
    auto educator = w.as(w.educator);
    educator.cookies["mc_lang"] = "es"; // her language switch (her saved profile language is English)
    auto result = educator.get("/submissions/" + w.submission + "/result");
    ASSERT_EQ(result.status, 200);
    EXPECT_TRUE(contains(result.body, "Wait for the child to answer."));
    EXPECT_TRUE(contains(result.body, "A warm start."));
    EXPECT_TRUE(contains(result.body, "Todavía no"));
    EXPECT_TRUE(contains(result.body, "Pocos turnos")); // the descriptor of the level given, in Spanish
    educator.cookies.erase("mc_lang"); // back to her saved language (English)
    EXPECT_TRUE(contains(result.body, "/submissions/" + w.submission + "\""));
    EXPECT_EQ(w.as(w.other_educator).get("/submissions/" + w.submission + "/result").status, 404);
    EXPECT_EQ(c.get("/submissions/" + w.submission + "/result").status, 200); // the assessor who judged it
    EXPECT_EQ(w.as(w.assessor_c).get("/submissions/" + w.submission + "/result").status, 404);

    // Revise and resubmit (as the evidence code does), then the assigner hands it out again.
    auto second = w.resubmit(w.submission);
    EXPECT_EQ(educator.get("/submissions/" + second + "/result").status, 200); // "being reviewed"
    ASSERT_EQ(mc::assessment::auto_assign(t.app()), 1);
    auto id2 = w.scalar("SELECT id FROM assignments WHERE submission_id = " + q(second));
    auto assessor2 = w.scalar("SELECT assessor_id FROM assignments WHERE id = " + q(id2));
    auto c2 = w.as(assessor2);
    auto done = c2.post("/assess/" + id2 + "/decision",
                        {{"outcome", "demonstrated"}, {"level_turns", "meets"}, {"level_plan_fit", "exceeds"}});
    ASSERT_EQ(done.status, 303) << done.body;
    EXPECT_EQ(w.scalar("SELECT status FROM submissions WHERE id = " + q(second)), "demonstrated");
    EXPECT_EQ(w.scalar("SELECT status FROM enrollments WHERE id = " + q(w.enrollment)), "earned");
    EXPECT_EQ(w.scalar("SELECT decided_by FROM decisions WHERE submission_id = " + q(second)), assessor2);
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM awards WHERE submission_id = " + q(second)), 1);
    { // credentials' award_submission sends "awarded"; assessment must not send a second one
        EXPECT_EQ(w.count("SELECT COUNT(*) FROM notifications WHERE kind = 'awarded' AND user_id = " + q(w.educator)), 1);
    }
    educator.cookies.erase("mc_lang"); // back to the account's language (English)
    auto page = educator.get("/submissions/" + second + "/result");
    EXPECT_TRUE(contains(page.body, "Demonstrated"));
    EXPECT_TRUE(contains(page.body, "Earlier attempts"));
    EXPECT_TRUE(contains(page.body, "/submissions/" + w.submission + "/result"));
}

TEST(Scoring, AFailedAwardRollsTheWholeDecisionBack) {
    TestApp t;
    World w(t, /*with_issuer=*/false); // no issuer: credentials cannot sign
    auto id = assign_to(w, w.submission, w.assessor_b);
    auto c = w.as(w.assessor_b);
    auto done = c.post("/assess/" + id + "/decision",
                       {{"outcome", "demonstrated"}, {"level_turns", "meets"}, {"level_plan_fit", "exceeds"}});
    EXPECT_EQ(done.status, 503) << done.body;
    EXPECT_TRUE(contains(done.body, "credential could not be issued"));
    EXPECT_TRUE(contains(done.body, "value=\"exceeds\" checked")); // the assessor's input is kept
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM decisions"), 0);
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM awards"), 0);
    EXPECT_EQ(w.scalar("SELECT status FROM submissions WHERE id = " + q(w.submission)), "in_review");
    EXPECT_EQ(w.scalar("SELECT status FROM enrollments WHERE id = " + q(w.enrollment)), "active");
    EXPECT_EQ(w.scalar("SELECT status FROM assignments WHERE id = " + q(id)), "assigned");
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM criterion_scores"), 0);
}

TEST(Scoring, ForgedCsrfOnScoresAndDecisionsChangesNothing) {
    TestApp t;
    World w(t);
    auto id = assign_to(w, w.submission, w.assessor_b);
    auto c = w.as(w.assessor_b);
    c.csrf = "not-the-session-token-not-the-session-token";
    EXPECT_EQ(c.post("/assess/" + id + "/scores", {{"level_turns", "meets"}}).status, 403);
    EXPECT_EQ(c.post("/assess/" + id + "/decision", {{"outcome", "not_yet"}}, false).status, 403);
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM criterion_scores"), 0);
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM decisions"), 0);
}

// Child privacy: once the retention period after the decision has passed the evidence files go,
// and the credential the decision awarded keeps verifying (it never depended on them).
TEST(Scoring, TheCredentialOutlivesTheEvidenceFiles) {
    TestApp t;
    World w(t);
    auto id = assign_to(w, w.submission, w.assessor_b);
    auto decided = w.as(w.assessor_b).post("/assess/" + id + "/decision",
                                           {{"level_turns", "meets"}, {"level_plan_fit", "exceeds"}, {"outcome", "demonstrated"}});
    ASSERT_EQ(decided.status, 303) << decided.body.substr(0, 400);
    auto award = w.scalar("SELECT id FROM awards WHERE submission_id = " + q(w.submission));
    ASSERT_FALSE(award.empty());
    long long now = static_cast<long long>(std::time(nullptr));
    auto swept = mc::evidence::sweep_retention(t.app(), now + 366 * 86400LL); // default: 365 days
    EXPECT_EQ(swept.files, 1);
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM evidence_files WHERE removed_reason = 'retention' AND submission_id = " +
                      q(w.submission)),
              1);
    auto page = t.client().get("/verify/" + award);
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "data-verdict=\"valid\""));
    // The educator's result page still shows the decision and feedback.
    EXPECT_EQ(w.as(w.educator).get("/submissions/" + w.submission + "/result").status, 200);
}
