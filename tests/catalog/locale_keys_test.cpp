// Every {{#t}}key{{/t}} in the catalog's templates exists in English and Spanish.
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <gtest/gtest.h>

#include "platform/i18n/catalog.hpp"
#include "mc_source_dir.hpp"

TEST(CatalogLocales, EveryTemplateKeyExistsInBothLanguages) {
    std::filesystem::path root = MC_SOURCE_DIR;
    mc::i18n::Catalog catalog;
    ASSERT_TRUE(catalog.load(root / "web/locales"));
    std::regex key(R"(\{\{#t\}\}\s*([a-z0-9_.]+)\s*\{\{/t\}\})");
    int checked = 0;
    for (const auto& entry : std::filesystem::directory_iterator(root / "web/templates/catalog")) {
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
    EXPECT_GT(checked, 50);
}

TEST(CatalogLocales, BothCatalogsHaveTheSameKeys) {
    mc::i18n::Catalog catalog;
    ASSERT_TRUE(catalog.load(std::filesystem::path(MC_SOURCE_DIR) / "web/locales"));
    auto en = catalog.keys("en"), es = catalog.keys("es");
    for (const auto& k : en)
        if (k.starts_with("catalog.")) EXPECT_TRUE(catalog.has_key("es", k)) << k;
    for (const auto& k : es)
        if (k.starts_with("catalog.")) EXPECT_TRUE(catalog.has_key("en", k)) << k;
}
