// The content model's rules, one test each, and the passing rule.
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "catalog/content.hpp"
#include "mc_source_dir.hpp"

using nlohmann::json;
using namespace mc::catalog;

namespace {

json sample() {
    std::ifstream in(std::string(MC_SOURCE_DIR) + "/tests/catalog/data/micro-credentials/serve-and-return.json");
    return json::parse(in)["content"];
}

// The fields of every issue for a document changed by `edit`.
std::vector<std::string> fields_after(void (*edit)(json&)) {
    json doc = sample();
    edit(doc);
    std::vector<std::string> out;
    for (const auto& i : validate_content(doc)) out.push_back(i.field + " " + i.key);
    return out;
}

bool has(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

} // namespace

TEST(CatalogContent, SampleIsValidAndRoundTrips) {
    auto parsed = parse_content(sample());
    ASSERT_TRUE(parsed) << parsed.error().detail;
    EXPECT_EQ(parsed->parts.size(), 3u);
    EXPECT_EQ(parsed->title.in("es"), "Conversación de ida y vuelta");
    EXPECT_EQ(parsed->credit.ceus, 0.6);
    auto again = parse_content(to_json(*parsed));
    ASSERT_TRUE(again);
    EXPECT_EQ(to_json(*again), to_json(*parsed));
    EXPECT_TRUE(validate_content(sample()).empty());
}

TEST(CatalogContent, TextFallsBackToEnglish) {
    Text t{"Hello", ""};
    EXPECT_EQ(t.in("es"), "Hello");
    EXPECT_EQ((Text{"Hello", "Hola"}).in("es"), "Hola");
}

TEST(CatalogContent, EachRuleNamesItsField) {
    EXPECT_TRUE(has(fields_after([](json& d) { d["title"]["en"] = ""; }), "title catalog.errors.needs_english"));
    EXPECT_TRUE(has(fields_after([](json& d) { d.erase("summary"); }), "summary catalog.errors.needs_english"));
    EXPECT_TRUE(has(fields_after([](json& d) { d["title"] = "plain"; }), "title catalog.errors.type_text"));
    EXPECT_TRUE(has(fields_after([](json& d) { d["parts"] = json::array(); }), "parts catalog.errors.no_parts"));
    EXPECT_TRUE(has(fields_after([](json& d) { d["parts"][1]["id"] = "overview"; }), "parts.1.id catalog.errors.part_id"));
    EXPECT_TRUE(has(fields_after([](json& d) { d["parts"][0]["kind"] = "essay"; }), "parts.0.kind catalog.errors.part_kind"));
    EXPECT_TRUE(has(fields_after([](json& d) { d["parts"][1]["accepted_types"] = json::array(); }),
                    "parts.1.accepted_types catalog.errors.no_types"));
    EXPECT_TRUE(has(fields_after([](json& d) { d["parts"][1]["accepted_types"] = {"hologram"}; }),
                    "parts.1.accepted_types catalog.errors.unknown_value"));
    EXPECT_TRUE(has(fields_after([](json& d) { d["parts"][0]["min_words"] = "many"; }),
                    "parts.0.min_words catalog.errors.whole_number"));
    EXPECT_TRUE(has(fields_after([](json& d) { d["estimated_hours"] = -1; }), "estimated_hours catalog.errors.number"));
    EXPECT_TRUE(has(fields_after([](json& d) { d["credit"]["ceus"] = "x"; }), "credit.ceus catalog.errors.number"));
    EXPECT_TRUE(has(fields_after([](json& d) { d["research"][0]["url"] = "javascript:alert(1)"; }),
                    "research.0.url catalog.errors.url"));
    EXPECT_TRUE(has(fields_after([](json& d) { d["languages"] = {"es"}; }), "languages catalog.errors.needs_en"));
    EXPECT_TRUE(has(fields_after([](json& d) { d["title"]["es"] = ""; }), "title catalog.errors.needs_spanish"));
    EXPECT_TRUE(has(fields_after([](json& d) { d["rubric"]["levels"].erase(1); }), "rubric.levels catalog.errors.two_levels"));
    EXPECT_TRUE(has(fields_after([](json& d) { d["rubric"]["passing_level"] = "great"; }),
                    "rubric.passing_level catalog.errors.passing_level"));
    EXPECT_TRUE(has(fields_after([](json& d) { d["rubric"]["levels"][1]["id"] = "not_yet"; }),
                    "rubric.levels.1.id catalog.errors.level_id"));
    EXPECT_TRUE(has(fields_after([](json& d) { d["rubric"]["criteria"][0]["part_id"] = "nope"; }),
                    "rubric.criteria.0.part_id catalog.errors.criterion_part"));
    EXPECT_TRUE(has(fields_after([](json& d) { d["rubric"]["criteria"][1]["id"] = "turns"; }),
                    "rubric.criteria.1.id catalog.errors.criterion_id"));
    EXPECT_TRUE(has(fields_after([](json& d) { d["rubric"]["criteria"][0]["descriptors"].erase("demonstrated"); }),
                    "rubric.criteria.0.descriptors.demonstrated catalog.errors.needs_english"));
    EXPECT_TRUE(has(fields_after([](json& d) { d["rubric"]["criteria"] = json::array(); }),
                    "rubric.criteria catalog.errors.no_criteria"));
    EXPECT_TRUE(has(fields_after([](json& d) { d.erase("rubric"); }), "rubric catalog.errors.no_rubric"));
}

TEST(CatalogContent, CollectsEveryProblemAndParseReportsTheFirst) {
    json doc = sample();
    doc["title"]["en"] = "";
    doc["parts"][0]["kind"] = "essay";
    EXPECT_EQ(validate_content(doc).size(), 2u);
    auto parsed = parse_content(doc);
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().key, "catalog.invalid_content");
    EXPECT_EQ(parsed.error().code, mc::Errc::bad_input);
    EXPECT_NE(parsed.error().detail.find("title"), std::string::npos);
}

TEST(CatalogContent, WrongTypesAreProblemsNotExceptions) {
    for (json doc : {json(nullptr), json(42), json::array(), json{{"parts", 7}, {"rubric", {{"levels", "x"}}}},
                     json{{"parts", {{{"id", 5}, {"required", "yes"}, {"max_files", 2.5}}}}}}) {
        EXPECT_NO_THROW({
            auto issues = validate_content(doc);
            EXPECT_FALSE(issues.empty());
        });
    }
}

TEST(CatalogRubric, PassesOnlyWhenEveryCriterionReachesThePassingLevel) {
    json doc = sample();
    doc["rubric"]["levels"].push_back({{"id", "exemplary"}, {"label", {{"en", "Exemplary"}}}});
    for (auto& c : doc["rubric"]["criteria"]) c["descriptors"]["exemplary"] = {{"en", "More."}};
    auto c = parse_content(doc);
    ASSERT_TRUE(c) << c.error().detail;
    const auto& r = c->rubric;
    EXPECT_TRUE(r.passes({{"turns", "demonstrated"}, {"insight", "demonstrated"}}));
    EXPECT_TRUE(r.passes({{"turns", "exemplary"}, {"insight", "demonstrated"}}));
    EXPECT_FALSE(r.passes({{"turns", "not_yet"}, {"insight", "exemplary"}}));
    EXPECT_FALSE(r.passes({{"turns", "demonstrated"}}));                        // a criterion unscored
    EXPECT_FALSE(r.passes({{"turns", "demonstrated"}, {"insight", "bogus"}}));  // unknown level
    EXPECT_FALSE(r.passes({}));
    EXPECT_EQ(r.level_rank("exemplary"), 2);
    EXPECT_EQ(r.level_rank("bogus"), -1);
}
