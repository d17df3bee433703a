// Incentive rule sets in the database (SQLite, and PostgreSQL when MICROCRED_TEST_PG is set): the
// demo documents are stored and read back whole, a second save of a slug replaces it, and a bad
// document is refused naming the field, changing nothing.
#include <fstream>

#include <gtest/gtest.h>

#include "incentives/rule_set_store.hpp"
#include "mc_source_dir.hpp"
#include "platform/db/database.hpp"
#include "tests/support/test_app.hpp"

using mc::testing::TestApp;
using nlohmann::json;

namespace {

json demo_documents() {
    std::ifstream in(std::string(MC_SOURCE_DIR) + "/web/demo/incentives/rule_sets.json");
    return json::parse(in).at("rule_sets");
}

TEST(IncentivesDb, RuleSetsAreStoredWholeAndASecondSaveReplacesTheSlug) {
    TestApp t(false, false);
    auto sql = t.app().db->lease();
    for (const auto& doc : demo_documents()) ASSERT_TRUE(mc::incentives::save_rule_set(*sql, doc, "agency-1", 100));
    auto all = mc::incentives::all_rule_sets(*sql);
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0].rules.slug, "district-salary-lane");
    EXPECT_EQ(all[2].rules.slug, "wage-supplement");
    EXPECT_EQ(all[2].rules.rows[4].cents_by_tier.at("3"), 920000);
    EXPECT_EQ(all[2].rules.budget_cents, 5000000);
    EXPECT_EQ(all[2].updated_by, "agency-1");

    auto changed = demo_documents()[0];
    changed["budget_cents"] = 7000000;
    auto id = mc::incentives::save_rule_set(*sql, changed, "agency-2", 200);
    ASSERT_TRUE(id);
    EXPECT_EQ(*id, all[2].id);
    auto again = mc::incentives::find_rule_set(*sql, "wage-supplement");
    ASSERT_TRUE(again);
    EXPECT_EQ(again->rules.budget_cents, 7000000);
    EXPECT_EQ(again->updated_at, 200);
    EXPECT_EQ(mc::incentives::all_rule_sets(*sql).size(), 3u);
    EXPECT_FALSE(mc::incentives::find_rule_set(*sql, "no-such-rule-set"));
}

TEST(IncentivesDb, ABadRuleSetIsRefusedNamingTheFieldAndChangesNothing) {
    TestApp t(false, false);
    auto sql = t.app().db->lease();
    auto doc = demo_documents()[0];
    ASSERT_TRUE(mc::incentives::save_rule_set(*sql, doc, "agency-1", 100));
    doc["rows"][4]["amount_cents"]["3"] = 1; // below level 9's amount: rows must rise
    auto refused = mc::incentives::save_rule_set(*sql, doc, "agency-1", 300);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, mc::Errc::bad_input);
    EXPECT_EQ(refused.error().key, "incentives.errors.order");
    EXPECT_EQ(refused.error().detail, "rows.4.amount_cents.3");
    auto kept = mc::incentives::find_rule_set(*sql, "wage-supplement");
    ASSERT_TRUE(kept);
    EXPECT_EQ(kept->rules.rows[4].cents_by_tier.at("3"), 920000);
    EXPECT_EQ(kept->updated_at, 100);
    EXPECT_FALSE(mc::incentives::save_rule_set(*sql, json::array(), "agency-1", 300));
}

} // namespace
