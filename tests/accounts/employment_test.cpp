// Who works where: the employment rows pathways, incentives, registry exchange and reports read.
#include <gtest/gtest.h>

#include "accounts/employment_store.hpp"
#include "accounts/roles.hpp"
#include "accounts/user_store.hpp"
#include "platform/db/database.hpp"
#include "tests/accounts/helpers.hpp"

using namespace mc;
using namespace mc::testing;

namespace {

struct Employment : ::testing::Test {
    TestApp t{true, false};
    std::string educator = make_user(t, "lead@example.org", accounts::educator);
    std::string director = make_user(t, "director@example.org", accounts::director);
    std::string program;
    void SetUp() override {
        auto sql = t.app().db->lease();
        program = accounts::ensure_organization(*sql, "Bright Futures Center", "employer");
    }
    accounts::Employment job(std::string started = "2024-01-15") {
        accounts::Employment e;
        e.educator_id = educator;
        e.org_id = program;
        e.job_role = "lead_teacher";
        e.started_on = started;
        e.hours_per_week = 38;
        e.hourly_wage_cents = 1890;
        e.source = "self";
        return e;
    }
};

TEST_F(Employment, AddedJobIsCurrentAndUnconfirmedUntilTheDirectorConfirms) {
    auto sql = t.app().db->lease();
    auto id = accounts::add_employment(*sql, job());
    ASSERT_TRUE(id) << id.error().detail;
    auto current = accounts::current_employment(*sql, educator);
    ASSERT_TRUE(current);
    EXPECT_EQ(current->id, *id);
    EXPECT_FALSE(current->confirmed());
    EXPECT_EQ(current->hourly_wage_cents, 1890);

    ASSERT_TRUE(accounts::confirm_employment(*sql, *id, director, 40, 1900));
    auto confirmed = accounts::find_employment(*sql, *id);
    ASSERT_TRUE(confirmed);
    EXPECT_TRUE(confirmed->confirmed());
    EXPECT_EQ(confirmed->confirmed_by, director);
    EXPECT_EQ(confirmed->hours_per_week, 40);
    EXPECT_EQ(confirmed->hourly_wage_cents, 1900);
    EXPECT_GT(confirmed->confirmed_at, 0);

    auto staff = accounts::staff_of(*sql, program);
    ASSERT_EQ(staff.size(), 1u);
    EXPECT_EQ(staff[0].educator_id, educator);
}

TEST_F(Employment, EndedJobLeavesTheStaffListButStaysInTheHistory) {
    auto sql = t.app().db->lease();
    auto first = accounts::add_employment(*sql, job("2020-03-02"));
    ASSERT_TRUE(first);
    ASSERT_TRUE(accounts::end_employment(*sql, *first, "2023-12-31"));
    EXPECT_TRUE(accounts::staff_of(*sql, program).empty());
    EXPECT_FALSE(accounts::current_employment(*sql, educator));
    auto history = accounts::employments_of(*sql, educator);
    ASSERT_EQ(history.size(), 1u);
    EXPECT_EQ(history[0].ended_on, "2023-12-31");
    // Ending before it started is refused, naming the field.
    auto second = accounts::add_employment(*sql, job("2024-02-01"));
    ASSERT_TRUE(second);
    auto bad = accounts::end_employment(*sql, *second, "2024-01-01");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().key, "accounts.employment.errors.ended_on");
}

TEST_F(Employment, RefusesUnknownRolesImpossibleDatesAndOutOfRangeNumbers) {
    auto sql = t.app().db->lease();
    auto j = job();
    j.job_role = "astronaut";
    EXPECT_EQ(accounts::add_employment(*sql, j).error().key, "accounts.employment.errors.job_role");
    j = job("2024-02-30");
    EXPECT_EQ(accounts::add_employment(*sql, j).error().key, "accounts.employment.errors.started_on");
    j = job();
    j.hours_per_week = 120;
    EXPECT_EQ(accounts::add_employment(*sql, j).error().key, "accounts.employment.errors.hours_per_week");
    j = job();
    j.hourly_wage_cents = -5;
    EXPECT_EQ(accounts::add_employment(*sql, j).error().key, "accounts.employment.errors.hourly_wage");
    EXPECT_EQ(accounts::confirm_employment(*sql, "no-such-id", director, 40, 1900).error().code, Errc::not_found);
    EXPECT_TRUE(accounts::employments_of(*sql, educator).empty());
}

TEST_F(Employment, ChangedSinceListsRowsInUpdateOrder) {
    auto sql = t.app().db->lease();
    ASSERT_TRUE(accounts::add_employment(*sql, job()));
    EXPECT_EQ(accounts::employments_changed_since(*sql, 0, 10).size(), 1u);
    EXPECT_TRUE(accounts::employments_changed_since(*sql, accounts::now_seconds() + 3600, 10).empty());
}

TEST_F(Employment, ProgramFactsRoundTrip) {
    auto sql = t.app().db->lease();
    accounts::set_program_facts(*sql, program, {"center", "Potter", "CC-1"});
    auto f = accounts::program_facts(*sql, program);
    EXPECT_EQ(f.setting_type, "center");
    EXPECT_EQ(f.county, "Potter");
    EXPECT_EQ(f.license_number, "CC-1");
}

TEST(EmploymentDemo, SeedGivesTheDirectorAConfirmedLeadTeacher) {
    TestApp t{true, true};
    auto sql = t.app().db->lease();
    auto director = accounts::find_user_by_email(*sql, "director@demo.microcred.test");
    ASSERT_TRUE(director);
    EXPECT_TRUE(director->roles & accounts::director);
    auto staff = accounts::staff_of(*sql, director->employer_org_id);
    ASSERT_EQ(staff.size(), 1u);
    EXPECT_EQ(staff[0].job_role, "lead_teacher");
    EXPECT_EQ(staff[0].confirmed_by, director->id);
    EXPECT_EQ(accounts::program_facts(*sql, director->employer_org_id).setting_type, "center");
}

TEST(DashboardCards, ADomainsCardShowsOnTheDashboard) {
    TestApp t{true, false};
    make_user(t, "card@example.org", accounts::educator);
    t.app().dashboard_cards.push_back([](const http::Request& req) {
        app::DashboardCard card;
        card.heading = "Early Childhood Educator credential";
        card.text = "Next: Family engagement";
        card.progress_done = 5;
        card.progress_total = 8;
        card.progress_label = "5 of 8 areas";
        card.links.push_back({"/pathways/x", "See progress"});
        return std::vector<app::DashboardCard>{card};
    });
    auto c = t.client();
    c.sign_in("card@example.org", good_password);
    auto page = c.get("/dashboard");
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "Early Childhood Educator credential"));
    EXPECT_TRUE(contains(page.body, "<progress max=\"8\" value=\"5\""));
    EXPECT_TRUE(contains(page.body, "href=\"/pathways/x\""));
}

} // namespace
