// The double-scoring policy and the analytics grouping, on their own.
#include <gtest/gtest.h>

#include "assessment/reliability/analytics.hpp"
#include "assessment/reliability/sampling.hpp"

using namespace mc::assessment;
using namespace mc::assessment::reliability;

TEST(Sampling, ReproducibleAndCloseToTheShare) {
    int picked = 0;
    const int n = 20000;
    for (int i = 0; i < n; ++i) {
        auto id = "sub-" + std::to_string(i);
        bool s = sampled("agency-seed", id, 0.2);
        EXPECT_EQ(s, sampled("agency-seed", id, 0.2)); // same answer every time
        picked += s;
    }
    // Binomial(20000, 0.2): sd = 56.6; 5 sd either side.
    EXPECT_NEAR(picked, 4000, 283);
    EXPECT_FALSE(sampled("s", "x", 0.0));
    EXPECT_TRUE(sampled("s", "x", 1.0));
    // Another seed draws differently (not the same subset).
    int same = 0;
    for (int i = 0; i < 1000; ++i) {
        auto id = "sub-" + std::to_string(i);
        same += sampled("a", id, 0.5) == sampled("b", id, 0.5);
    }
    EXPECT_LT(same, 600);
    EXPECT_GT(same, 400);
}

TEST(Sampling, FirstOfVersionAlwaysDoubles) {
    // Find an id the 20% draw leaves single, then make it the first of its version.
    std::string id;
    for (int i = 0; id.empty(); ++i)
        if (!sampled("seed", "s" + std::to_string(i), 0.2)) id = "s" + std::to_string(i);
    EXPECT_EQ(plan_for("seed", id, 0.2, false, true).scorers, 1);
    auto p = plan_for("seed", id, 0.2, true, true);
    EXPECT_EQ(p.scorers, 2);
    EXPECT_EQ(reason_name(p.reason), "first_of_version");
    EXPECT_EQ(plan_for("seed", id, 0.2, true, false).scorers, 1); // the program turned it off
}

TEST(Sampling, DisagreementRules) {
    ScoreSet a{Outcome::not_yet, {{"turns", "emerging", "x"}, {"plan", "meets", ""}}};
    ScoreSet b{Outcome::not_yet, {{"plan", "meets", "other words"}, {"turns", "emerging", ""}}};
    EXPECT_FALSE(disagree(a, b, DisagreementRule::any_criterion)); // order and feedback do not matter
    b.scores[0].level_id = "exceeds";
    EXPECT_FALSE(disagree(a, b, DisagreementRule::outcome));
    EXPECT_TRUE(disagree(a, b, DisagreementRule::any_criterion));
    b.outcome = Outcome::demonstrated;
    EXPECT_TRUE(disagree(a, b, DisagreementRule::outcome));
    DisagreementRule r;
    EXPECT_TRUE(rule_from("any_criterion", r));
    EXPECT_EQ(r, DisagreementRule::any_criterion);
    EXPECT_FALSE(rule_from("sometimes", r));
}

namespace {
Rating rating(const std::string& who, int level, int ref, long long at = 0) {
    Rating r;
    r.assessor_id = who;
    r.level = level;
    r.reference_level = ref;
    r.k = 3;
    r.at = at;
    return r;
}
} // namespace

TEST(Analytics, GroupsAndStandings) {
    std::vector<Rating> rs;
    for (int i = 0; i < 12; ++i) rs.push_back(rating("good", i % 3, i % 3));
    for (int i = 0; i < 12; ++i) rs.push_back(rating("poor", i % 3, (i + 1) % 3));
    for (int i = 0; i < 3; ++i) rs.push_back(rating("new", i % 3, (i + 2) % 3));
    auto by = summarize_by(rs, [](const Rating& r) { return r.assessor_id; });
    ASSERT_EQ(by.size(), 3u);
    Bar bar;
    EXPECT_EQ(standing(by["good"], bar), Standing::meets);
    EXPECT_NEAR(*by["good"].kappa, 1.0, 1e-12);
    EXPECT_EQ(standing(by["poor"], bar), Standing::below);
    EXPECT_NEAR(*by["poor"].exact, 0.0, 1e-12);
    EXPECT_EQ(standing(by["new"], bar), Standing::not_enough_data); // 3 ratings say nothing yet
    EXPECT_EQ(by["new"].n, 3);
}

TEST(Analytics, DriftLooksAtTheLatestMonthWithEnoughData) {
    const long long jan = 1767225600; // 2026-01-01 UTC
    const long long feb = jan + 31 * 86400, mar = feb + 28 * 86400;
    std::vector<Rating> rs;
    for (int i = 0; i < 20; ++i) rs.push_back(rating("a", i % 3, i % 3, jan + i)); // January: perfect
    for (int i = 0; i < 10; ++i) rs.push_back(rating("a", i % 3, (i + 1) % 3, feb + i)); // February: poor
    rs.push_back(rating("a", 0, 0, mar)); // March: one rating, not enough to judge
    auto months = by_month(rs);
    ASSERT_EQ(months.size(), 3u);
    EXPECT_EQ(months[0].month, "2026-01");
    EXPECT_EQ(months[2].month, "2026-03");
    Bar bar;
    EXPECT_EQ(standing(summarize(rs), bar), Standing::below); // 20/31 agree: kappa about .5
    EXPECT_TRUE(drifted_below(months, bar));
    months.erase(months.begin() + 1);
    EXPECT_FALSE(drifted_below(months, bar));
}

TEST(Analytics, MixedRubricSizesShareOneTable) {
    std::vector<Rating> rs{rating("a", 0, 0), rating("a", 1, 1)};
    rs[1].k = 4; // a four-level rubric beside a three-level one
    rs.push_back(rating("a", 3, 3));
    rs.back().k = 4;
    auto s = summarize(rs);
    EXPECT_EQ(s.n, 3);
    EXPECT_NEAR(*s.kappa, 1.0, 1e-12);
    EXPECT_EQ(median({5, 1, 3}), 3);
    EXPECT_EQ(median({4, 1, 3, 2}), 2.5);
    EXPECT_EQ(median({}), 0);
}
