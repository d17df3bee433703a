// Worked examples from Washington's rules (WAC 110-300-0100), as the demo documents in
// web/demo/pathways/pathways.json encode them: the 12/20/47-credit stackable certificates, a
// CDA counting as 12, lead teachers' five years from hire, and the alternative route of a degree
// in another field plus 2 credits in each of the eight core areas.
#include <fstream>

#include <gtest/gtest.h>

#include "facts.hpp"
#include "pathways/definitions.hpp"
#include "platform/dates.hpp"
#include "mc_source_dir.hpp"

namespace mc::pathways {
namespace {

using test::award;
using test::kEightAreas;

// Read once and kept: iterating demo()["x"] directly would walk a destroyed temporary.
const nlohmann::json& demo() {
    static const nlohmann::json doc = [] {
        std::ifstream in(std::string(MC_SOURCE_DIR) + "/web/demo/pathways/pathways.json");
        return nlohmann::json::parse(in);
    }();
    return doc;
}

RequirementDefinition requirement(const std::string& slug) {
    for (const auto& doc : demo()["requirements"])
        if (doc["slug"] == slug) {
            std::vector<RuleIssue> issues;
            auto r = requirement_from_json(doc, issues);
            if (!r) throw std::runtime_error("demo requirement " + slug + ": " + issues.front().field);
            return *r;
        }
    throw std::runtime_error("no demo requirement " + slug);
}

PathwayDefinition pathway(const std::string& slug) {
    for (const auto& doc : demo()["pathways"])
        if (doc["slug"] == slug) {
            std::vector<RuleIssue> issues;
            auto p = pathway_from_json(doc, issues);
            if (!p) throw std::runtime_error("demo pathway " + slug + ": " + issues.front().field);
            return *p;
        }
    throw std::runtime_error("no demo pathway " + slug);
}

long long day(const char* text) { return *parse_day(text); }

TEST(Requirements, EveryDemoDocumentParses) {
    for (const auto& doc : demo()["requirements"]) {
        std::vector<RuleIssue> issues;
        EXPECT_TRUE(requirement_from_json(doc, issues)) << doc["slug"];
    }
    for (const auto& doc : demo()["pathways"]) {
        std::vector<RuleIssue> issues;
        EXPECT_TRUE(pathway_from_json(doc, issues)) << doc["slug"];
    }
}

TEST(Requirements, LeadTeacherTwelveCreditsDueFiveYearsAfterHire) {
    auto r = requirement("lead-teacher-initial-certificate");
    EXPECT_TRUE(applies_to(r, "lead_teacher", "center"));
    EXPECT_FALSE(applies_to(r, "aide", "center"));
    Facts f;
    // Ten micro-credentials of 12 clock hours each at 10 clock hours per credit: 10 x 1.2 = 12.
    for (int i = 0; i < 9; ++i) f.earned.push_back(award("mc" + std::to_string(i), kEightAreas[i % 8], 1.2));
    auto s = requirement_status(r, f, day("2024-01-15"), day("2026-12-04"));
    EXPECT_EQ(s.due_at, day("2029-01-15"));
    EXPECT_EQ(s.standing, Standing::on_track);
    EXPECT_NEAR(s.outcome.done, 10.8, 1e-9);
    EXPECT_EQ(s.outcome.unit, Unit::credits);
    // Half a year before the deadline, unmet: at risk; on the day: overdue.
    EXPECT_EQ(requirement_status(r, f, day("2024-01-15"), day("2028-08-01")).standing, Standing::at_risk);
    EXPECT_EQ(requirement_status(r, f, day("2024-01-15"), day("2029-01-15")).standing, Standing::overdue);
    f.earned.push_back(award("mc9", "PDL", 1.2));
    s = requirement_status(r, f, day("2024-01-15"), day("2029-02-01"));
    EXPECT_EQ(s.standing, Standing::met); // met late is still met
}

TEST(Requirements, ACdaCountsAsTwelveCredits) {
    auto lead = requirement("lead-teacher-initial-certificate");
    Facts f;
    f.externals.push_back({"cda", "cda-1", 0});
    EXPECT_TRUE(requirement_status(lead, f, day("2025-03-01"), day("2026-12-04")).outcome.met);
    // Toward the 47-credit State Certificate a CDA is 12 of them, not all.
    auto director = requirement("director-state-certificate");
    for (int i = 0; i < 30; ++i) f.earned.push_back(award("m" + std::to_string(i), kEightAreas[i % 8], 1));
    auto s = requirement_status(director, f, day("2025-03-01"), day("2026-12-04"));
    EXPECT_FALSE(s.outcome.met);
    EXPECT_DOUBLE_EQ(s.outcome.done, 42);
    EXPECT_TRUE(s.outcome.used_externals.contains("cda-1"));
    for (int i = 30; i < 35; ++i) f.earned.push_back(award("m" + std::to_string(i), "PDL", 1));
    EXPECT_TRUE(requirement_status(director, f, day("2025-03-01"), day("2026-12-04")).outcome.met);
}

TEST(Requirements, DegreeInAnotherFieldPlusTwoCreditsInEachOfTheEightAreas) {
    auto r = requirement("lead-teacher-initial-certificate");
    Facts f;
    f.externals.push_back({"degree_non_ece", "ba-1", 0});
    // 2 credits in five areas (10 credits: the credits route is 10 of 12).
    for (int i = 0; i < 5; ++i) f.earned.push_back(award(std::string("a") + kEightAreas[i], kEightAreas[i], 2));
    // 1 credit in a sixth: not enough for that area.
    f.earned.push_back(award("b-INT", "INT", 1));
    auto s = requirement_status(r, f, day("2025-01-01"), day("2026-12-04"));
    EXPECT_FALSE(s.outcome.met);
    EXPECT_NEAR(s.outcome.fraction(), 11.0 / 12.0, 1e-9); // the credits route is closer: 11 of 12
    // Micro-credentials meet the alternative route with fewer than 12 credits in total? No:
    // 8 x 2 = 16. But the route is met by area, whatever the total: take 1.5 + 0.5 in one area.
    f.earned.push_back(award("c-INT", "INT", 1));
    f.earned.push_back(award("a-PPD", "PPD", 2));
    EXPECT_TRUE(requirement_status(r, f, day("2025-01-01"), day("2026-12-04")).outcome.met); // 14 credits
    // Two credits in every area, from two micro-credentials each.
    Facts only_route;
    only_route.externals.push_back({"degree_non_ece", "ba-1", 0});
    for (const char* a : kEightAreas) {
        only_route.earned.push_back(award(std::string("x") + a, a, 1.5));
        only_route.earned.push_back(award(std::string("y") + a, a, 0.5));
    }
    EXPECT_TRUE(evaluate(r.rule.children.at(1), only_route).met);
    EXPECT_TRUE(requirement_status(r, only_route, day("2025-01-01"), day("2026-12-04")).outcome.met);
    // 1.5 credits in seven areas: no area reaches 2, and 10.5 credits are short of 12.
    Facts seven;
    seven.externals.push_back({"degree_non_ece", "ba-1", 0});
    for (int i = 0; i < 7; ++i) seven.earned.push_back(award(std::string("z") + kEightAreas[i], kEightAreas[i], 1.5));
    auto s7 = requirement_status(r, seven, day("2025-01-01"), day("2026-12-04"));
    EXPECT_FALSE(s7.outcome.met); // 10.5 of 12 credits; 0 of 8 areas at 2 credits
    EXPECT_EQ(s7.outcome.unit, Unit::credits);
}

TEST(Requirements, FiveOfEightAreasOnTheAlternativeRoute) {
    auto r = requirement("lead-teacher-initial-certificate");
    Facts f;
    f.externals.push_back({"degree_non_ece", "ba-1", 0});
    for (int i = 0; i < 5; ++i) f.earned.push_back(award(std::string("a") + kEightAreas[i], kEightAreas[i], 2));
    auto o = evaluate(r.rule, f);
    // 10 of 12 credits (0.83) beats 5 of 8 areas (0.625): the page shows the nearer route.
    EXPECT_EQ(o.unit, Unit::credits);
    auto route = evaluate(r.rule.children.at(1), f);
    EXPECT_EQ(route.unit, Unit::areas);
    EXPECT_EQ(route.done, 5);
    EXPECT_EQ(route.total, 8);
}

TEST(Requirements, DeadlinesAreCalendarMonths) {
    EXPECT_EQ(add_months(day("2024-01-31"), 1), day("2024-02-29"));
    EXPECT_EQ(add_months(day("2023-01-31"), 1), day("2023-02-28"));
    EXPECT_EQ(add_months(day("2024-02-29"), 60), day("2029-02-28"));
    EXPECT_EQ(add_months(day("2021-11-15"), 14), day("2023-01-15"));
}

TEST(Pathways, EightAreaCredentialAndItsOrder) {
    auto p = pathway("ece-credential-level-2");
    Facts f;
    // The quality-improvement cycle waits for the observation-to-plan micro-credential.
    auto waiting = unmet_prerequisite(p, "pdsa-quality-improvement-cycle", f);
    ASSERT_TRUE(waiting);
    EXPECT_EQ(waiting->wanted_slugs, (std::vector<std::string>{"observation-to-individualized-plan"}));
    EXPECT_FALSE(unmet_prerequisite(p, "reflective-growth-plan", f));
    f.earned.push_back(award("observation-to-individualized-plan", "OMP", 1));
    EXPECT_FALSE(unmet_prerequisite(p, "pdsa-quality-improvement-cycle", f));
    auto level1 = pathway("ece-credential-level-1");
    for (const char* a : {"CGD", "CLE", "FCP"}) f.earned.push_back(award(std::string("m") + a, a, 1));
    EXPECT_TRUE(evaluate(level1.rule, f).met);
    EXPECT_FALSE(evaluate(p.rule, f).met);
    EXPECT_EQ(evaluate(p.rule, f).done, 4);
}

TEST(Pathways, DocumentsRefuseBadPolicyAndSlug) {
    std::vector<RuleIssue> issues;
    auto doc = nlohmann::json::parse(R"({"slug": "Bad Slug", "title": {"en": "x"}, "rule": {"external": "cda"},
                                         "on_constituent_revoked": "sometimes"})");
    EXPECT_FALSE(pathway_from_json(doc, issues));
    ASSERT_EQ(issues.size(), 2u);
    EXPECT_EQ(issues[0].field, "slug");
    EXPECT_EQ(issues[1].field, "on_constituent_revoked");
}

} // namespace
} // namespace mc::pathways
