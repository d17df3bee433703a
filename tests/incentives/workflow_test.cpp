// The incentive workflow on the real database (SQLite, and PostgreSQL when MICROCRED_TEST_PG is
// set), on the demo: Lucía (lead teacher at Little Oaks, 40 h at $17.25) holds all eight demo
// micro-credentials (registry level 8: $2,000.00 a year of wage supplement in two installments;
// reward level F: $1,500.00 once for fiscal year 2027). She applies, her director confirms her
// job and hours, agency staff approve within the budget and the payment lines export once.
#include <atomic>
#include <thread>

#include <gtest/gtest.h>

#include "accounts/employment_store.hpp"
#include "accounts/user_store.hpp"
#include "credentials/web/bulk_issue.hpp"
#include "incentives/workflow.hpp"
#include "platform/db/database.hpp"
#include "platform/unwrap.hpp"
#include "tests/support/test_app.hpp"

using mc::testing::TestApp;
using nlohmann::json;
namespace inc = mc::incentives;

namespace {

const char* kLucia = "educadora@demo.microcred.test";
const char* kDay = "2026-12-06";
const long long kNow = 1796553600; // 2026-12-06 12:00 UTC

std::string user_id(TestApp& t, const std::string& email) {
    auto sql = t.app().db->lease();
    auto u = mc::accounts::find_user_by_email(*sql, email);
    if (!u) throw std::runtime_error("no demo user " + email);
    return u->id;
}

// Lucía with all eight demo micro-credentials.
struct World {
    TestApp t{true, true};
    std::string lucia, director, staff;
    World() {
        const char* slugs[] = {"scaffolding-play-across-development", "learning-center-redesign",
                               "observation-to-individualized-plan",  "family-conference-portfolio",
                               "handwashing-and-safe-sleep-routines", "responsive-serve-and-return",
                               "pdsa-quality-improvement-cycle",      "reflective-growth-plan"};
        for (const char* slug : slugs) {
            mc::credentials::RecipientList list;
            list.rows.push_back({1, "Demo", kLucia, "", std::nullopt});
            mc::credentials::BulkIssueOptions options;
            options.achievement = slug;
            options.notify = false;
            options.threads = 1;
            if (!mc::credentials::bulk_issue(t.app(), list, options)) throw std::runtime_error("bulk issue failed");
        }
        lucia = user_id(t, kLucia);
        director = user_id(t, "director@demo.microcred.test");
        staff = user_id(t, "agency.admin@demo.microcred.test");
    }
    void set_budget(const std::string& slug, long long cents) {
        auto sql = t.app().db->lease();
        auto doc = inc::rule_set_to_json(inc::find_rule_set(*sql, slug)->rules);
        doc["budget_cents"] = cents;
        mc::unwrap(inc::save_rule_set(*sql, doc, staff, kNow));
    }
};

template <class F>
auto in_tx(TestApp& t, F f) {
    auto sql = t.app().db->lease();
    mc::db::WriteTx tx(*sql);
    auto out = f(*sql);
    if (out) tx.commit();
    return out;
}

} // namespace

TEST(IncentivesWorkflow, ApplyConfirmApproveAndExportEachLineOnceWithTheAuditTrail) {
    World w;
    auto& t = w.t;
    auto id = mc::unwrap(in_tx(t, [&](soci::session& sql) { return inc::apply(sql, w.lucia, "wage-supplement", kDay, kNow); }));
    auto again = in_tx(t, [&](soci::session& sql) { return inc::apply(sql, w.lucia, "wage-supplement", kDay, kNow + 5); });
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().key, "incentives.errors.already_applied");
    {
        auto sql = t.app().db->lease();
        auto a = inc::find_application(*sql, id);
        ASSERT_TRUE(a);
        EXPECT_EQ(a->status, "submitted");
        EXPECT_EQ(a->amount_cents, 200000);
        EXPECT_EQ(a->fiscal_year, 2027);
        auto es = inc::reasons_in(t.app().catalog, a->estimate, "es");
        ASSERT_FALSE(es.empty());
        EXPECT_NE(es.back()["text"].get<std::string>().find("Reúne los requisitos"), std::string::npos) << es.dump();
        auto en = inc::reasons_in(t.app().catalog, a->estimate, "en");
        EXPECT_EQ(en.back()["text"], "You are eligible for $2,000.00.");
    }
    // Approval needs the director's confirmation first.
    auto early = in_tx(t, [&](soci::session& sql) { return inc::decide(sql, w.staff, id, true, "", kNow + 10); });
    ASSERT_FALSE(early);
    EXPECT_EQ(early.error().key, "incentives.errors.not_confirmed");
    // Only the director of her program may confirm (anyone else does not learn it exists).
    auto stranger = in_tx(t, [&](soci::session& sql) { return inc::confirm(sql, w.staff, id, 40, 1725, kNow + 20); });
    ASSERT_FALSE(stranger);
    EXPECT_EQ(stranger.error().code, mc::Errc::not_found);
    // Her director corrects the hours to 28 a week: prorated 2,000.00 x 28 / 35 = 1,600.00.
    mc::unwrap(in_tx(t, [&](soci::session& sql) { return inc::confirm(sql, w.director, id, 28, 1725, kNow + 30); }));
    {
        auto sql = t.app().db->lease();
        auto a = inc::find_application(*sql, id);
        EXPECT_EQ(a->status, "confirmed");
        EXPECT_EQ(a->amount_cents, 160000);
        auto job = mc::accounts::current_employment(*sql, w.lucia);
        EXPECT_EQ(job->hours_per_week, 28);
        EXPECT_EQ(job->confirmed_by, w.director);
    }
    EXPECT_FALSE(in_tx(t, [&](soci::session& sql) { return inc::confirm(sql, w.director, id, 28, 1725, kNow + 31); }));

    mc::unwrap(in_tx(t, [&](soci::session& sql) { return inc::decide(sql, w.staff, id, true, "ok", kNow + 40); }));
    auto twice = in_tx(t, [&](soci::session& sql) { return inc::decide(sql, w.staff, id, true, "", kNow + 41); });
    ASSERT_FALSE(twice);
    EXPECT_EQ(twice.error().code, mc::Errc::conflict);
    {
        auto sql = t.app().db->lease();
        auto lines = inc::lines_of(*sql, id);
        ASSERT_EQ(lines.size(), 2u);
        EXPECT_EQ(lines[0].amount_cents + lines[1].amount_cents, 160000);
        EXPECT_EQ(lines[0].installment, 1);
        EXPECT_EQ(lines[1].installment, 2);
        // The store itself refuses a second approval: no line is written twice.
        auto a = *inc::find_application(*sql, id);
        a.status = "confirmed";
        EXPECT_FALSE(inc::mark_approved(*sql, a, 0, w.staff, "", {{1, 80000, kDay, kDay}}, kNow + 42));
        EXPECT_EQ(inc::lines_of(*sql, id).size(), 2u);
        EXPECT_EQ(inc::approved_cents(*sql, a.rule_set_id), 160000);
    }
    // One export takes both lines; the next finds nothing.
    auto e = in_tx(t, [&](soci::session& sql) { return inc::export_payments(sql, w.staff, kNow + 50); });
    ASSERT_TRUE(e);
    EXPECT_EQ(e->line_count, 2);
    EXPECT_EQ(e->total_cents, 160000);
    EXPECT_FALSE(in_tx(t, [&](soci::session& sql) { return inc::export_payments(sql, w.staff, kNow + 60); }));
    {
        auto sql = t.app().db->lease();
        auto csv = inc::export_csv(*sql, *e);
        EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 3) << csv;
        EXPECT_NE(csv.find("Lucía Hernández"), std::string::npos);
        EXPECT_NE(csv.find("Little Oaks Learning Center"), std::string::npos);
        EXPECT_NE(csv.find(",800.00,"), std::string::npos) << csv;
        EXPECT_NE(csv.find("Robert Kim"), std::string::npos);
        auto trail = inc::audit_of(*sql, id);
        ASSERT_EQ(trail.size(), 4u);
        EXPECT_EQ(trail[0].action, "applied");
        EXPECT_EQ(trail[0].actor_id, w.lucia);
        EXPECT_EQ(trail[1].action, "confirmed");
        EXPECT_EQ(trail[1].actor_id, w.director);
        EXPECT_EQ(trail[1].detail["hours_per_week"]["from"], 40);
        EXPECT_EQ(trail[1].detail["hours_per_week"]["to"], 28);
        EXPECT_EQ(trail[1].detail["amount_cents"]["to"], 160000);
        EXPECT_EQ(trail[2].action, "approved");
        EXPECT_EQ(trail[2].actor_id, w.staff);
        EXPECT_EQ(trail[3].action, "exported");
        EXPECT_EQ(trail[3].detail["export"], e->id);
        EXPECT_EQ(trail[3].at, kNow + 50);
    }
}

TEST(IncentivesWorkflow, ApprovalsBeyondTheBudgetAreRefusedAndADenialFreesTheYear) {
    World w;
    auto& t = w.t;
    w.set_budget("retention-reward", 100000); // $1,000.00: less than her $1,500.00
    auto id = mc::unwrap(in_tx(t, [&](soci::session& sql) { return inc::apply(sql, w.lucia, "retention-reward", kDay, kNow); }));
    mc::unwrap(in_tx(t, [&](soci::session& sql) { return inc::confirm(sql, w.director, id, 40, 1725, kNow + 1); }));
    auto over = in_tx(t, [&](soci::session& sql) { return inc::decide(sql, w.staff, id, true, "", kNow + 2); });
    ASSERT_FALSE(over);
    EXPECT_EQ(over.error().key, "incentives.errors.over_budget");
    {
        auto sql = t.app().db->lease();
        EXPECT_EQ(inc::find_application(*sql, id)->status, "confirmed");
        EXPECT_TRUE(inc::lines_of(*sql, id).empty());
        EXPECT_EQ(inc::audit_of(*sql, id).size(), 2u);
    }
    // Denied: she may apply again this fiscal year; exactly at the cap is within it.
    auto long_note = std::string(inc::kMaxNote + 1, 'x');
    auto bad = in_tx(t, [&](soci::session& sql) { return inc::decide(sql, w.staff, id, false, long_note, kNow + 3); });
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, mc::Errc::bad_input);
    mc::unwrap(in_tx(t, [&](soci::session& sql) { return inc::decide(sql, w.staff, id, false, "budget spent", kNow + 4); }));
    w.set_budget("retention-reward", 150000);
    auto second = mc::unwrap(in_tx(t, [&](soci::session& sql) { return inc::apply(sql, w.lucia, "retention-reward", kDay, kNow + 5); }));
    mc::unwrap(in_tx(t, [&](soci::session& sql) { return inc::confirm(sql, w.director, second, 40, 1725, kNow + 6); }));
    mc::unwrap(in_tx(t, [&](soci::session& sql) { return inc::decide(sql, w.staff, second, true, "", kNow + 7); }));
    auto sql = t.app().db->lease();
    auto lines = inc::lines_of(*sql, second);
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0].amount_cents, 150000);
    // Paid for fiscal year 2027: her estimate says so and she cannot apply again for it.
    auto rules = *inc::find_rule_set(*sql, "retention-reward");
    auto now = inc::estimate_for(*sql, w.lucia, rules, kDay);
    EXPECT_FALSE(now.eligible);
    bool says_paid = false;
    for (const auto& l : now.why) says_paid |= l.key == "incentives.why.fiscal_year_paid";
    EXPECT_TRUE(says_paid);
    EXPECT_FALSE(inc::apply(*sql, w.lucia, "retention-reward", kDay, kNow + 8));
}

TEST(IncentivesWorkflow, AnEducatorWhoIsNotEligibleCannotApply) {
    TestApp t(true, true);
    auto maria = user_id(t, "educator@demo.microcred.test"); // no micro-credentials yet
    auto sql = t.app().db->lease();
    auto refused = inc::apply(*sql, maria, "wage-supplement", kDay, kNow);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().key, "incentives.errors.not_eligible");
    EXPECT_EQ(inc::apply(*sql, maria, "no-such-rule-set", kDay, kNow).error().code, mc::Errc::not_found);
    EXPECT_TRUE(inc::applications_of(*sql, maria).empty());
}

TEST(IncentivesWorkflow, HourlyWagesAreReadAsDollarsAndCents) {
    EXPECT_EQ(inc::parse_hourly_wage("17.25"), 1725);
    EXPECT_EQ(inc::parse_hourly_wage("17.5"), 1750);
    EXPECT_EQ(inc::parse_hourly_wage("18"), 1800);
    for (const char* bad : {"", "17.", ".5", "17.255", "-3", "1e3", "1001", "17,25", "١٧"})
        EXPECT_FALSE(inc::parse_hourly_wage(bad)) << bad;
}

// Two approvals under one budget at the same moment, each on its own connection: the rule set's
// row is locked first, so the second counts the first and only one fits ($1,500.00 + $1,500.00
// against $2,000.00). On SQLite the write lock orders them the same way.
TEST(IncentivesWorkflow, TwoApprovalsAtOnceNeverOverspendTheBudget) {
    TestApp t(true, true);
    std::string staff = user_id(t, "agency.admin@demo.microcred.test");
    std::vector<std::string> ids;
    {
        auto sql = t.app().db->lease();
        auto doc = inc::rule_set_to_json(inc::find_rule_set(*sql, "retention-reward")->rules);
        doc["budget_cents"] = 200000;
        auto rule_set = mc::unwrap(inc::save_rule_set(*sql, doc, staff, kNow));
        for (const char* email : {kLucia, "educator@demo.microcred.test"}) {
            inc::Application a;
            a.rule_set_id = rule_set;
            a.educator_id = user_id(t, email);
            a.employment_id = mc::accounts::current_employment(*sql, a.educator_id)->id;
            a.org_id = mc::accounts::current_employment(*sql, a.educator_id)->org_id;
            a.fiscal_year = 2027;
            a.amount_cents = 150000;
            a.estimate = {{"installments", json::array({{{"number", 1}, {"cents", 150000}, {"period_start", kDay}, {"period_end", kDay}}})}};
            a.applied_at = kNow;
            auto id = mc::unwrap(inc::insert_application(*sql, a));
            mc::unwrap(inc::mark_confirmed(*sql, id, staff, 150000, a.estimate, kNow));
            ids.push_back(id);
        }
    }
    std::atomic<int> approved{0}, refused{0};
    std::vector<std::thread> threads;
    for (const auto& id : ids)
        threads.emplace_back([&, id] {
            auto sql = t.app().db->lease();
            mc::db::WriteTx tx(*sql);
            auto done = inc::decide(*sql, staff, id, true, "", kNow + 10);
            if (done) {
                tx.commit();
                ++approved;
            } else if (done.error().key == "incentives.errors.over_budget") {
                ++refused;
            }
        });
    for (auto& th : threads) th.join();
    EXPECT_EQ(approved.load(), 1);
    EXPECT_EQ(refused.load(), 1);
    auto sql = t.app().db->lease();
    EXPECT_EQ(inc::approved_cents(*sql, inc::find_rule_set(*sql, "retention-reward")->id), 150000);
}
