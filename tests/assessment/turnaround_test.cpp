// Turnaround targets: due dates on the queues, the Overdue view, per-micro-credential overrides,
// and reminders sent exactly once, driven with a made-up clock.
#include <gtest/gtest.h>

#include "assessment/coaching/reminders.hpp"
#include "tests/assessment/world.hpp"

using mc::testing::TestApp;
using mc::testing::World;

namespace {

std::string q(const std::string& s) { return "'" + s + "'"; }
bool contains(const std::string& body, const std::string& s) { return body.find(s) != std::string::npos; }
constexpr long long kDay = 86400;

} // namespace

TEST(Turnaround, RemindersAreSentOnceAtThreeQuartersAndWhenOverdue) {
    TestApp t;
    World w(t);
    auto admin = w.as(w.admin);
    ASSERT_EQ(admin.post("/admin/queue/" + w.submission + "/assign", {{"assessor_id", w.assessor_b}}).status, 303);
    long long sent_at = w.count("SELECT submitted_at FROM submissions WHERE id = " + q(w.submission));
    auto& app = t.app();
    using mc::assessment::coaching::send_turnaround_reminders;
    // Default target 7 days: 75% is 5.25 days.
    EXPECT_EQ(send_turnaround_reminders(app, sent_at + 5 * kDay), 0);
    EXPECT_EQ(send_turnaround_reminders(app, sent_at + 5 * kDay + kDay / 4 + 1), 1);
    EXPECT_EQ(send_turnaround_reminders(app, sent_at + 6 * kDay), 0); // once
    EXPECT_EQ(send_turnaround_reminders(app, sent_at + 7 * kDay), 0); // due, not yet past it
    EXPECT_EQ(send_turnaround_reminders(app, sent_at + 7 * kDay + 1), 2); // assessor + admins
    EXPECT_EQ(send_turnaround_reminders(app, sent_at + 30 * kDay), 0);
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM turnaround_reminders"), 3);
    {
        EXPECT_EQ(w.count("SELECT COUNT(*) FROM notifications WHERE kind = 'turnaround_due_soon' AND user_id = " +
                          q(w.assessor_b)), 1);
        EXPECT_EQ(w.count("SELECT COUNT(*) FROM notifications WHERE kind = 'turnaround_overdue' AND user_id = " +
                          q(w.assessor_b)), 1);
        EXPECT_EQ(w.count("SELECT COUNT(*) FROM notifications WHERE kind = 'turnaround_admins_overdue' AND user_id = " +
                          q(w.admin)), 1);
    }
}

TEST(Turnaround, OverrideMovesTheDueDateForOneMicroCredential) {
    TestApp t;
    World w(t);
    auto admin = w.as(w.admin);
    ASSERT_EQ(admin.post("/admin/queue/" + w.submission + "/assign", {{"assessor_id", w.assessor_b}}).status, 303);
    long long sent_at = w.count("SELECT submitted_at FROM submissions WHERE id = " + q(w.submission));
    EXPECT_EQ(admin.post("/admin/turnaround/" + w.micro_credential, {{"days", "abc"}}).status, 422);
    ASSERT_EQ(admin.post("/admin/turnaround/" + w.micro_credential, {{"days", "20"}}).status, 303);
    using mc::assessment::coaching::send_turnaround_reminders;
    EXPECT_EQ(send_turnaround_reminders(t.app(), sent_at + 8 * kDay), 0); // 8 days: not even 75% of 20
    EXPECT_EQ(send_turnaround_reminders(t.app(), sent_at + 15 * kDay), 1);
}

TEST(Turnaround, QueuesShowDueDatesAndTheOverdueView) {
    TestApp t;
    World w(t); // its submission was sent three days ago
    auto admin = w.as(w.admin);
    auto fresh = w.add_submission(w.other_educator);
    {
        auto sql = t.app().db->lease();
        long long now = w.count("SELECT submitted_at FROM submissions WHERE id = " + q(w.submission)) + 3 * kDay;
        *sql << "UPDATE submissions SET submitted_at = :t WHERE id = :s", soci::use(now), soci::use(fresh);
    }
    EXPECT_EQ(admin.post("/admin/turnaround", {{"turnaround_days", "0"}, {"appeal_window_days", "30"}}).status, 422);
    ASSERT_EQ(admin.post("/admin/turnaround", {{"turnaround_days", "2"}, {"appeal_window_days", "30"}}).status, 303);
    auto all = admin.get("/admin/queue");
    EXPECT_TRUE(contains(all.body, "/admin/queue/" + w.submission + "/assign"));
    EXPECT_TRUE(contains(all.body, "/admin/queue/" + fresh + "/assign"));
    EXPECT_TRUE(contains(all.body, "mc-overdue"));
    auto overdue = admin.get("/admin/queue?view=overdue");
    EXPECT_TRUE(contains(overdue.body, "/admin/queue/" + w.submission + "/assign"));
    EXPECT_FALSE(contains(overdue.body, "/admin/queue/" + fresh + "/assign"));
    EXPECT_EQ(w.as(w.assessor_b).post("/admin/turnaround", {{"turnaround_days", "9"}}).status, 403);

    // The assessor's own list: due dates, the overdue one first.
    ASSERT_EQ(admin.post("/admin/queue/" + fresh + "/assign", {{"assessor_id", w.assessor_c}}).status, 303);
    ASSERT_EQ(admin.post("/admin/queue/" + w.submission + "/assign", {{"assessor_id", w.assessor_c}}).status, 303);
    auto mine = w.as(w.assessor_c).get("/assess").body;
    auto late = w.scalar("SELECT id FROM assignments WHERE submission_id = " + q(w.submission));
    auto on_time = w.scalar("SELECT id FROM assignments WHERE submission_id = " + q(fresh));
    ASSERT_NE(mine.find("/assess/" + late), std::string::npos);
    EXPECT_LT(mine.find("/assess/" + late), mine.find("/assess/" + on_time));
    EXPECT_TRUE(contains(mine, "Overdue"));
}

TEST(Turnaround, ApiSetsOverridesAndAssignmentsCarryTheirDueDate) {
    TestApp t;
    World w(t);
    auto admin = w.as(w.admin);
    ASSERT_EQ(admin.post("/admin/queue/" + w.submission + "/assign", {{"assessor_id", w.assessor_b}}).status, 303);
    long long sent_at = w.count("SELECT submitted_at FROM submissions WHERE id = " + q(w.submission));
    auto c = w.as(w.assessor_b);
    auto list = nlohmann::json::parse(mc::testing::api(c, "GET", "/api/v1/assignments").body);
    ASSERT_EQ(list["items"].size(), 1u);
    EXPECT_EQ(list["items"][0]["due_at"], sent_at + 7 * kDay);
    EXPECT_EQ(list["items"][0]["overdue"], false);
    EXPECT_EQ(mc::testing::api(admin, "PUT", "/api/v1/turnaround", {{"overrides", {{"no-such-id", 5}}}}).status, 422);
    EXPECT_EQ(mc::testing::api(admin, "PUT", "/api/v1/turnaround", {{"overrides", {{w.micro_credential, 2}}}}).status, 200);
    list = nlohmann::json::parse(mc::testing::api(c, "GET", "/api/v1/assignments").body);
    EXPECT_EQ(list["items"][0]["due_at"], sent_at + 2 * kDay);
    EXPECT_EQ(list["items"][0]["overdue"], true); // sent three days ago
    auto got = nlohmann::json::parse(mc::testing::api(admin, "GET", "/api/v1/turnaround").body);
    EXPECT_EQ(got["overrides"][w.micro_credential], 2);
    EXPECT_EQ(mc::testing::api(admin, "PUT", "/api/v1/turnaround", {{"overrides", {{w.micro_credential, nullptr}}}}).status, 200);
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM turnaround_overrides"), 0);
}
