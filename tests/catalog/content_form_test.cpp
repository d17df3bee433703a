// The authoring form's conversion to a content document (pure).
#include <gtest/gtest.h>

#include "catalog/content.hpp"
#include "catalog/content_form.hpp"

using nlohmann::json;
using namespace mc::catalog;

TEST(CatalogForm, BuildsNestedListsNumbersAndCheckboxes) {
    std::multimap<std::string, std::string> form{
        {"_csrf", "ignored"},
        {"c.title.en", "Title"}, {"c.title.es", "Título"},
        {"c.estimated_hours", "2.5"}, {"c.credit.ceus", "0.2"},
        {"c.languages", "en"}, {"c.languages", "es"},
        {"c.parts.1.id", "second"}, {"c.parts.1.kind", "artifact"}, {"c.parts.1.accepted_types", "video"},
        {"c.parts.1.title.en", "Video"}, {"c.parts.0.id", "first"}, {"c.parts.0.kind", "overview"},
        {"c.parts.0.title.en", "Q"}, {"c.parts.0.required", "1"}, {"c.parts.0.min_words", "abc"},
        {"c.rubric.criteria.0.descriptors.demonstrated.en", "Yes"},
    };
    json c = content_from_form(form);
    EXPECT_EQ(c["title"]["es"], "Título");
    EXPECT_EQ(c["estimated_hours"], 2.5);
    EXPECT_EQ(c["credit"]["ceus"], 0.2);
    EXPECT_EQ(c["languages"], json({"en", "es"}));
    ASSERT_EQ(c["parts"].size(), 2u);
    EXPECT_EQ(c["parts"][0]["id"], "first"); // ordered by index, not by posting order
    EXPECT_EQ(c["parts"][0]["required"], true);
    EXPECT_EQ(c["parts"][1]["required"], false); // unticked checkbox
    EXPECT_EQ(c["parts"][0]["min_words"], "abc"); // kept for the validator to name
    EXPECT_EQ(c["parts"][1]["accepted_types"], json({"video"}));
    EXPECT_EQ(c["rubric"]["criteria"][0]["descriptors"]["demonstrated"]["en"], "Yes");
    EXPECT_FALSE(c.contains("_csrf"));
}

TEST(CatalogForm, DropsRemovedAndBlankRows) {
    std::multimap<std::string, std::string> form{
        {"c.method_components.0.en", "Keep"}, {"c.method_components.1.en", "Gone"},
        {"c.method_components.1._remove", "1"}, {"c.method_components.2.en", ""}, {"c.method_components.2.es", ""},
        {"c.parts.0.id", ""}, {"c.parts.0.kind", "overview"}, {"c.parts.0.title.en", ""}, {"c.parts.0.required", "1"},
        {"c.parts.0.min_words", "0"},
    };
    json c = content_from_form(form);
    ASSERT_EQ(c["method_components"].size(), 1u);
    EXPECT_EQ(c["method_components"][0]["en"], "Keep");
    EXPECT_TRUE(c["parts"].empty());
}

TEST(CatalogForm, AddRowAppendsAnEmptyRowToKnownListsOnly) {
    json c = json::object();
    EXPECT_TRUE(add_row(c, "parts"));
    EXPECT_TRUE(add_row(c, "rubric.criteria"));
    EXPECT_TRUE(add_row(c, "research"));
    EXPECT_FALSE(add_row(c, "title"));
    EXPECT_EQ(c["parts"].size(), 1u);
    EXPECT_EQ(c["rubric"]["criteria"].size(), 1u);
    EXPECT_EQ(c["research"][0]["url"], "");
}

TEST(CatalogForm, StarterContentIsValid) {
    auto c = starter_content("New", "Nueva", "To be written", "Por escribir");
    EXPECT_TRUE(validate_content(c).empty());
    EXPECT_TRUE(validate_content(starter_content("New", "", "x", "")).empty());
}
