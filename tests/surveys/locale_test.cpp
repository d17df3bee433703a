// Every {{#t}}key{{/t}} of the surveys and reports templates exists in English and Spanish,
// their catalogs hold the same keys in both languages, and no template uses triple braces.
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <gtest/gtest.h>

#include "platform/i18n/catalog.hpp"
#include "mc_source_dir.hpp"

TEST(SurveysAndReportsLocales, EveryTemplateKeyExistsInBothLanguages) {
    std::filesystem::path root = MC_SOURCE_DIR;
    mc::i18n::Catalog catalog;
    ASSERT_TRUE(catalog.load(root / "web/locales"));
    std::regex key(R"(\{\{#t\}\}\s*([a-z0-9_.]+)\s*\{\{/t\}\})");
    int checked = 0;
    for (const char* dir : {"web/templates/surveys", "web/templates/reports"})
        for (const auto& entry : std::filesystem::directory_iterator(root / dir)) {
            std::ifstream in(entry.path());
            std::stringstream text;
            text << in.rdbuf();
            std::string body = text.str();
            EXPECT_EQ(body.find("{{{"), std::string::npos) << entry.path() << " uses triple braces";
            for (std::sregex_iterator it(body.begin(), body.end(), key), end; it != end; ++it) {
                std::string k = (*it)[1];
                EXPECT_TRUE(catalog.has_key("en", k)) << k << " missing in en (" << entry.path().filename() << ")";
                EXPECT_TRUE(catalog.has_key("es", k)) << k << " missing in es (" << entry.path().filename() << ")";
                ++checked;
            }
        }
    EXPECT_GT(checked, 100);
}

TEST(SurveysAndReportsLocales, BothCatalogsHaveTheSameKeys) {
    mc::i18n::Catalog catalog;
    ASSERT_TRUE(catalog.load(std::filesystem::path(MC_SOURCE_DIR) / "web/locales"));
    for (const char* prefix : {"surveys.", "reports.", "accounts.demographics.", "notifications.survey_invited."}) {
        for (const auto& k : catalog.keys("en")) {
            if (k.starts_with(prefix)) EXPECT_TRUE(catalog.has_key("es", k)) << k;
        }
        for (const auto& k : catalog.keys("es")) {
            if (k.starts_with(prefix)) EXPECT_TRUE(catalog.has_key("en", k)) << k;
        }
    }
}
