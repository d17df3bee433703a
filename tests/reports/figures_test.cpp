// Every dashboard figure against a dataset small enough to count by hand: 6 educators,
// 12 enrollments in 2 micro-credentials, 10 decisions. The arithmetic is in the comments.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "platform/dates.hpp"
#include "reports/cube.hpp"
#include "reports/figures.hpp"
#include "reports/pathway_members.hpp"

using namespace mc::reports;

namespace {

const long long T0 = *mc::parse_day("2026-01-01");
constexpr long long D = 86400, H = 3600;

// id, educator, micro-credential, enrolled (days after T0), attempts {submitted day, outcome, decided day}.
struct Try {
    long long submitted; // -1: a draft never sent
    std::string outcome; // "" undecided
    long long decided;
};
EnrollmentFact make(const std::string& id, const std::string& who, const std::string& mc, long long enrolled,
                    std::vector<Try> tries) {
    EnrollmentFact e;
    e.id = id;
    e.educator_id = who;
    e.micro_credential_id = mc;
    e.enrolled_at = T0 + enrolled * D;
    int n = 0;
    for (const auto& t : tries) {
        ++n;
        e.started = true;
        if (t.submitted < 0) continue;
        if (!e.submitted_at) e.submitted_at = T0 + t.submitted * D;
        if (t.outcome.empty()) continue;
        if (n == 1) e.first_outcome = t.outcome, e.first_decided_at = T0 + t.decided * D;
        e.decisions.push_back({T0 + t.submitted * D, T0 + t.decided * D});
        if (t.outcome == "demonstrated" && !e.demonstrated_at) e.demonstrated_at = T0 + t.decided * D, e.passing_attempt = n;
    }
    return e;
}

struct Data {
    std::vector<EnrollmentFact> enrollments;
    std::map<std::string, PersonGroups> people;
    std::map<std::string, std::string> area_of{{"m1", "A1"}, {"m2", "A2"}};
    Cube cube;
};

Data dataset() {
    Data d;
    // A, B, C use the English pages; D, E, F the Spanish ones.
    for (auto [who, lang, setting] : {std::tuple{"A", "en", "center"}, std::tuple{"B", "en", "center"},
                                      std::tuple{"C", "en", "family_child_care"}, std::tuple{"D", "es", "center"},
                                      std::tuple{"E", "es", "family_child_care"}, std::tuple{"F", "es", "family_child_care"}})
        d.people[who] = {{"language", lang}, {"setting", setting}};
    d.enrollments = {
        make("1", "A", "m1", 0, {{5, "demonstrated", 8}}),                                   // 8 days, 72 h
        make("2", "A", "m2", 0, {{10, "not_yet", 12}, {20, "demonstrated", 30}}),           // 30 days, 48 h + 240 h
        make("3", "B", "m1", 1, {{-1, "", 0}}),                                              // a draft: started only
        make("4", "B", "m2", 2, {}),                                                         // enrolled only
        make("5", "C", "m1", 0, {{3, "demonstrated", 4}}),                                   // 4 days, 24 h
        make("6", "D", "m1", 0, {{10, "not_yet", 15}, {25, "not_yet", 27}, {40, "demonstrated", 50}}), // 50 days; 120, 48, 240 h
        make("7", "D", "m2", 5, {{6, "", 0}}),                                               // submitted, undecided
        make("8", "E", "m1", 0, {{1, "demonstrated", 2}}),                                   // 2 days, 24 h
        make("9", "E", "m2", 0, {}),                                                         // enrolled only
        make("10", "F", "m1", 0, {{2, "not_yet", 9}}),                                       // 168 h
        make("11", "F", "m2", 0, {{4, "demonstrated", 20}}),                                 // 20 days, 384 h
        make("12", "C", "m2", 0, {{-1, "", 0}}),                                             // a draft
    };
    d.cube = build_cube({&d.enrollments, &d.people, &d.area_of, nullptr});
    return d;
}

} // namespace

TEST(ReportFigures, TheWholeAgainstHandCounts) {
    auto d = dataset();
    // k = 1: nothing is suppressed, so every formula shows.
    auto f = dimension_figures("all", d.cube.dims["all"], d.cube.dims["all"]["all"], 1);
    const auto& t = f.total;
    EXPECT_EQ(t.people.value, 6);
    EXPECT_EQ(t.enrolled.value, 12);
    EXPECT_EQ(t.started.value, 10);     // all but 4 and 9
    EXPECT_EQ(t.submitted.value, 8);    // 1 2 5 6 7 8 10 11 (3 and 12 are drafts)
    EXPECT_EQ(t.demonstrated.value, 6); // 1 2 5 6 8 11
    EXPECT_EQ(t.first_decided.value, 7);  // first attempts decided: 1 2 5 6 8 10 11
    EXPECT_EQ(t.first_passed.value, 4);   // of which passed: 1 5 8 11
    EXPECT_EQ(t.decisions.value, 10);
    EXPECT_DOUBLE_EQ(*t.completion_rate, 6.0 / 12.0);
    EXPECT_DOUBLE_EQ(*t.first_pass_rate, 4.0 / 7.0);
    // Passing attempts 1 2 1 3 1 1: (1+2+1+3+1+1)/6 = 9/6 = 1.5.
    EXPECT_DOUBLE_EQ(*t.mean_attempts, 1.5);
    // Days to credential 8 30 4 50 2 20, sorted 2 4 8 20 30 50: median (8+20)/2 = 14;
    // 90th percentile: rank ceil(0.9 x 6) = 6 -> 50.
    EXPECT_DOUBLE_EQ(*t.days_median, 14.0);
    EXPECT_DOUBLE_EQ(*t.days_p90, 50.0);
    // Turnaround hours 24 24 48 48 72 120 168 240 240 384: median (72+120)/2 = 96 h = 4 days;
    // 90th percentile: rank ceil(0.9 x 10) = 9 -> 240 h = 10 days.
    EXPECT_DOUBLE_EQ(*t.turnaround_median, 4.0);
    EXPECT_DOUBLE_EQ(*t.turnaround_p90, 10.0);
}

TEST(ReportFigures, ByMicroCredentialAndArea) {
    auto d = dataset();
    auto f = dimension_figures("micro_credential", d.cube.dims["micro_credential"], d.cube.dims["all"]["all"], 1);
    ASSERT_EQ(f.groups.size(), 2u);
    // m1: enrollments 1 3 5 6 8 10 (6); demonstrated 1 5 6 8 (4); people A B C D E F (6).
    EXPECT_EQ(f.groups[0].key, "m1");
    EXPECT_EQ(f.groups[0].enrolled.value, 6);
    EXPECT_EQ(f.groups[0].demonstrated.value, 4);
    EXPECT_EQ(f.groups[0].people.value, 6);
    // m2: enrollments 2 4 7 9 11 12 (6); demonstrated 2 11 (2): days 30 and 20, median 25.
    EXPECT_EQ(f.groups[1].demonstrated.value, 2);
    EXPECT_DOUBLE_EQ(*f.groups[1].days_median, 25.0);
    // Areas follow their micro-credentials one to one here.
    EXPECT_EQ(d.cube.dims["area"]["A1"].enrolled, 6);
    EXPECT_EQ(d.cube.dims["area"]["A2"].demonstrated, 2);
}

TEST(ReportFigures, ByLanguageWithSuppressionAndTheEquityFlag) {
    auto d = dataset();
    // k = 3. English: enrollments 1 2 3 4 5 12 (6), started 5, submitted 3, demonstrated 3.
    // Spanish: 6 7 8 9 10 11 (6), started 5, submitted 5, demonstrated 3.
    auto f = dimension_figures("language", d.cube.dims["language"], d.cube.dims["all"]["all"], 3);
    ASSERT_EQ(f.groups.size(), 2u);
    const auto& en = f.groups[0];
    const auto& es = f.groups[1];
    EXPECT_EQ(en.enrolled.value, 6);
    EXPECT_EQ(es.enrolled.value, 6);
    // Started: [5 reached, 1 not] in both: the 1s are under 3, and a 5 would give each back
    // from the group size 6, so every started count is hidden.
    EXPECT_TRUE(en.started.hidden && es.started.hidden);
    // Submitted: English [3, 3], Spanish [5, 1]: Spanish 1 is hidden, then its 5 (row), then
    // English 3 and 3 (columns 8 and 4 would give the Spanish ones back).
    EXPECT_TRUE(en.submitted.hidden && es.submitted.hidden);
    // Demonstrated: [3, 3] and [3, 3]: nothing under 3, all shown; completion 3/6 = 50% each.
    EXPECT_EQ(en.demonstrated.value, 3);
    EXPECT_EQ(es.demonstrated.value, 3);
    EXPECT_DOUBLE_EQ(*en.completion_rate, 0.5);
    // First attempts: English 2 passed of 3, Spanish 2 of 4: every count under 3 or giving one back.
    EXPECT_FALSE(en.first_pass_rate.has_value());
    EXPECT_FALSE(es.first_pass_rate.has_value());
    // Days: English 8 30 4 -> median 8; Spanish 50 2 20 -> median 20.
    EXPECT_DOUBLE_EQ(*en.days_median, 8.0);
    EXPECT_DOUBLE_EQ(*es.days_median, 20.0);
    // Turnaround: English 72 48 240 24 h -> (48+72)/2 = 60 h = 2.5 days; Spanish 120 48 240 24 168
    // 384 h -> (120+168)/2 = 144 h = 6 days.
    EXPECT_DOUBLE_EQ(*en.turnaround_median, 2.5);
    EXPECT_DOUBLE_EQ(*es.turnaround_median, 6.0);
    // Equity: completion 50% everywhere; Spanish median 20 days vs 14 for everyone is
    // 20/14 - 1 = 42.9% slower, over the 25% margin; English (8) is faster.
    auto flags = equity_flags({f}, {10, 25});
    ASSERT_EQ(flags.size(), 1u);
    EXPECT_EQ(flags[0].group, "es");
    EXPECT_EQ(flags[0].measure, "time_to_credential");
    EXPECT_DOUBLE_EQ(flags[0].value, 20.0);
    EXPECT_DOUBLE_EQ(flags[0].overall, 14.0);
    EXPECT_EQ(flags[0].enrolled, 6);
    EXPECT_EQ(flags[0].demonstrated, 3);
}

TEST(ReportFigures, SmallGroupsAreHiddenWholeAtTheAgencyThreshold) {
    auto d = dataset();
    // k = 10: no group reaches 10 people, so every group is hidden whole.
    auto f = dimension_figures("setting", d.cube.dims["setting"], d.cube.dims["all"]["all"], 10);
    for (const auto& g : f.groups) {
        EXPECT_TRUE(g.hidden) << g.key;
        EXPECT_TRUE(g.enrolled.hidden && g.demonstrated.hidden);
        EXPECT_FALSE(g.completion_rate.has_value());
    }
}

TEST(ReportFigures, TrendsByMonthAndQuarter) {
    auto d = dataset();
    // Enrollments all in January (days 0 to 5). Credentials: day 50 is 20 February, the
    // others in January (days 2 to 30). Decisions: one in February (day 50), nine in January.
    auto months = trend(d.cube.months, false, 1);
    ASSERT_EQ(months.size(), 2u);
    EXPECT_EQ(months[0].period, "2026-01");
    EXPECT_EQ(months[0].enrolled.value, 12);
    EXPECT_EQ(months[0].submitted.value, 8);
    EXPECT_EQ(months[0].demonstrated.value, 5);
    EXPECT_EQ(months[0].decisions.value, 9);
    EXPECT_EQ(months[1].period, "2026-02");
    EXPECT_EQ(months[1].demonstrated.value, 1);
    EXPECT_DOUBLE_EQ(*months[0].first_pass_rate, 4.0 / 7.0);
    auto quarters = trend(d.cube.months, true, 1);
    ASSERT_EQ(quarters.size(), 1u);
    EXPECT_EQ(quarters[0].period, "2026-Q1");
    EXPECT_EQ(quarters[0].demonstrated.value, 6);
    EXPECT_EQ(quarters[0].decisions.value, 10);
    EXPECT_DOUBLE_EQ(*quarters[0].turnaround_median, 4.0);
    // k = 10: February's single credential is hidden, and January's 5 too.
    auto hidden = trend(d.cube.months, false, 10);
    EXPECT_TRUE(hidden[1].demonstrated.hidden);
    EXPECT_TRUE(hidden[0].demonstrated.hidden);
    EXPECT_FALSE(hidden[0].enrolled.hidden); // 12
}

TEST(ReportFigures, TheCubeSurvivesItsJson) {
    auto d = dataset();
    auto back = cube_from_json(nlohmann::json::parse(cube_to_json(d.cube).dump()));
    auto a = dimension_figures("language", d.cube.dims["language"], d.cube.dims["all"]["all"], 1);
    auto b = dimension_figures("language", back.dims["language"], back.dims["all"]["all"], 1);
    EXPECT_EQ(b.groups[1].turnaround_p90, a.groups[1].turnaround_p90);
    EXPECT_EQ(b.total.days_median, a.total.days_median);
    EXPECT_EQ(back.months.size(), d.cube.months.size());
}

TEST(ReportFigures, PercentilesFromDistributions) {
    Histogram h{{1, 1}, {2, 1}, {3, 1}, {4, 1}};
    EXPECT_DOUBLE_EQ(*hist_median(h), 2.5);       // (2+3)/2
    EXPECT_DOUBLE_EQ(*hist_percentile(h, 90), 4); // rank ceil(3.6) = 4
    EXPECT_DOUBLE_EQ(*hist_percentile({{7, 10}}, 90), 7);
    EXPECT_FALSE(hist_median({}).has_value());
}

// Which micro-credentials count toward which pathway: named, by area, through a nested pathway.
TEST(ReportFigures, PathwayMembersFromTheirRules) {
    using mc::pathways::PathwayDefinition;
    using mc::pathways::Rule;
    using mc::pathways::RuleKind;
    auto leaf = [](RuleKind k, std::string ref) {
        Rule r;
        r.kind = k;
        r.ref = std::move(ref);
        return r;
    };
    std::vector<CatalogEntry> catalog = {{"m1", "infants", "CGD"}, {"m2", "families", "FCR"}, {"m3", "safety", "HSN"}};
    PathwayDefinition named; // m1 by slug
    named.slug = "infant-path";
    named.rule = leaf(RuleKind::micro_credential, "infants");
    PathwayDefinition by_area; // 3 credits in FCR: m2; and the infant path: m1
    by_area.slug = "family-path";
    by_area.rule.kind = RuleKind::all_of;
    by_area.rule.children = {leaf(RuleKind::credits, "FCR"), leaf(RuleKind::pathway, "infant-path")};
    PathwayDefinition loop; // names itself and a pathway nobody defined: counts for nothing more
    loop.slug = "loop";
    loop.rule.kind = RuleKind::any_of;
    loop.rule.children = {leaf(RuleKind::pathway, "loop"), leaf(RuleKind::pathway, "ghost")};
    PathwayDefinition any; // credits in any area: every micro-credential
    any.slug = "any-credits";
    any.rule = leaf(RuleKind::credits, "");
    auto of = pathways_by_micro_credential({named, by_area, loop, any}, catalog);
    EXPECT_EQ(of["m1"], (std::vector<std::string>{"infant-path", "family-path", "any-credits"}));
    EXPECT_EQ(of["m2"], (std::vector<std::string>{"family-path", "any-credits"}));
    EXPECT_EQ(of["m3"], (std::vector<std::string>{"any-credits"}));
    // In the cube an enrollment lands in each of its pathways, so the groups overlap.
    std::vector<EnrollmentFact> es = {make("e1", "a", "m1", 0, {}), make("e2", "b", "m2", 0, {}), make("e3", "c", "m3", 0, {})};
    auto cube = build_cube({&es, nullptr, nullptr, &of});
    EXPECT_EQ(cube.dims["pathway"]["family-path"].enrolled, 2);
    EXPECT_EQ(cube.dims["pathway"]["any-credits"].enrolled, 3);
    EXPECT_EQ(cube.dims["pathway"]["infant-path"].enrolled, 1);
    EXPECT_FALSE(cube.dims["pathway"].contains("loop"));
}
