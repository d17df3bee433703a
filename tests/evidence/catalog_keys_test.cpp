// Every {{#t}}key{{/t}} in the evidence templates exists in English and Spanish, no template
// uses triple braces, and the two catalogs have the same keys.
#include <filesystem>
#include <fstream>
#include <regex>

#include <gtest/gtest.h>

#include "platform/i18n/catalog.hpp"
#include "mc_source_dir.hpp"

namespace {

TEST(EvidenceCatalog, EveryTemplateKeyExistsInBothLanguages) {
    mc::i18n::Catalog catalog;
    ASSERT_TRUE(catalog.load(std::filesystem::path(MC_SOURCE_DIR) / "web" / "locales"));
    std::regex key(R"(\{\{#t\}\}\s*([A-Za-z0-9_.]+)\s*\{\{/t\}\})");
    int seen = 0;
    for (auto& entry : std::filesystem::directory_iterator(std::filesystem::path(MC_SOURCE_DIR) / "web/templates/evidence")) {
        std::ifstream in(entry.path());
        std::string text((std::istreambuf_iterator<char>(in)), {});
        EXPECT_EQ(text.find("{{{"), std::string::npos) << entry.path();
        for (std::sregex_iterator it(text.begin(), text.end(), key), end; it != end; ++it, ++seen) {
            EXPECT_TRUE(catalog.has_key("en", (*it)[1].str())) << (*it)[1] << " in " << entry.path();
            EXPECT_TRUE(catalog.has_key("es", (*it)[1].str())) << (*it)[1] << " in " << entry.path();
        }
    }
    EXPECT_GT(seen, 20);
    for (const auto& k : catalog.keys("en")) {
        if (k.starts_with("evidence.")) { EXPECT_TRUE(catalog.has_key("es", k)) << k; }
    }
    for (const auto& k : catalog.keys("es")) {
        if (k.starts_with("evidence.")) { EXPECT_TRUE(catalog.has_key("en", k)) << k; }
    }
}

} // namespace
