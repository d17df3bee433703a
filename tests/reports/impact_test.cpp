// Impact figures against a hand-built workforce: three programs, seven people, eight jobs,
// five awards, ratings over two years; the second quarter of 2026.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "platform/dates.hpp"
#include "reports/impact.hpp"
#include "reports/imports.hpp"

using namespace mc::reports;

namespace {

long long day(const char* d) { return *mc::parse_day(d); }

ImpactInputs workforce() {
    ImpactInputs in;
    in.program_ids = {"P1", "P2", "P3"};
    in.ratings = {{"P1", "2025-03-01", 2}, {"P1", "2026-03-01", 3}, {"P2", "2025-06-01", 4},
                  {"P2", "2026-05-01", 4}, {"P2", "2026-08-01", 5} /* after the quarter: not counted */};
    in.jobs = {{"a", "P1", day("2024-01-01"), 0},
               {"b", "P1", day("2025-01-01"), day("2026-05-15")},
               {"c", "P1", day("2025-03-01"), 0},
               {"d", "P2", day("2023-06-01"), 0},
               {"e", "P2", day("2025-07-15"), 0},
               {"f", "P3", day("2024-09-01"), day("2025-12-31")},
               {"f", "P3", day("2026-01-15"), 0},
               {"g", "P2", day("2025-02-01"), day("2026-04-10")}};
    in.awards = {{"a", day("2025-05-01"), 0}, {"c", day("2026-02-01"), 0}, {"d", day("2024-01-01"), day("2026-06-01")},
                 {"e", day("2026-06-15"), 0}, {"g", day("2025-01-15"), 0}};
    in.setting_of = {{"a", "center"}, {"b", "center"}, {"c", "center"}, {"d", "head_start"},
                     {"e", "family_child_care"}, {"f", ""}, {"g", "head_start"}};
    return in;
}

} // namespace

TEST(Impact, QuarterSpansAndFiscalYears) {
    auto [s, e] = quarter_span("2026-Q2");
    EXPECT_EQ(s, day("2026-04-01"));
    EXPECT_EQ(e, day("2026-07-01"));
    EXPECT_EQ(quarter_span("2026-Q4").second, day("2027-01-01"));
    EXPECT_EQ(quarter_span("2026-Q5").first, 0);
    auto [fs, fe] = fiscal_year_span(2026);
    EXPECT_EQ(fs, day("2025-10-01"));
    EXPECT_EQ(fe, day("2026-10-01"));
}

TEST(Impact, RatingsBesideCredentialedStaff) {
    auto [s, e] = quarter_span("2026-Q2");
    auto c = impact_counts(workforce(), s, e);
    // At the end of June: P1 employs a and c (b left on 15 May), both hold a credential;
    // P2 employs d and e (g left on 10 April): d's was revoked on 1 June, e's issued 15 June;
    // P3 employs f, who holds none.
    ASSERT_EQ(c.by_stars.size(), 6u);
    EXPECT_EQ(c.by_stars[3].programs, 1); // P1, latest rating 3 stars
    EXPECT_EQ(c.by_stars[3].staff, 2);
    EXPECT_EQ(c.by_stars[3].credentialed, 2);
    EXPECT_EQ(c.by_stars[4].programs, 1); // P2, 4 stars (the 5 of August is after the quarter)
    EXPECT_EQ(c.by_stars[4].staff, 2);
    EXPECT_EQ(c.by_stars[4].credentialed, 1);
    EXPECT_EQ(c.by_stars[0].programs, 1); // P3, never rated
    EXPECT_EQ(c.by_stars[0].staff, 1);
    EXPECT_EQ(c.by_stars[0].credentialed, 0);
    EXPECT_EQ(c.by_stars[5].programs, 0);
    // P1 rose from 2 to 3 stars, P2 stayed at 4.
    EXPECT_EQ(c.changes[0].change, "rose");
    EXPECT_EQ(c.changes[0].programs, 1);
    EXPECT_EQ(c.changes[0].credentialed, 2);
    EXPECT_EQ(c.changes[1].programs, 1);
    EXPECT_EQ(c.changes[2].programs, 0);
}

TEST(Impact, TwelveMonthRetentionAndIndicators) {
    auto [s, e] = quarter_span("2026-Q2");
    auto c = impact_counts(workforce(), s, e);
    // A year before the end (30 June 2025) the jobs of a, b, c, d, f (first job) and g were held
    // (e started in July 2025). Credential holders then: a (May 2025), d (revoked only in 2026), g.
    // Credentialed: a, d, g (3); still in the same job at the end: a, d (2).
    EXPECT_EQ(c.credentialed.cohort, 3);
    EXPECT_EQ(c.credentialed.retained, 2);
    // Others: b, c, f (3); still there: c (1).
    EXPECT_EQ(c.others.cohort, 3);
    EXPECT_EQ(c.others.retained, 1);
    // Rated programs P1 and P2; both 3 stars or more at the end of June.
    EXPECT_EQ(c.indicators.programs_rated, 2);
    EXPECT_EQ(c.indicators.programs_high_quality, 2);
    // Jobs held on 1 April: a, b, c, d, e, f (second job), g = 7; of those, b (15 May) and g (10 April)
    // ended in the quarter: turnover 2 / 7.
    EXPECT_EQ(c.indicators.staff_at_start, 7);
    EXPECT_EQ(c.indicators.separations, 2);
    // Issued in the quarter and not revoked by its end: e's (15 June).
    EXPECT_EQ(c.indicators.credentials_earned, 1);
    auto back = impact_from_json(nlohmann::json::parse(impact_to_json(c).dump()));
    EXPECT_EQ(back.others.retained, 1);
    EXPECT_EQ(back.by_stars[4].credentialed, 1);
    EXPECT_EQ(back.indicators.separations, 2);
}

TEST(Impact, FederalTableByFiscalYearAndSetting) {
    auto in = workforce();
    // FY 2026 (1 Oct 2025 - 30 Sep 2026): c (Feb 2026, center), e (Jun 2026, family child care).
    auto fy26 = credentials_by_setting(in, 2026);
    EXPECT_EQ(fy26, (std::map<std::string, long long>{{"center", 1}, {"family_child_care", 1}}));
    // FY 2025: g (Jan 2025, Head Start), a (May 2025, center).
    auto fy25 = credentials_by_setting(in, 2025);
    EXPECT_EQ(fy25, (std::map<std::string, long long>{{"center", 1}, {"head_start", 1}}));
}

TEST(Imports, RatingsAreCheckedRowByRow) {
    std::vector<ProgramRef> programs{{"p-1", "CC-1", "Little Oaks"}, {"p-2", "FCC-9", "Sunrise"}};
    auto ok = read_ratings_csv("\xEF\xBB\xBFProgram,Rated_On,Stars\r\ncc-1,2026-03-01,4\np-2,2025-12-31,2\n", programs);
    ASSERT_TRUE(ok.errors.empty());
    ASSERT_EQ(ok.rows.size(), 2u);
    EXPECT_EQ(ok.rows[0].program_id, "p-1");
    EXPECT_EQ(ok.rows[0].stars, 4);
    auto bad = read_ratings_csv("program,rated_on,stars\nCC-1,2026-02-30,4\nNOPE,2026-01-01,3\nCC-1,2026-01-01,6\n"
                                "FCC-9,2026-01-01,3\nFCC-9,2026-01-01,2\n",
                                programs);
    ASSERT_EQ(bad.errors.size(), 4u);
    EXPECT_EQ(bad.errors[0].line, 2u);
    EXPECT_EQ(bad.errors[0].key, "bad_date");
    EXPECT_EQ(bad.errors[1].key, "unknown_program");
    EXPECT_EQ(bad.errors[2].key, "bad_stars");
    EXPECT_EQ(bad.errors[3].key, "duplicate_row");
    EXPECT_EQ(bad.errors[3].line, 6u);
    EXPECT_EQ(read_ratings_csv("program,stars\nCC-1,3\n", programs).errors[0].key, "missing_column");
    EXPECT_EQ(read_ratings_csv("program,rated_on,stars\n\"CC-1,2026-01-01,3\n", programs).errors[0].key, "unclosed_quote");
}

TEST(Imports, CountyClassesAreLowerCasedWordsOncePerCounty) {
    auto ok = read_county_classes_csv("County,Class\nPotter,Rural\nPhiladelphia,urban\n");
    ASSERT_TRUE(ok.errors.empty());
    EXPECT_EQ(ok.classes.at("potter"), "rural");
    auto bad = read_county_classes_csv("county,class\nPotter,rural\npotter,urban\nAdams,=1+1\n");
    ASSERT_EQ(bad.errors.size(), 2u);
    EXPECT_EQ(bad.errors[0].key, "duplicate_row");
    EXPECT_EQ(bad.errors[1].key, "bad_class");
}
