// The completeness screen: the assigned assessor returns evidence before scoring; it is not a
// decision and not an attempt, the educator sees why, and sending it again puts it back in the queue.
#include <chrono>

#include <gtest/gtest.h>

#include "assessment/assigner.hpp"
#include "tests/assessment/world.hpp"

using mc::testing::TestApp;
using mc::testing::World;

namespace {

std::string q(const std::string& s) { return "'" + s + "'"; }
bool contains(const std::string& body, const std::string& s) { return body.find(s) != std::string::npos; }

std::string assign_to(World& w, const std::string& assessor) {
    auto admin = w.as(w.admin);
    EXPECT_EQ(admin.post("/admin/queue/" + w.submission + "/assign", {{"assessor_id", assessor}}).status, 303);
    return w.scalar("SELECT id FROM assignments WHERE submission_id = " + q(w.submission) + " AND status = 'assigned'");
}

} // namespace

TEST(Completeness, ReturnIsNotAnAttemptAndResubmittingRequeues) {
    TestApp t;
    World w(t);
    auto id = assign_to(w, w.assessor_b);
    auto c = w.as(w.assessor_b);
    EXPECT_TRUE(contains(c.get("/assess/" + id).body, "/assess/" + id + "/incomplete"));
    EXPECT_EQ(c.get("/assess/" + id + "/incomplete").status, 200);
    // Someone else's assignment: nothing to see.
    EXPECT_EQ(w.as(w.assessor_c).post("/assess/" + id + "/incomplete", {{"problem_video", "unplayable"}}).status, 404);
    // No part chosen, or a made-up problem: refused, nothing changes.
    EXPECT_EQ(c.post("/assess/" + id + "/incomplete", {{"note", "?"}}).status, 422);
    EXPECT_EQ(c.post("/assess/" + id + "/incomplete", {{"problem_video", "blurry"}}).status, 422);
    EXPECT_EQ(w.scalar("SELECT status FROM submissions WHERE id = " + q(w.submission)), "in_review");

    auto started = std::chrono::steady_clock::now();
    auto res = c.post("/assess/" + id + "/incomplete",
                      {{"problem_video", "unplayable"}, {"problem_plan", ""}, {"note", "The video stops at 0:03."}});
    auto took = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    ASSERT_EQ(res.status, 303);
    // One request, measured here rather than asserted (timings belong in bench/).
    std::printf("completeness return: one request, %.1f ms\n", took);
    EXPECT_EQ(w.scalar("SELECT status FROM submissions WHERE id = " + q(w.submission)), "draft");
    EXPECT_EQ(w.scalar("SELECT attempt FROM submissions WHERE id = " + q(w.submission)), "1");
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM submissions WHERE enrollment_id = " + q(w.enrollment)), 1);
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM decisions"), 0);
    EXPECT_EQ(w.scalar("SELECT status FROM assignments WHERE id = " + q(id)), "released");
    EXPECT_EQ(w.scalar("SELECT kind FROM assignments WHERE id = " + q(id)), "completeness");
    EXPECT_EQ(c.post("/assess/" + id + "/incomplete", {{"problem_video", "missing"}}).status, 409); // already ended
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM notifications WHERE kind = 'completeness_returned' AND user_id = " +
                          q(w.educator)), 1);

    auto educator = w.as(w.educator);
    auto page = educator.get("/submissions/" + w.submission);
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "Will not play or open"));
    EXPECT_TRUE(contains(page.body, "The video stops at 0:03."));

    // The educator sends it again: same attempt, back in the queue, and the auto-assigner picks it up.
    auto sent = educator.post("/submissions/" + w.submission + "/submit", {{"evidence_language", "es"}, {"consent", "1"}});
    EXPECT_EQ(sent.status, 303) << sent.body;
    EXPECT_EQ(w.scalar("SELECT status FROM submissions WHERE id = " + q(w.submission)), "submitted");
    EXPECT_FALSE(contains(educator.get("/submissions/" + w.submission).body, "Will not play or open"));
    EXPECT_EQ(mc::assessment::auto_assign(t.app()), 1);
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM assignments WHERE status = 'assigned' AND submission_id = " + q(w.submission)), 1);
    EXPECT_EQ(w.scalar("SELECT attempt FROM submissions WHERE id = " + q(w.submission)), "1");
}

TEST(Completeness, RefusedOnceScoresAreFinal) {
    TestApp t;
    World w(t);
    auto id = assign_to(w, w.assessor_b);
    auto c = w.as(w.assessor_b);
    ASSERT_EQ(c.post("/assess/" + id + "/decision", {{"outcome", "demonstrated"}, {"level_turns", "meets"},
                                                     {"level_plan_fit", "meets"}}).status, 303);
    EXPECT_EQ(c.post("/assess/" + id + "/incomplete", {{"problem_video", "missing"}}).status, 409);
    auto api = mc::testing::api(c, "POST", "/api/v1/assignments/" + id + "/incomplete",
                                {{"problems", {{{"part_id", "video"}, {"problem", "missing"}}}}});
    EXPECT_EQ(api.status, 409);
    EXPECT_EQ(w.scalar("SELECT status FROM submissions WHERE id = " + q(w.submission)), "demonstrated");
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM completeness_returns"), 0);
}

TEST(Completeness, ApiReturnsIncomplete) {
    TestApp t;
    World w(t);
    auto id = assign_to(w, w.assessor_b);
    auto c = w.as(w.assessor_b);
    auto bad = mc::testing::api(c, "POST", "/api/v1/assignments/" + id + "/incomplete", {{"problems", nlohmann::json::array()}});
    EXPECT_EQ(bad.status, 422);
    auto ok = mc::testing::api(c, "POST", "/api/v1/assignments/" + id + "/incomplete",
                               {{"problems", {{{"part_id", "plan"}, {"problem", "wrong_content"}}}}, {"note", "Another plan."}});
    EXPECT_EQ(ok.status, 200) << ok.body;
    EXPECT_EQ(w.scalar("SELECT status FROM submissions WHERE id = " + q(w.submission)), "draft");
}
