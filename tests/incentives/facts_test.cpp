// What the engine is told about one educator, read from the domains that own it (SQLite, and
// PostgreSQL when MICROCRED_TEST_PG is set), on the demo: the demo seed stores the funders' rule
// sets and the lettered reward-levels lattice; awards move her level (pathways), her job, hours,
// wage, hire date and county come from accounts; an ended job leaves her without one.
#include <gtest/gtest.h>

#include "accounts/employment_store.hpp"
#include "accounts/user_store.hpp"
#include "app/modules.hpp"
#include "credentials/web/award_store.hpp"
#include "credentials/web/bulk_issue.hpp"
#include "incentives/facts_store.hpp"
#include "incentives/rule_set_store.hpp"
#include "pathways/lattice_store.hpp"
#include "platform/db/database.hpp"
#include "platform/unwrap.hpp"
#include "tests/support/test_app.hpp"

using mc::testing::TestApp;

namespace {

const char* kLucia = "educadora@demo.microcred.test"; // lead teacher at Little Oaks (Philadelphia), 40 h at $17.25 since 2023-09-05
const std::vector<std::string> kSlugs{
    "scaffolding-play-across-development", "learning-center-redesign", "observation-to-individualized-plan",
    "family-conference-portfolio",         "handwashing-and-safe-sleep-routines", "responsive-serve-and-return",
    "pdsa-quality-improvement-cycle",      "reflective-growth-plan"};

std::string user_id(TestApp& t, const std::string& email) {
    auto sql = t.app().db->lease();
    auto u = mc::accounts::find_user_by_email(*sql, email);
    if (!u) throw std::runtime_error("no demo user " + email);
    return u->id;
}

std::string give(TestApp& t, const std::string& email, const std::string& slug) {
    mc::credentials::RecipientList list;
    list.rows.push_back({1, "Demo", email, "", std::nullopt});
    mc::credentials::BulkIssueOptions options;
    options.achievement = slug;
    options.notify = false;
    options.threads = 1;
    auto out = mc::credentials::bulk_issue(t.app(), list, options);
    if (!out || out->rows.empty() || out->rows.front().award_id.empty()) throw std::runtime_error("bulk issue failed: " + slug);
    return out->rows.front().award_id;
}

mc::incentives::Facts facts(TestApp& t, const std::string& educator, const std::string& rule_set) {
    auto sql = t.app().db->lease();
    auto r = mc::incentives::find_rule_set(*sql, rule_set);
    if (!r) throw std::runtime_error("no rule set " + rule_set);
    return mc::incentives::facts_for(*sql, educator, r->rules, "2026-12-06");
}

} // namespace

TEST(IncentivesDb, TheDemoSeedStoresTheRuleSetsAndTheRewardLatticeOnce) {
    TestApp t(true, true);
    {
        auto sql = t.app().db->lease();
        auto sets = mc::incentives::all_rule_sets(*sql);
        ASSERT_EQ(sets.size(), 3u);
        EXPECT_EQ(sets[1].rules.slug, "retention-reward");
        EXPECT_EQ(sets[1].rules.lattice, "reward-levels");
        bool found = false;
        for (const auto& l : mc::pathways::all_lattices(*sql))
            if (l.definition.slug == "reward-levels") {
                found = true;
                ASSERT_EQ(l.definition.levels.size(), 7u);
                EXPECT_EQ(l.definition.levels.front().code, "A");
                EXPECT_EQ(l.definition.levels.back().code, "G");
            }
        EXPECT_TRUE(found);
        // Every level the rule set prices is a level of its lattice.
        for (const auto& row : sets[1].rules.rows) EXPECT_TRUE(row.level == "E" || row.level == "F" || row.level == "G");
    }
    // An agency's edit survives a second seed.
    {
        auto sql = t.app().db->lease();
        auto doc = mc::incentives::rule_set_to_json(mc::incentives::find_rule_set(*sql, "retention-reward")->rules);
        doc["budget_cents"] = 123400;
        ASSERT_TRUE(mc::incentives::save_rule_set(*sql, doc, "agency-1", 500));
    }
    ASSERT_TRUE(mc::app::seed_demo(t.app()));
    auto sql = t.app().db->lease();
    EXPECT_EQ(mc::incentives::all_rule_sets(*sql).size(), 3u);
    EXPECT_EQ(mc::incentives::find_rule_set(*sql, "retention-reward")->rules.budget_cents, 123400);
}

TEST(IncentivesDb, FactsComeFromTheOwningDomainsAndMoveWithHerAwards) {
    TestApp t(true, true);
    auto lucia = user_id(t, kLucia);
    auto before = facts(t, lucia, "wage-supplement");
    EXPECT_EQ(before.ladder.size(), 17u);
    EXPECT_EQ(before.level_rank, 0);
    EXPECT_EQ(before.micro_credentials, 0);
    EXPECT_TRUE(before.pathways.empty());
    EXPECT_TRUE(before.employed);
    EXPECT_EQ(before.hours_per_week, 40);
    EXPECT_EQ(before.hourly_wage_cents, 1725);
    EXPECT_EQ(before.program_started_on, "2023-09-05");
    EXPECT_EQ(before.county, "Philadelphia");
    EXPECT_EQ(before.as_of, "2026-12-06");

    // Four areas: ECE credential level 1, registry level 6, reward level C.
    for (int i = 0; i < 4; ++i) give(t, kLucia, kSlugs[i]);
    auto four = facts(t, lucia, "wage-supplement");
    EXPECT_EQ(four.micro_credentials, 4);
    EXPECT_TRUE(four.pathways.contains("ece-credential-level-1"));
    EXPECT_EQ(four.level_code, "6");
    EXPECT_EQ(four.level_rank, 6);
    auto reward = facts(t, lucia, "retention-reward");
    ASSERT_EQ(reward.ladder.size(), 7u);
    EXPECT_EQ(reward.ladder[4].code, "E");
    EXPECT_EQ(reward.level_code, "C");

    // The engine on these facts: level 6 in the default tier, $1,000.00 in two halves; level C earns no reward yet.
    auto rules = [&](const std::string& slug) {
        return mc::incentives::find_rule_set(*t.app().db->lease(), slug)->rules;
    };
    auto wage = mc::incentives::evaluate(rules("wage-supplement"), four);
    EXPECT_TRUE(wage.eligible);
    EXPECT_EQ(wage.tier, "1");
    EXPECT_EQ(wage.amount_cents, 100000);
    ASSERT_EQ(wage.installments.size(), 2u);
    EXPECT_FALSE(mc::incentives::evaluate(rules("retention-reward"), reward).eligible);

    // All eight: ECE credential level 3, registry level 8, reward level F ($1,500.00 this fiscal year).
    std::string last;
    for (int i = 4; i < 8; ++i) last = give(t, kLucia, kSlugs[i]);
    auto eight = facts(t, lucia, "retention-reward");
    EXPECT_EQ(eight.micro_credentials, 8);
    EXPECT_EQ(eight.level_code, "F");
    auto paid = mc::incentives::evaluate(rules("retention-reward"), eight);
    EXPECT_TRUE(paid.eligible);
    EXPECT_EQ(paid.amount_cents, 150000);
    EXPECT_EQ(paid.fiscal_year, 2027);
    EXPECT_EQ(facts(t, lucia, "wage-supplement").level_code, "8");

    // A revoked award no longer counts, and level F goes with ECE credential level 3.
    {
        auto sql = t.app().db->lease();
        mc::db::WriteTx tx(*sql);
        auto admin = mc::accounts::find_user_by_email(*sql, "agency.admin@demo.microcred.test");
        ASSERT_TRUE(mc::credentials::revoke_award(t.app(), *sql, last, admin->id, "issued in error"));
        tx.commit();
    }
    auto revoked = facts(t, lucia, "retention-reward");
    EXPECT_EQ(revoked.micro_credentials, 7);
    EXPECT_EQ(revoked.level_code, "C");
    EXPECT_FALSE(mc::incentives::evaluate(rules("retention-reward"), revoked).eligible);

    // Her job ends: no current job on file, so no hours, wage or county.
    {
        auto sql = t.app().db->lease();
        auto job = mc::accounts::current_employment(*sql, lucia);
        ASSERT_TRUE(job);
        ASSERT_TRUE(mc::accounts::end_employment(*sql, job->id, "2026-11-30"));
    }
    auto jobless = facts(t, lucia, "wage-supplement");
    EXPECT_FALSE(jobless.employed);
    EXPECT_EQ(jobless.hours_per_week, 0);
    EXPECT_TRUE(jobless.county.empty());
    EXPECT_FALSE(mc::incentives::evaluate(rules("wage-supplement"), jobless).eligible);
}
