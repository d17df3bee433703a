// The queue and the assigner: conflicts of interest, load balancing, reassign and release.
#include <gtest/gtest.h>

#include "accounts/roles.hpp"
#include "assessment/assigner.hpp"
#include "tests/assessment/world.hpp"

using mc::testing::TestApp;
using mc::testing::World;

namespace {
std::string q(const std::string& s) { return "'" + s + "'"; }
} // namespace

TEST(Assigner, NeverPicksTheEducatorNorSomeoneAtTheSameEmployer) {
    TestApp t;
    World w(t);
    // Make the eligible assessors busier than the conflicted ones: load must not win over conflicts.
    auto admin = w.as(w.admin);
    for (const auto& a : {w.assessor_b, w.assessor_c}) {
        auto s = w.add_submission(w.add_user("Filler", mc::accounts::educator, ""));
        ASSERT_EQ(admin.post("/admin/queue/" + s + "/assign", {{"assessor_id", a}}).status, 303);
    }
    EXPECT_EQ(mc::assessment::auto_assign(t.app()), 1);
    auto chosen = w.scalar("SELECT assessor_id FROM assignments WHERE submission_id = " + q(w.submission));
    EXPECT_TRUE(chosen == w.assessor_b || chosen == w.assessor_c) << chosen;
    EXPECT_EQ(w.scalar("SELECT status FROM submissions WHERE id = " + q(w.submission)), "in_review");
    EXPECT_EQ(w.scalar("SELECT assigned_by FROM assignments WHERE submission_id = " + q(w.submission)), "");
}

TEST(Assigner, LeavesASubmissionWaitingWhenOnlyConflictedAssessorsExist) {
    TestApp t;
    World w(t);
    {
        auto sql = t.app().db->lease();
        *sql << "UPDATE users SET disabled = 1 WHERE id IN (:b, :c)", soci::use(w.assessor_b), soci::use(w.assessor_c);
    }
    EXPECT_EQ(mc::assessment::auto_assign(t.app()), 0);
    EXPECT_EQ(w.scalar("SELECT status FROM submissions WHERE id = " + q(w.submission)), "submitted");
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM assignments"), 0);
}

TEST(Assigner, BalancesOpenAssignmentsAcrossEligibleAssessors) {
    TestApp t;
    World w(t);
    // 6 waiting in all, all from employer A (one enrollment per educator and micro-credential)
    for (int i = 0; i < 5; ++i) w.add_submission(w.add_user("Teacher", mc::accounts::educator, w.employer_a));
    EXPECT_EQ(mc::assessment::auto_assign(t.app()), 6);
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM assignments WHERE assessor_id = " + q(w.assessor_b)), 3);
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM assignments WHERE assessor_id = " + q(w.assessor_c)), 3);
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM assignments WHERE assessor_id IN (" + q(w.educator) + "," + q(w.colleague) + ")"), 0);
    EXPECT_EQ(mc::assessment::auto_assign(t.app()), 0); // nothing left waiting
}

TEST(QueuePage, AdminsSeeTheQueueWithOnlyEligibleAssessorsOffered) {
    TestApp t;
    World w(t);
    auto admin = w.as(w.admin);
    auto page = admin.get("/admin/queue");
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("Responsive back-and-forth talk"), std::string::npos);
    EXPECT_NE(page.body.find("Beto Assessor"), std::string::npos);
    EXPECT_NE(page.body.find("Spanish"), std::string::npos); // the evidence language
    EXPECT_EQ(page.body.find("Carla Colleague"), std::string::npos);
    EXPECT_EQ(page.body.find("value=\"" + w.educator + "\""), std::string::npos);
    EXPECT_EQ(w.as(w.assessor_b).get("/admin/queue").status, 403);
    EXPECT_EQ(w.as(w.educator).get("/admin/queue").status, 403);
}

TEST(QueuePage, ManualAssignRefusesConflictsAndNotifiesTheAssessor) {
    TestApp t;
    World w(t);
    auto admin = w.as(w.admin);
    auto refused = admin.post("/admin/queue/" + w.submission + "/assign", {{"assessor_id", w.colleague}});
    EXPECT_EQ(refused.status, 409);
    EXPECT_NE(refused.body.find("same employer"), std::string::npos) << refused.body;
    EXPECT_EQ(admin.post("/admin/queue/" + w.submission + "/assign", {{"assessor_id", w.educator}}).status, 409);
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM assignments"), 0);
    EXPECT_EQ(w.scalar("SELECT status FROM submissions WHERE id = " + q(w.submission)), "submitted");

    auto ok = admin.post("/admin/queue/" + w.submission + "/assign", {{"assessor_id", w.assessor_b}});
    EXPECT_EQ(ok.status, 303);
    EXPECT_EQ(w.scalar("SELECT assigned_by FROM assignments WHERE submission_id = " + q(w.submission)), w.admin);
    EXPECT_EQ(w.scalar("SELECT status FROM submissions WHERE id = " + q(w.submission)), "in_review");
    {
        auto id = w.scalar("SELECT id FROM assignments WHERE submission_id = " + q(w.submission));
        EXPECT_EQ(w.count("SELECT COUNT(*) FROM notifications WHERE kind = 'assigned' AND user_id = " + q(w.assessor_b) +
                          " AND link = " + q("/assess/" + id)), 1);
    }
}

TEST(QueuePage, ReassignAndReleaseMoveTheSubmissionBetweenAssessorsAndTheQueue) {
    TestApp t;
    World w(t);
    auto admin = w.as(w.admin);
    ASSERT_EQ(admin.post("/admin/queue/" + w.submission + "/assign", {{"assessor_id", w.assessor_b}}).status, 303);
    auto first = w.scalar("SELECT id FROM assignments WHERE submission_id = " + q(w.submission));
    ASSERT_EQ(admin.post("/admin/queue/" + w.submission + "/assign", {{"assessor_id", w.assessor_c}}).status, 303);
    EXPECT_EQ(w.scalar("SELECT status FROM assignments WHERE id = " + q(first)), "released");
    EXPECT_EQ(w.as(w.assessor_b).get("/assess/" + first).status, 404); // released: no longer theirs
    auto second = w.scalar("SELECT id FROM assignments WHERE submission_id = " + q(w.submission) + " AND status = 'assigned'");
    EXPECT_EQ(w.scalar("SELECT assessor_id FROM assignments WHERE id = " + q(second)), w.assessor_c);

    EXPECT_EQ(admin.post("/admin/queue/assignments/" + second + "/release", {}).status, 303);
    EXPECT_EQ(w.scalar("SELECT status FROM submissions WHERE id = " + q(w.submission)), "submitted");
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM assignments WHERE status = 'assigned'"), 0);
    EXPECT_EQ(admin.post("/admin/queue/assignments/" + second + "/release", {}).status, 409);

    auto res = admin.post("/admin/queue/auto-assign", {});
    EXPECT_EQ(res.status, 303);
    EXPECT_EQ(res.header_value("Location"), "/admin/queue?done=auto&count=1");
    EXPECT_NE(admin.get(res.header_value("Location")).body.find("1 submissions assigned"), std::string::npos);
}

TEST(QueuePage, ForgedCsrfIsRefusedAndChangesNothing) {
    TestApp t;
    World w(t);
    auto admin = w.as(w.admin);
    admin.csrf = "forged-token-forged-token-forged-token";
    EXPECT_EQ(admin.post("/admin/queue/" + w.submission + "/assign", {{"assessor_id", w.assessor_b}}).status, 403);
    EXPECT_EQ(admin.post("/admin/queue/auto-assign", {}, false).status, 403);
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM assignments"), 0);
}
