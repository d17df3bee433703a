// Career lattices on the demo documents (web/demo/pathways/pathways.json): any one set of a level
// places a person there and she stands at the highest level she reaches (a CDA skips the lower
// Registry levels); "what gets you to the next level" is the closest set of the level above;
// bad documents name the field; adding a holding never lowers a level, removing one can.
#include <fstream>
#include <random>

#include <gtest/gtest.h>

#include "facts.hpp"
#include "mc_source_dir.hpp"
#include "pathways/lattice.hpp"

namespace mc::pathways {
namespace {

using test::award;
using test::kEightAreas;

LatticeDefinition demo_lattice(const std::string& slug) {
    std::ifstream in(std::string(MC_SOURCE_DIR) + "/web/demo/pathways/pathways.json");
    auto doc = nlohmann::json::parse(in);
    for (const auto& l : doc.at("lattices"))
        if (l.at("slug") == slug) {
            std::vector<RuleIssue> issues;
            auto def = lattice_from_json(l, issues);
            if (!def) throw std::runtime_error("demo lattice " + slug + ": " + issues.front().field);
            return *def;
        }
    throw std::runtime_error("no demo lattice " + slug);
}

TEST(Lattice, ACdaAlonePlacesAtRegistryLevelSevenAndEighteenCreditsIsNext) {
    auto registry = demo_lattice("registry-career-levels");
    ASSERT_EQ(registry.levels.size(), 17u);
    Facts f;
    f.externals.push_back({"cda", "cda-1", 0});
    auto p = place(registry, f);
    EXPECT_EQ(p.rank, 7); // levels 1-6 ask for hours or credits she does not have: skipped, not a gap
    ASSERT_GE(p.next, 0);
    EXPECT_EQ(registry.levels[p.next].code, "8");
    EXPECT_FALSE(p.next_best.met);
    EXPECT_DOUBLE_EQ(p.next_best.done, 12); // the CDA counts as 12 of the 18 credits
    EXPECT_DOUBLE_EQ(p.next_best.total, 18);
    // Six more credits of micro-credentials reach level 8.
    for (int i = 0; i < 4; ++i) f.earned.push_back(award("mc" + std::to_string(i), kEightAreas[i], 1.5));
    EXPECT_EQ(place(registry, f).rank, 8);
}

TEST(Lattice, ThreeLevelsFromTheEceCredentialPathwaysOrFromDegrees) {
    auto ladder = demo_lattice("ece-career-ladder");
    Facts f;
    EXPECT_EQ(place(ladder, f).rank, 0);
    EXPECT_EQ(place(ladder, f).level, -1);
    f.pathways_completed.insert("ece-credential-level-1");
    EXPECT_EQ(place(ladder, f).rank, 1);
    f.pathways_completed.insert("ece-credential-level-2");
    auto two = place(ladder, f);
    EXPECT_EQ(two.rank, 2);
    EXPECT_EQ(ladder.levels[two.next].code, "3");
    // A degree in another field plus 2 credits in each of the eight areas is the other route to 3.
    Facts degree;
    degree.externals.push_back({"degree_non_ece", "d", 0});
    for (int i = 0; i < 7; ++i) degree.earned.push_back(award("mc" + std::to_string(i), kEightAreas[i], 2));
    auto almost = place(ladder, degree);
    EXPECT_EQ(almost.rank, 2); // 14 credits: the 12-credit set of level 2
    EXPECT_EQ(almost.next_best.wanted_areas, std::vector<std::string>{"PDL"}); // the closest set of level 3
    degree.earned.push_back(award("mc7", "PDL", 2));
    auto top = place(ladder, degree);
    EXPECT_EQ(top.rank, 3);
    EXPECT_EQ(top.next, -1);
}

TEST(Lattice, BadDocumentsNameTheField) {
    auto doc = nlohmann::json::parse(R"({"slug": "l", "title": {"en": "L"}, "levels": [
        {"rank": 2, "code": "2", "title": {"en": "Two"}, "any_of": [{"credits": 3}]},
        {"rank": 1, "code": "1", "title": {"en": "One"}, "any_of": [{"credits": 1}]},
        {"rank": 3, "code": "3", "title": {"en": "Three"}, "any_of": []},
        {"rank": 4, "code": "4", "title": {"en": "Four"}, "any_of": [{"credits": -1}]}]})");
    std::vector<RuleIssue> issues;
    EXPECT_FALSE(lattice_from_json(doc, issues));
    std::set<std::string> fields;
    for (const auto& i : issues) fields.insert(i.field);
    EXPECT_TRUE(fields.contains("levels.1.rank"));   // ranks must rise
    EXPECT_TRUE(fields.contains("levels.2.any_of")); // a level needs a set
    EXPECT_TRUE(fields.contains("levels.3.any_of.0.credits"));
    issues.clear();
    doc["levels"] = nlohmann::json::array();
    for (int i = 1; i <= 41; ++i)
        doc["levels"].push_back({{"rank", i}, {"code", std::to_string(i)}, {"title", {{"en", "x"}}},
                                 {"any_of", nlohmann::json::array({{{"credits", i}}})}});
    EXPECT_FALSE(lattice_from_json(doc, issues));
    EXPECT_EQ(issues.front().field, "levels");
}

TEST(Lattice, AddingAHoldingNeverLowersALevelAndOnlyARemovalCan) {
    auto registry = demo_lattice("registry-career-levels");
    std::mt19937 rng(20261206);
    const char* externals[] = {"cda", "associate_ece", "degree_non_ece", "degree_ece", "master_ece"};
    int lowered_by_removal = 0;
    for (int trial = 0; trial < 300; ++trial) {
        Facts f;
        int rank = 0;
        for (int step = 0; step < 25; ++step) {
            int what = std::uniform_int_distribution<int>(0, 9)(rng);
            if (what == 0) f.externals.push_back({externals[rng() % 5], "x" + std::to_string(step), 0});
            else if (what == 1) f.pathways_completed.insert("ece-credential-level-" + std::to_string(1 + rng() % 3));
            else f.earned.push_back(award("mc" + std::to_string(step), kEightAreas[rng() % 8], (rng() % 4) * 0.5, rng() % 20));
            int now = place(registry, f).rank;
            ASSERT_GE(now, rank) << "trial " << trial << " step " << step;
            rank = now;
        }
        // A revocation: the holding leaves the facts, and the level may fall (never rise).
        Facts revoked = f;
        if (!revoked.earned.empty()) revoked.earned.erase(revoked.earned.begin() + rng() % revoked.earned.size());
        int after = place(registry, revoked).rank;
        EXPECT_LE(after, rank);
        lowered_by_removal += after < rank;
    }
    EXPECT_GT(lowered_by_removal, 0); // the property is not vacuous: removals do lower levels
}

} // namespace
} // namespace mc::pathways
