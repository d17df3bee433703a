// Agreement statistics against worked examples with published figures. Every figure below is
// computed by our code from the example's raw data and compared with the number the source
// prints; none is produced by us in advance.
#include <gtest/gtest.h>

#include "assessment/reliability/agreement.hpp"

using namespace mc::assessment::reliability;

namespace {

// Pairs from two aligned rating lists, the way the sources list them.
Table aligned(const std::vector<int>& first, const std::vector<int>& second, int k, int offset = 0) {
    Table t(k);
    for (std::size_t i = 0; i < first.size(); ++i) EXPECT_TRUE(t.add(first[i] - offset, second[i] - offset));
    return t;
}

// n copies of value v, appended: how the scikit-learn examples write their label vectors.
void repeat(std::vector<int>& into, int v, int n) { into.insert(into.end(), static_cast<std::size_t>(n), v); }

} // namespace

// Wikipedia, "Cohen's kappa", worked example: 50 grant proposals read by two readers.
// Both yes 20, A yes / B no 5, A no / B yes 10, both no 15. Published: p_o = 0.70,
// p_e = 0.50, kappa = 0.40.
TEST(Agreement, GrantProposalsExample) {
    Table t(2);
    t.add(0, 0, 20);
    t.add(0, 1, 5);
    t.add(1, 0, 10);
    t.add(1, 1, 15);
    auto a = agreement(t);
    EXPECT_DOUBLE_EQ(a.n, 50);
    EXPECT_NEAR(a.observed, 0.70, 1e-12);
    EXPECT_NEAR(a.expected, 0.50, 1e-12);
    ASSERT_TRUE(a.kappa);
    EXPECT_NEAR(*a.kappa, 0.40, 1e-12);
}

// Fleiss, Levin & Paik, Statistical Methods for Rates and Proportions (3rd ed., 2003), ch. 18:
// two psychiatrists diagnose 100 patients as psychotic, neurotic or organic.
// Rows (first rater): 75 1 4 / 5 4 1 / 0 0 10. Published: p_o = .89, p_e = .66, kappa = .68.
TEST(Agreement, FleissDiagnosesExample) {
    Table t(3);
    const double cells[3][3] = {{75, 1, 4}, {5, 4, 1}, {0, 0, 10}};
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j) t.add(i, j, cells[i][j]);
    auto a = agreement(t);
    EXPECT_NEAR(a.observed, 0.89, 0.005);
    EXPECT_NEAR(a.expected, 0.66, 0.005);
    ASSERT_TRUE(a.kappa);
    EXPECT_NEAR(*a.kappa, 0.68, 0.005);
}

// scikit-learn's published reference figures for cohen_kappa_score
// (sklearn/metrics/tests/test_classification.py, test_cohen_kappa): an independent implementation.
TEST(Agreement, ScikitLearnReferenceFigures) {
    std::vector<int> y1, y2;
    repeat(y1, 0, 40), repeat(y1, 1, 60);
    repeat(y2, 0, 20), repeat(y2, 1, 20), repeat(y2, 0, 10), repeat(y2, 1, 50);
    auto k = cohen_kappa(aligned(y1, y2, 2));
    ASSERT_TRUE(k);
    EXPECT_NEAR(*k, 0.348, 0.0005);
    EXPECT_NEAR(*cohen_kappa(aligned(y2, y1, 2)), *k, 1e-12); // symmetric

    std::vector<int> a, b, c;
    repeat(a, 0, 46), repeat(a, 1, 44), repeat(a, 2, 10);
    repeat(b, 0, 52), repeat(b, 1, 32), repeat(b, 2, 16);
    EXPECT_NEAR(*cohen_kappa(aligned(a, b, 3)), 0.8013, 0.00005);

    repeat(c, 0, 50), repeat(c, 1, 40), repeat(c, 2, 10);
    auto t = aligned(a, c, 3);
    EXPECT_NEAR(*cohen_kappa(t), 0.9315, 0.00005);
    EXPECT_NEAR(*weighted_kappa(t, Weights::linear), 0.9412, 0.00005);
    EXPECT_NEAR(*weighted_kappa(t, Weights::quadratic), 0.9541, 0.00005);
}

// Maplesoft, EssayTools[QuadraticWeightedKappa] help page, examples 1 and 2: essay grades on a
// 1..10 scale (min and max taken from the data). Published: 0.758620689655172, 0.438095238095238.
TEST(Agreement, QuadraticWeightedKappaEssayGrades) {
    std::vector<int> first{9, 7, 8, 7, 6, 8, 3, 5, 10};
    auto one = weighted_kappa(aligned(first, {8, 8, 6, 6, 7, 6, 1, 4, 8}, 10, 1), Weights::quadratic);
    auto two = weighted_kappa(aligned(first, {3, 5, 6, 6, 7, 6, 1, 4, 8}, 10, 1), Weights::quadratic);
    ASSERT_TRUE(one && two);
    EXPECT_NEAR(*one, 0.758620689655172, 1e-9);
    EXPECT_NEAR(*two, 0.438095238095238, 1e-9);
}

// Weighted kappa credits near misses: one level apart counts more than two levels apart, and
// unweighted kappa (which does not) sits below both for the same table.
TEST(Agreement, WeightsOrderNearMisses) {
    Table near(3), far(3);
    for (int i = 0; i < 3; ++i) near.add(i, i, 10), far.add(i, i, 10);
    near.add(0, 1, 6);
    far.add(0, 2, 6);
    EXPECT_GT(*weighted_kappa(near, Weights::linear), *weighted_kappa(far, Weights::linear));
    EXPECT_GT(*weighted_kappa(near, Weights::quadratic), *weighted_kappa(near, Weights::linear));
    EXPECT_GT(*weighted_kappa(near, Weights::linear), *cohen_kappa(near));
    EXPECT_NEAR(*cohen_kappa(near), *cohen_kappa(far), 1e-12); // unweighted: a miss is a miss
    EXPECT_DOUBLE_EQ(weight(Weights::linear, 0, 2, 3), 0.0);
    EXPECT_DOUBLE_EQ(weight(Weights::quadratic, 0, 1, 3), 0.75);
    EXPECT_DOUBLE_EQ(weight(Weights::none, 1, 1, 3), 1.0);
}

TEST(Agreement, PerfectAgreementIsOne) {
    auto t = Table::from_pairs({{0, 0}, {1, 1}, {2, 2}, {1, 1}, {0, 0}}, 3);
    EXPECT_DOUBLE_EQ(*exact_agreement(t), 1.0);
    EXPECT_NEAR(*cohen_kappa(t), 1.0, 1e-12);
    EXPECT_NEAR(*weighted_kappa(t, Weights::linear), 1.0, 1e-12);
    EXPECT_NEAR(*weighted_kappa(t, Weights::quadratic), 1.0, 1e-12);
}

// Systematic disagreement on a balanced two-category table: kappa is -1, the floor.
TEST(Agreement, CompleteDisagreementIsMinusOne) {
    auto t = Table::from_pairs({{0, 1}, {1, 0}, {0, 1}, {1, 0}}, 2);
    EXPECT_DOUBLE_EQ(*exact_agreement(t), 0.0);
    EXPECT_NEAR(*cohen_kappa(t), -1.0, 1e-12);
}

// Both raters used one level for everything: they agree completely, but there is no variation
// for kappa to measure (0/0). Exact agreement says 1; kappa is undefined, not 1 and not 0.
TEST(Agreement, AllOneCategoryLeavesKappaUndefined) {
    auto t = Table::from_pairs({{1, 1}, {1, 1}, {1, 1}}, 3);
    EXPECT_DOUBLE_EQ(*exact_agreement(t), 1.0);
    EXPECT_FALSE(cohen_kappa(t));
    EXPECT_FALSE(weighted_kappa(t, Weights::quadratic));
    // One rater varies, the other does not: chance agreement is below 1, kappa is defined (0).
    auto u = Table::from_pairs({{1, 1}, {1, 0}, {1, 2}}, 3);
    ASSERT_TRUE(cohen_kappa(u));
    EXPECT_NEAR(*cohen_kappa(u), 0.0, 1e-12);
}

TEST(Agreement, EmptyHasNothingToSay) {
    Table t(4);
    EXPECT_FALSE(exact_agreement(t));
    EXPECT_FALSE(cohen_kappa(t));
    EXPECT_FALSE(weighted_kappa(t, Weights::linear));
    EXPECT_DOUBLE_EQ(agreement(t).n, 0);
}

TEST(Agreement, OutOfRangeCategoriesAreRefused) {
    Table t(3);
    EXPECT_FALSE(t.add(3, 0));
    EXPECT_FALSE(t.add(-1, 0));
    EXPECT_FALSE(t.add(0, 0, -2));
    EXPECT_DOUBLE_EQ(t.total(), 0);
    EXPECT_THROW(Table(0), std::invalid_argument);
    // A single-level scale: weights cannot divide by k - 1, and nothing varies.
    Table one(1);
    one.add(0, 0, 5);
    EXPECT_FALSE(weighted_kappa(one, Weights::linear));
}
