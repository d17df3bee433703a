// The incentives engine on the demo rule sets, worked as the published tables read: a WAGE$-style
// supplement (level 10 pays $3,500 / $5,250 / $9,200 by funding tier; eligible at or under $25 an
// hour, 20 hours a week and 6 months in the same program; two six-month installments; part-time
// prorated), a REWARD$-style payment once per fiscal year (G $2,000, F $1,500, E $1,200) and a
// district salary lane (30 micro-credentials: the master's-equivalent lane). Each estimate explains
// itself in English and Spanish; bad rule sets name the field.
#include <gtest/gtest.h>

#include "demo.hpp"
#include "platform/i18n/catalog.hpp"

namespace mc::incentives {
namespace {

using test::demo;
using test::educator;

const i18n::Catalog& catalog() {
    static i18n::Catalog c = [] {
        i18n::Catalog c;
        if (!c.load(std::string(MC_SOURCE_DIR) + "/web/locales")) throw std::runtime_error("locales");
        return c;
    }();
    return c;
}

std::string said(const Estimate& e, const std::string& lang) {
    std::string out;
    for (const auto& l : e.why) out += catalog().format(lang, l.key, args_in(l, lang)) + "\n";
    return out;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(IncentiveRules, FullTimeLevelTenPaysTheWholeTierOneAmountInTwoSixMonthInstallments) {
    auto wage = demo("wage-supplement");
    auto e = evaluate(wage, educator(10));
    ASSERT_TRUE(e.eligible) << said(e, "en");
    EXPECT_EQ(e.tier, "1");
    EXPECT_EQ(e.annual_cents, 350000);
    EXPECT_EQ(e.amount_cents, 350000);
    ASSERT_EQ(e.installments.size(), 2u);
    EXPECT_EQ(e.installments[0].cents, 175000);
    EXPECT_EQ(e.installments[1].cents, 175000);
    EXPECT_EQ(e.installments[0].period_start, "2026-12-06");
    EXPECT_EQ(e.installments[0].period_end, "2027-06-05");
    EXPECT_EQ(e.installments[1].period_start, "2027-06-06");
    EXPECT_EQ(e.installments[1].period_end, "2027-12-05");
    auto en = said(e, "en"), es = said(e, "es");
    EXPECT_TRUE(has(en, "Your career level is 10: the table pays $3,500.00 a year")) << en;
    EXPECT_TRUE(has(en, "Your hourly wage, $18.00, is at or under the limit of $25.00.")) << en;
    EXPECT_TRUE(has(en, "You have worked 24 months in your program (since 2024-12-01); 6 are needed.")) << en;
    EXPECT_TRUE(has(en, "2 installments of about $1,750.00, one every 6 months")) << en;
    EXPECT_TRUE(has(en, "You are eligible for $3,500.00.")) << en;
    EXPECT_TRUE(has(es, "Su nivel profesional es 10: la tabla paga $3,500.00 al año")) << es;
    EXPECT_TRUE(has(es, "Reúne los requisitos para $3,500.00.")) << es;
}

TEST(IncentiveRules, TheFundingTierOfTheProgramsCountyChangesTheAmount) {
    auto wage = demo("wage-supplement");
    auto f = educator(10);
    f.county = "Dane";
    auto two = evaluate(wage, f);
    EXPECT_EQ(two.tier, "2");
    EXPECT_EQ(two.amount_cents, 525000);
    EXPECT_TRUE(has(said(two, "en"), "Dane County, which this funder pays at tier 2")) << said(two, "en");
    f.county = "Milwaukee";
    auto three = evaluate(wage, f);
    EXPECT_EQ(three.tier, "3");
    EXPECT_EQ(three.amount_cents, 920000);
    EXPECT_EQ(three.installments[0].cents + three.installments[1].cents, 920000);
    EXPECT_TRUE(has(said(three, "es"), "condado de Milwaukee")) << said(three, "es");
}

TEST(IncentiveRules, PartTimeIsProratedByHoursAndTheOddCentGoesToTheLastInstallment) {
    auto wage = demo("wage-supplement");
    auto f = educator(10);
    f.hours_per_week = 24;
    auto e = evaluate(wage, f);
    ASSERT_TRUE(e.eligible);
    EXPECT_EQ(e.amount_cents, 240000); // $3,500 x 24/35
    EXPECT_TRUE(has(said(e, "en"), "prorated: $3,500.00 × 24 ÷ 35 = $2,400.00")) << said(e, "en");
    EXPECT_TRUE(has(said(e, "es"), "se prorratea: $3,500.00 × 24 ÷ 35 = $2,400.00")) << said(e, "es");
    f.county = "Milwaukee";
    f.hours_per_week = 22;
    auto odd = evaluate(wage, f);
    EXPECT_EQ(odd.amount_cents, 578285); // $9,200 x 22/35 = $5,782.857..., rounded down to the cent
    EXPECT_EQ(odd.installments[0].cents, 289142);
    EXPECT_EQ(odd.installments[1].cents, 289143);
    // Exactly 20 hours is enough; 19 is not.
    f.hours_per_week = 20;
    EXPECT_TRUE(evaluate(wage, f).eligible);
    f.hours_per_week = 19;
    auto short_hours = evaluate(wage, f);
    EXPECT_FALSE(short_hours.eligible);
    EXPECT_EQ(short_hours.amount_cents, 0);
    EXPECT_TRUE(has(said(short_hours, "en"), "You work 19 hours a week; at least 20 are needed.")) << said(short_hours, "en");
}

TEST(IncentiveRules, AWageOverTwentyFiveDollarsAnHourIsNotEligibleAndSaysSo) {
    auto wage = demo("wage-supplement");
    auto f = educator(10);
    f.hourly_wage_cents = 2500;
    EXPECT_TRUE(evaluate(wage, f).eligible); // at the limit
    f.hourly_wage_cents = 2501;
    auto e = evaluate(wage, f);
    EXPECT_FALSE(e.eligible);
    EXPECT_EQ(e.amount_cents, 0);
    EXPECT_TRUE(e.installments.empty());
    auto en = said(e, "en"), es = said(e, "es");
    EXPECT_TRUE(has(en, "Your hourly wage, $25.01, is over the limit of $25.00.")) << en;
    EXPECT_TRUE(has(en, "You are not eligible now.")) << en;
    EXPECT_TRUE(has(es, "Su salario por hora, $25.01, supera el límite de $25.00.")) << es;
    bool marked = false;
    for (const auto& l : e.why) marked |= l.key == "incentives.why.wage_over" && !l.ok;
    EXPECT_TRUE(marked);
    f.hourly_wage_cents = 0;
    EXPECT_FALSE(evaluate(wage, f).eligible); // no wage on file: not assumed to be under the limit
}

TEST(IncentiveRules, UnderSixMonthsInTheSameProgramSaysTheDaySheCanApply) {
    auto wage = demo("wage-supplement");
    auto f = educator(10);
    f.program_started_on = "2026-07-01";
    auto e = evaluate(wage, f); // 2026-12-06: five whole months
    EXPECT_FALSE(e.eligible);
    EXPECT_EQ(e.months_in_program, 5);
    EXPECT_TRUE(has(said(e, "en"), "5 months in your program (since 2026-07-01); 6 are needed, so you can apply from 2027-01-01"))
        << said(e, "en");
    EXPECT_TRUE(has(said(e, "es"), "a partir del 2027-01-01")) << said(e, "es");
    f.as_of = "2026-12-31";
    EXPECT_FALSE(evaluate(wage, f).eligible);
    f.as_of = "2027-01-01";
    EXPECT_TRUE(evaluate(wage, f).eligible);
    // No job on file at all.
    auto none = educator(10);
    none.employed = false;
    auto n = evaluate(wage, none);
    EXPECT_FALSE(n.eligible);
    EXPECT_TRUE(has(said(n, "en"), "There is no current job on file")) << said(n, "en");
}

TEST(IncentiveRules, LevelsBetweenOrBelowTheTableRows) {
    auto wage = demo("wage-supplement");
    EXPECT_EQ(evaluate(wage, educator(11)).amount_cents, 400000);
    auto high = evaluate(wage, educator(15)); // the table stops at 12: she is paid the level-12 amount
    EXPECT_EQ(high.amount_cents, 450000);
    EXPECT_TRUE(has(said(high, "en"), "nearest level in the table at or below it is 12")) << said(high, "en");
    auto low = evaluate(wage, educator(5));
    EXPECT_FALSE(low.eligible);
    EXPECT_TRUE(has(said(low, "en"), "Your career level is 5; this table starts at level 6.")) << said(low, "en");
    auto none = evaluate(wage, educator(0));
    EXPECT_FALSE(none.eligible);
    EXPECT_TRUE(has(said(none, "es"), "Todavía no tiene un nivel profesional")) << said(none, "es");
}

TEST(IncentiveRules, RetentionRewardIsOnePaymentPerFiscalYearByLetterLevel) {
    auto reward = demo("retention-reward");
    auto ladder = test::letter_ladder();
    EXPECT_EQ(evaluate(reward, educator(7, ladder)).amount_cents, 200000); // G
    EXPECT_EQ(evaluate(reward, educator(6, ladder)).amount_cents, 150000); // F
    EXPECT_EQ(evaluate(reward, educator(5, ladder)).amount_cents, 120000); // E
    EXPECT_FALSE(evaluate(reward, educator(4, ladder)).eligible);         // D: not in the table
    auto f = educator(7, ladder);
    f.hours_per_week = 25; // no proration in this rule set
    auto e = evaluate(reward, f);
    EXPECT_EQ(e.amount_cents, 200000);
    ASSERT_EQ(e.installments.size(), 1u);
    EXPECT_EQ(e.fiscal_year, 2027);
    EXPECT_TRUE(has(said(e, "en"), "the one payment for fiscal year 2027 (2026-07-01 to 2027-06-30)")) << said(e, "en");
}

TEST(IncentiveRules, TheFiscalYearBoundaryIsJulyFirst) {
    auto reward = demo("retention-reward");
    auto f = educator(7, test::letter_ladder());
    f.paid_fiscal_years = {2027};
    f.as_of = "2027-06-30";
    auto last_day = evaluate(reward, f);
    EXPECT_EQ(last_day.fiscal_year, 2027);
    EXPECT_FALSE(last_day.eligible);
    EXPECT_TRUE(has(said(last_day, "en"), "already paid for fiscal year 2027 (2026-07-01 to 2027-06-30); you can apply again from 2027-07-01"))
        << said(last_day, "en");
    EXPECT_TRUE(has(said(last_day, "es"), "Ya recibió el pago del año fiscal 2027")) << said(last_day, "es");
    f.as_of = "2027-07-01";
    auto next = evaluate(reward, f);
    EXPECT_EQ(next.fiscal_year, 2028);
    EXPECT_TRUE(next.eligible);
    EXPECT_EQ(fiscal_year_of("2026-06-30", 7), 2026);
    EXPECT_EQ(fiscal_year_of("2026-07-01", 7), 2027);
    EXPECT_EQ(fiscal_year_of("2026-12-31", 1), 2026);
}

TEST(IncentiveRules, ThirtyMicroCredentialsIsTheMastersEquivalentLane) {
    auto lane = demo("district-salary-lane");
    Facts f;
    f.as_of = "2026-12-06";
    f.micro_credentials = 14;
    auto none = evaluate(lane, f);
    EXPECT_FALSE(none.eligible);
    EXPECT_TRUE(has(said(none, "en"), "You hold 14 micro-credentials; the first lane starts at 15.")) << said(none, "en");
    f.micro_credentials = 29;
    auto ba = evaluate(lane, f);
    EXPECT_EQ(ba.amount_cents, 200000);
    EXPECT_TRUE(has(said(ba, "en"), "1 more micro-credentials reach the master's-equivalent lane.")) << said(ba, "en");
    f.micro_credentials = 30;
    auto ma = evaluate(lane, f);
    EXPECT_TRUE(ma.eligible);
    EXPECT_EQ(ma.amount_cents, 450000);
    EXPECT_TRUE(has(said(ma, "en"), "the master's-equivalent lane (30 or more): $4,500.00 a year")) << said(ma, "en");
    EXPECT_TRUE(has(said(ma, "es"), "el carril equivalente a maestría (30 o más)")) << said(ma, "es");
}

TEST(IncentiveRules, EveryReasonReadsInBothLanguagesWithEveryValueFilled) {
    auto wage = demo("wage-supplement"), reward = demo("retention-reward"), lane = demo("district-salary-lane");
    std::vector<Estimate> all;
    for (int rank = 0; rank <= 17; ++rank)
        for (int hours : {0, 19, 24, 40})
            for (long long cents : {0LL, 1800LL, 2600LL})
                for (const char* started : {"2026-10-01", "2020-01-01"}) {
                    auto f = educator(rank);
                    f.hours_per_week = hours;
                    f.hourly_wage_cents = cents;
                    f.program_started_on = started;
                    f.employed = hours > 0;
                    all.push_back(evaluate(wage, f));
                    auto g = educator(std::min(rank, 7), test::letter_ladder());
                    g.paid_fiscal_years = {2027};
                    all.push_back(evaluate(reward, g));
                    g.micro_credentials = rank * 2;
                    all.push_back(evaluate(lane, g));
                }
    std::set<std::string> keys;
    for (const auto& e : all)
        for (const auto& l : e.why) {
            keys.insert(l.key);
            for (const char* lang : {"en", "es"}) {
                ASSERT_TRUE(catalog().has_key(lang, l.key)) << lang << " " << l.key;
                auto text = catalog().format(lang, l.key, args_in(l, lang));
                EXPECT_EQ(text.find('{'), std::string::npos) << lang << ": " << text;
            }
        }
    EXPECT_GE(keys.size(), 20u);
}

std::vector<Issue> problems(const std::string& text) {
    std::vector<Issue> issues;
    EXPECT_FALSE(rule_set_from_json(nlohmann::json::parse(text), issues)) << text;
    return issues;
}

bool names(const std::vector<Issue>& issues, const std::string& field) {
    for (const auto& i : issues)
        if (i.field == field) return true;
    return false;
}

TEST(IncentiveRules, ABadRuleSetNamesTheField) {
    auto base = rule_set_to_json(demo("wage-supplement"));
    auto with = [&](auto change) {
        auto doc = base;
        change(doc);
        return problems(doc.dump());
    };
    EXPECT_TRUE(names(with([](auto& d) { d["rows"][4]["amount_cents"].erase("3"); }), "rows.4.amount_cents"));
    EXPECT_TRUE(names(with([](auto& d) { d["rows"][4]["amount_cents"]["3"] = -1; }), "rows.4.amount_cents.3"));
    EXPECT_TRUE(names(with([](auto& d) { d["rows"][4]["amount_cents"]["1"] = 100; }), "rows.4.amount_cents.1"));
    EXPECT_TRUE(names(with([](auto& d) { d["rows"][2]["level"] = "6"; }), "rows.2.level"));
    EXPECT_TRUE(names(with([](auto& d) { d["basis"] = "vibes"; }), "basis"));
    EXPECT_TRUE(names(with([](auto& d) { d["slug"] = "Not A Slug"; }), "slug"));
    EXPECT_TRUE(names(with([](auto& d) { d["title"]["es"] = ""; }), "title.es"));
    EXPECT_TRUE(names(with([](auto& d) { d["eligibility"]["max_hourly_wage_cents"] = -5; }), "eligibility.max_hourly_wage_cents"));
    EXPECT_TRUE(names(with([](auto& d) { d["eligibility"]["min_hours_per_week"] = "twenty"; }), "eligibility.min_hours_per_week"));
    EXPECT_TRUE(names(with([](auto& d) { d["payment"]["installments"] = 0; }), "payment.installments"));
    EXPECT_TRUE(names(with([](auto& d) { d["tier_by_county"]["Dane"] = "9"; }), "tier_by_county.Dane"));
    EXPECT_TRUE(names(with([](auto& d) { d["default_tier"] = "4"; }), "default_tier"));
    EXPECT_TRUE(names(with([](auto& d) { d["rows"] = nlohmann::json::array(); }), "rows"));
    EXPECT_TRUE(names(with([](auto& d) {
        for (int i = 0; i < 61; ++i) d["rows"].push_back(d["rows"][0]);
    }), "rows"));
    EXPECT_TRUE(names(with([](auto& d) { d["budget_cents"] = 1e20; }), "budget_cents"));
    auto lane = rule_set_to_json(demo("district-salary-lane"));
    lane["rows"][1]["min_micro_credentials"] = 15;
    EXPECT_TRUE(names(problems(lane.dump()), "rows.1.min_micro_credentials"));
    auto reward = rule_set_to_json(demo("retention-reward"));
    reward["payment"]["installments"] = 2;
    EXPECT_TRUE(names(problems(reward.dump()), "payment.installments"));
    EXPECT_TRUE(names(problems("[1, 2]"), ""));
    // The document round-trips.
    std::vector<Issue> issues;
    auto again = rule_set_from_json(base, issues);
    ASSERT_TRUE(again) << issues.front().field;
    EXPECT_EQ(rule_set_to_json(*again), base);
}

TEST(IncentiveRules, CalendarMonthsAndMoney) {
    EXPECT_EQ(months_between("2026-01-31", "2026-02-28"), 1); // February's last day completes the month
    EXPECT_EQ(months_between("2026-01-15", "2026-07-14"), 5);
    EXPECT_EQ(months_between("2026-01-15", "2026-07-15"), 6);
    EXPECT_EQ(months_between("2026-07-15", "2026-01-15"), 0);
    EXPECT_EQ(months_between("not a day", "2026-01-15"), 0);
    EXPECT_EQ(add_months("2026-08-31", 6), "2027-02-28");
    EXPECT_EQ(money(0), "$0.00");
    EXPECT_EQ(money(578285), "$5,782.85");
    EXPECT_EQ(money(100000000000), "$1,000,000,000.00");
}

} // namespace
} // namespace mc::incentives
