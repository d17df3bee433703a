// Every catalog key our templates use exists in English and Spanish, both catalogs have the
// same assessment keys, and no template uses triple braces.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "platform/i18n/catalog.hpp"
#include "mc_source_dir.hpp"

namespace fs = std::filesystem;

TEST(AssessmentCatalog, EveryTemplateKeyExistsInBothLanguages) {
    mc::i18n::Catalog catalog;
    ASSERT_TRUE(catalog.load(fs::path(MC_SOURCE_DIR) / "web/locales"));
    std::regex key_re(R"(\{\{#t\}\}\s*([A-Za-z0-9_.]+)\s*\{\{/t\}\})");
    int checked = 0;
    for (const auto& entry : fs::directory_iterator(fs::path(MC_SOURCE_DIR) / "web/templates/assessment")) {
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        auto body = text.str();
        EXPECT_EQ(body.find("{{{"), std::string::npos) << entry.path();
        for (std::sregex_iterator it(body.begin(), body.end(), key_re), end; it != end; ++it, ++checked) {
            auto key = (*it)[1].str();
            EXPECT_TRUE(catalog.has_key("en", key)) << key << " missing in en (" << entry.path().filename() << ")";
            EXPECT_TRUE(catalog.has_key("es", key)) << key << " missing in es (" << entry.path().filename() << ")";
        }
    }
    EXPECT_GT(checked, 50);
}

TEST(AssessmentCatalog, EnglishAndSpanishHaveTheSameKeys) {
    mc::i18n::Catalog catalog;
    ASSERT_TRUE(catalog.load(fs::path(MC_SOURCE_DIR) / "web/locales"));
    auto ours = [&](const char* locale) {
        std::set<std::string> keys;
        for (const auto& k : catalog.keys(locale))
            if (k.starts_with("assessment.")) keys.insert(k);
        return keys;
    };
    EXPECT_EQ(ours("en"), ours("es"));
    EXPECT_FALSE(ours("en").empty());
}
