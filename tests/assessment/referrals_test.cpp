// Coach referral: made at exactly the Nth "Not yet" on one enrollment (completeness returns do
// not count), to a coach outside the educator's employer; coaches see only their referrals and
// only feedback, never evidence; sessions are logged and the referral closed.
#include <gtest/gtest.h>

#include "accounts/roles.hpp"
#include "tests/assessment/world.hpp"

using mc::testing::TestApp;
using mc::testing::World;

namespace {

std::string q(const std::string& s) { return "'" + s + "'"; }
bool contains(const std::string& body, const std::string& s) { return body.find(s) != std::string::npos; }

std::string assign(World& w, const std::string& submission, const std::string& assessor) {
    auto admin = w.as(w.admin);
    EXPECT_EQ(admin.post("/admin/queue/" + submission + "/assign", {{"assessor_id", assessor}}).status, 303);
    return w.scalar("SELECT id FROM assignments WHERE submission_id = " + q(submission) + " AND status = 'assigned'");
}

// assessor_c has no employer: no conflict with any educator of the world.
void not_yet(World& w, const std::string& submission) {
    auto id = assign(w, submission, w.assessor_c);
    auto res = w.as(w.assessor_c).post("/assess/" + id + "/decision",
                                       {{"outcome", "not_yet"}, {"level_turns", "emerging"},
                                        {"feedback_turns", "Pause so the child can answer."}, {"level_plan_fit", "meets"}});
    ASSERT_EQ(res.status, 303);
}

long long referrals(World& w) { return w.count("SELECT COUNT(*) FROM coach_referrals"); }

} // namespace

TEST(Referrals, AtExactlyTheThirdNotYetToACoachOutsideTheEmployer) {
    TestApp t;
    World w(t);
    auto coach_same_employer = w.add_user("Celia Coach", mc::accounts::coach, w.employer_a);
    auto coach = w.add_user("Beatriz Coach", mc::accounts::coach, w.employer_b);
    not_yet(w, w.submission);
    EXPECT_EQ(referrals(w), 0);
    auto second = w.resubmit(w.submission);
    not_yet(w, second);
    EXPECT_EQ(referrals(w), 0);
    // A completeness return on the third attempt is not a "Not yet": still no referral.
    auto third = w.resubmit(second);
    auto a = assign(w, third, w.assessor_c);
    ASSERT_EQ(w.as(w.assessor_c).post("/assess/" + a + "/incomplete", {{"problem_video", "unplayable"}}).status, 303);
    EXPECT_EQ(referrals(w), 0);
    {
        auto sql = t.app().db->lease();
        *sql << "UPDATE submissions SET status = 'submitted' WHERE id = :s", soci::use(third);
    }
    not_yet(w, third);
    ASSERT_EQ(referrals(w), 1);
    EXPECT_EQ(w.scalar("SELECT coach_id FROM coach_referrals"), coach);
    EXPECT_EQ(w.scalar("SELECT educator_id FROM coach_referrals"), w.educator);
    EXPECT_EQ(w.count("SELECT not_yet_count FROM coach_referrals"), 3);
    {
        EXPECT_EQ(w.count("SELECT COUNT(*) FROM notifications WHERE kind = 'coach_referred_educator' AND user_id = " +
                          q(w.educator)), 1);
        EXPECT_EQ(w.count("SELECT COUNT(*) FROM notifications WHERE kind = 'coach_referred_coach' AND user_id = " + q(coach)), 1);
    }
    // The educator sees who their coach is.
    EXPECT_TRUE(contains(w.as(w.educator).get("/submissions/" + third + "/result").body, "Beatriz Coach"));
    // A fourth "Not yet" does not refer again.
    not_yet(w, w.resubmit(third));
    EXPECT_EQ(referrals(w), 1);
    (void)coach_same_employer;
}

TEST(Referrals, CoachesSeeOnlyTheirReferralsAndOnlyFeedback) {
    TestApp t;
    World w(t);
    auto coach = w.add_user("Beatriz Coach", mc::accounts::coach, w.employer_b);
    auto other_coach = w.add_user("Olga Coach", mc::accounts::coach, "");
    {
        auto admin = w.as(w.admin);
        ASSERT_EQ(mc::testing::api(admin, "PUT", "/api/v1/turnaround", {{"coach_referral_after", 1}}).status, 200);
    }
    // Otto works where Beatriz does, so his referral goes to Olga; then Beatriz has the fewest open
    // referrals and gets Ana's.
    not_yet(w, w.add_submission(w.other_educator));
    EXPECT_EQ(w.scalar("SELECT coach_id FROM coach_referrals WHERE educator_id = " + q(w.other_educator)), other_coach);
    not_yet(w, w.submission);
    auto id = w.scalar("SELECT id FROM coach_referrals WHERE educator_id = " + q(w.educator));
    ASSERT_FALSE(id.empty());
    auto holder = w.scalar("SELECT coach_id FROM coach_referrals WHERE id = " + q(id));
    EXPECT_EQ(holder, coach);
    auto stranger = other_coach;

    auto mine = w.as(holder);
    EXPECT_TRUE(contains(mine.get("/coaching").body, "/coaching/" + id));
    auto page = mine.get("/coaching/" + id);
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "Pause so the child can answer."));
    EXPECT_FALSE(contains(page.body, "/evidence/files/"));        // never the files
    EXPECT_FALSE(contains(page.body, "Leeremos un cuento"));      // nor the written evidence
    auto theirs = w.as(stranger);
    EXPECT_FALSE(contains(theirs.get("/coaching").body, "/coaching/" + id));
    EXPECT_EQ(theirs.get("/coaching/" + id).status, 404);
    EXPECT_EQ(theirs.post("/coaching/" + id + "/sessions", {{"held_on", "2026-01-05"}, {"minutes", "30"}, {"mode", "phone"}}).status, 404);
    EXPECT_EQ(mc::testing::api(theirs, "GET", "/api/v1/coaching/referrals/" + id).status, 404);
    EXPECT_EQ(w.as(w.other_educator).get("/coaching/" + id).status, 403);
    EXPECT_EQ(w.as(w.admin).get("/coaching/" + id).status, 200);
    EXPECT_TRUE(contains(w.as(w.admin).get("/admin/coaching").body, "/coaching/" + id));

    // Logging a session: bad fields change nothing; a good one is listed for the coach and admins.
    EXPECT_EQ(mine.post("/coaching/" + id + "/sessions", {{"held_on", "2026-02-30"}, {"minutes", "0"}, {"mode", "fax"}}).status, 422);
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM coaching_sessions"), 0);
    ASSERT_EQ(mine.post("/coaching/" + id + "/sessions", {{"held_on", "2026-01-05"}, {"minutes", "45"}, {"mode", "video"},
                                                          {"focus", "turns"}, {"notes", "Practised waiting five seconds."}}).status, 303);
    EXPECT_TRUE(contains(mine.get("/coaching/" + id).body, "Practised waiting five seconds."));
    EXPECT_TRUE(contains(w.as(w.admin).get("/coaching/" + id).body, "Practised waiting five seconds."));
    auto api = mc::testing::api(mine, "POST", "/api/v1/coaching/referrals/" + id + "/sessions",
                                {{"held_on", "2026-01-12"}, {"minutes", 30}, {"mode", "phone"}, {"focus", {"plan_fit"}}});
    EXPECT_EQ(api.status, 201) << api.body;
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM coaching_sessions"), 2);
    ASSERT_EQ(mine.post("/coaching/" + id + "/close", {}).status, 303);
    EXPECT_EQ(w.scalar("SELECT status FROM coach_referrals WHERE id = " + q(id)), "closed");
    EXPECT_EQ(mine.post("/coaching/" + id + "/sessions", {{"held_on", "2026-01-19"}, {"minutes", "30"}, {"mode", "phone"}}).status, 409);
}
