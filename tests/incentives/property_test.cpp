// Properties of the demo tables over many random educators: a higher career level, more
// micro-credentials or more hours never lower an amount; installments always add up to the amount.
#include <random>

#include <gtest/gtest.h>

#include "demo.hpp"

namespace mc::incentives {
namespace {

Facts random_educator(std::mt19937& rng, const std::vector<LadderStep>& ladder) {
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    Facts f = test::educator(pick(0, static_cast<int>(ladder.size())), ladder);
    f.hours_per_week = pick(0, 60);
    f.hourly_wage_cents = pick(0, 4000);
    f.employed = pick(0, 9) > 0;
    static const char* counties[] = {"Dane", "Milwaukee", "Sauk", "", "Menominee"};
    f.county = counties[pick(0, 4)];
    f.program_started_on = add_months("2026-12-06", -pick(0, 48));
    f.micro_credentials = pick(0, 50);
    if (pick(0, 3) == 0) f.paid_fiscal_years = {2027};
    return f;
}

void raise_level(Facts& f) {
    f.level_rank += 1;
    f.level_code = f.ladder.at(f.level_rank - 1).code;
}

TEST(IncentiveProperties, RaisingALevelNeverLowersAnAmount) {
    std::mt19937 rng(20261206);
    auto wage = test::demo("wage-supplement"), reward = test::demo("retention-reward");
    for (int i = 0; i < 5000; ++i) {
        for (auto [rules, ladder] : {std::pair{&wage, test::registry_ladder()}, std::pair{&reward, test::letter_ladder()}}) {
            auto f = random_educator(rng, ladder);
            if (f.level_rank >= static_cast<int>(ladder.size())) continue;
            auto before = evaluate(*rules, f);
            raise_level(f);
            auto after = evaluate(*rules, f);
            ASSERT_GE(after.amount_cents, before.amount_cents) << rules->slug << " rank " << f.level_rank;
            if (before.eligible) {
                ASSERT_TRUE(after.eligible) << rules->slug;
            }
        }
    }
}

TEST(IncentiveProperties, MoreMicroCredentialsOrMoreHoursNeverLowerAnAmount) {
    std::mt19937 rng(7);
    auto wage = test::demo("wage-supplement"), lane = test::demo("district-salary-lane");
    for (int i = 0; i < 5000; ++i) {
        auto f = random_educator(rng, test::registry_ladder());
        auto lane_before = evaluate(lane, f).amount_cents;
        auto wage_before = evaluate(wage, f).amount_cents;
        f.micro_credentials += 1;
        f.hours_per_week += 1;
        ASSERT_GE(evaluate(lane, f).amount_cents, lane_before);
        ASSERT_GE(evaluate(wage, f).amount_cents, wage_before) << f.hours_per_week << " h";
    }
}

TEST(IncentiveProperties, InstallmentsAddUpToTheAmountAndNothingIsPaidWhenNotEligible) {
    std::mt19937 rng(11);
    auto wage = test::demo("wage-supplement");
    for (int i = 0; i < 5000; ++i) {
        auto e = evaluate(wage, random_educator(rng, test::registry_ladder()));
        long long sum = 0;
        for (const auto& in : e.installments) sum += in.cents;
        ASSERT_EQ(sum, e.amount_cents);
        if (!e.eligible) {
            ASSERT_EQ(e.amount_cents, 0);
            ASSERT_TRUE(e.installments.empty());
        } else {
            ASSERT_EQ(e.installments.size(), 2u);
            ASSERT_LE(e.amount_cents, e.annual_cents);
        }
    }
}

} // namespace
} // namespace mc::incentives
