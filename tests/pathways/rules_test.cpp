// The rule engine on small trees: each kind of rule, progress, evidence, in review, suggestions,
// and rule documents refused with the field named.
#include <gtest/gtest.h>

#include "facts.hpp"

namespace mc::pathways {
namespace {

using test::award;
using test::parse;

TEST(Rules, OneInEachOfTheEightAreasCountsAreasAndNamesTheMissingOnes) {
    auto rule = parse(R"({"each_area": ["CGD","CLE","OMP","FCP","HSN","INT","PPD","PDL"]})");
    Facts f;
    for (const char* a : {"CGD", "CLE", "OMP", "FCP", "HSN"}) f.earned.push_back(award(std::string("mc-") + a, a, 1));
    f.in_review.push_back(award("mc-INT", "INT", 1));
    auto o = evaluate(rule, f);
    EXPECT_FALSE(o.met);
    EXPECT_EQ(o.unit, Unit::areas);
    EXPECT_EQ(o.done, 5);
    EXPECT_EQ(o.total, 8);
    EXPECT_EQ(o.areas_missing, (std::vector<std::string>{"INT", "PPD", "PDL"}));
    EXPECT_EQ(o.in_review, (std::vector<std::string>{"mc-INT"}));
    EXPECT_EQ(o.used_awards.size(), 5u);

    std::vector<Offer> offers{{"mc-INT", "INT", 1, 10}, {"mc-PPD", "PPD", 2, 20}, {"mc-PDL", "PDL", 1, 12},
                              {"mc-CGD", "CGD", 1, 12}};
    // In review is not suggested again; already earned never.
    EXPECT_EQ(suggestions(o, f, offers), (std::vector<std::string>{"mc-PPD", "mc-PDL"}));

    f.earned.push_back(award("mc-INT", "INT", 1));
    f.earned.push_back(award("mc-PPD", "PPD", 1));
    f.earned.push_back(award("mc-PDL", "PDL", 1));
    o = evaluate(rule, f);
    EXPECT_TRUE(o.met);
    EXPECT_EQ(o.used_awards.size(), 8u);
    EXPECT_TRUE(suggestions(o, f, offers).empty());
}

TEST(Rules, AtLeastNOfCountsMetChildrenAndUsesOnlyTheirAwards) {
    auto rule = parse(R"({"at_least": 2, "of": [{"micro_credential": "a"}, {"micro_credential": "b"}, {"micro_credential": "c"}]})");
    Facts f;
    f.earned.push_back(award("a", "CGD", 1));
    auto o = evaluate(rule, f);
    EXPECT_FALSE(o.met);
    EXPECT_EQ(o.done, 1);
    EXPECT_EQ(o.total, 2);
    EXPECT_EQ(o.wanted_slugs, (std::vector<std::string>{"b", "c"}));
    f.earned.push_back(award("c", "CLE", 1));
    o = evaluate(rule, f);
    EXPECT_TRUE(o.met);
    EXPECT_EQ(o.used_awards, (std::set<std::string>{"award-a", "award-c"}));
}

TEST(Rules, AnyOfShowsTheRouteClosestToDone) {
    auto rule = parse(R"({"any_of": [{"credits": 12}, {"all_of": [{"external": "degree_non_ece"}, {"each_area": ["CGD","CLE"], "credits_per_area": 2}]}]})");
    Facts f;
    f.earned.push_back(award("a", "CGD", 3));
    auto o = evaluate(rule, f);
    EXPECT_FALSE(o.met);
    EXPECT_EQ(o.unit, Unit::credits); // 3 of 12 credits (0.25) beats 0 of 2 parts
    EXPECT_DOUBLE_EQ(o.done, 3);
    f.externals.push_back({"degree_non_ece", "deg-1", 0});
    o = evaluate(rule, f);
    // The degree is in place: what is left is the areas (1 of 2 areas, 0.5 > 0.25).
    EXPECT_EQ(o.unit, Unit::areas);
    EXPECT_EQ(o.done, 1);
    EXPECT_EQ(o.areas_missing, (std::vector<std::string>{"CLE"}));
}

TEST(Rules, ClockHoursAndCreditsPerAreaAndPathwayLeaves) {
    auto rule = parse(R"({"all_of": [{"pathway": "level-2"}, {"clock_hours": 30}, {"credits": 2, "area": "OMP"}]})");
    Facts f;
    f.earned.push_back(award("a", "OMP", 1, 20));
    f.earned.push_back(award("b", "CGD", 5, 12));
    auto o = evaluate(rule, f);
    EXPECT_FALSE(o.met);
    EXPECT_EQ(o.done, 1); // clock hours met (32), OMP credits 1 of 2, pathway not completed
    f.pathways_completed.insert("level-2");
    f.earned.push_back(award("c", "OMP", 1, 1));
    EXPECT_TRUE(evaluate(rule, f).met);
}

TEST(Rules, CreditsOfPrefersCollegeCreditThenClockHoursAtTheAgencyRate) {
    EXPECT_DOUBLE_EQ(credits_of(1, 20, 10), 1);
    EXPECT_DOUBLE_EQ(credits_of(0, 12, 10), 1.2);
    EXPECT_DOUBLE_EQ(credits_of(0, 12, 0), 0);
}

TEST(Rules, RoundTripThroughJson) {
    const char* text = R"({"any_of":[{"credits":12,"equivalents":{"cda":12}},{"all_of":[{"external":"degree_non_ece"},{"each_area":["CGD","CLE"],"min_count":1,"credits_per_area":2}]},{"at_least":1,"of":[{"micro_credential":"x"},{"pathway":"p"}]},{"clock_hours":10,"area":"HSN"}]})";
    auto rule = parse(text);
    EXPECT_EQ(rule_to_json(rule), nlohmann::json::parse(text));
    std::set<std::string> mcs, paths;
    referenced(rule, mcs, paths);
    EXPECT_EQ(mcs, (std::set<std::string>{"x"}));
    EXPECT_EQ(paths, (std::set<std::string>{"p"}));
}

std::vector<RuleIssue> issues_of(const std::string& text) {
    std::vector<RuleIssue> issues;
    rule_from_json(nlohmann::json::parse(text), issues);
    return issues;
}

TEST(Rules, BadDocumentsNameTheField) {
    EXPECT_EQ(issues_of(R"({"credits": -1})").at(0).field, "rule.credits");
    EXPECT_EQ(issues_of(R"({"credits": 1, "all_of": []})").at(0).key, "pathways.errors.rule_shape");
    EXPECT_EQ(issues_of(R"({"all_of": [{"micro_credential": "ok"}, {"micro_credential": "bad slug"}]})").at(0).field,
              "rule.all_of.1.micro_credential");
    EXPECT_EQ(issues_of(R"({"at_least": 3, "of": [{"external": "cda"}]})").at(0).key, "pathways.errors.rule_count");
    EXPECT_EQ(issues_of(R"({"each_area": []})").at(0).key, "pathways.errors.rule_children");
    EXPECT_EQ(issues_of(R"([1])").at(0).key, "pathways.errors.rule_shape");
}

TEST(Rules, DepthAndSizeAreBounded) {
    std::string deep = R"({"external": "cda"})";
    for (int i = 0; i < 20; ++i) deep = R"({"all_of": [)" + deep + "]}";
    auto issues = issues_of(deep);
    ASSERT_FALSE(issues.empty());
    EXPECT_EQ(issues.front().key, "pathways.errors.rule_too_deep");

    nlohmann::json wide{{"any_of", nlohmann::json::array()}};
    for (int i = 0; i < 60; ++i) {
        nlohmann::json inner{{"any_of", nlohmann::json::array()}};
        for (int j = 0; j < 4; ++j) inner["any_of"].push_back({{"external", "cda"}});
        wide["any_of"].push_back(inner);
    }
    std::vector<RuleIssue> found;
    rule_from_json(wide, found);
    ASSERT_FALSE(found.empty());
    EXPECT_EQ(found.front().key, "pathways.errors.rule_too_large");
}

} // namespace
} // namespace mc::pathways
