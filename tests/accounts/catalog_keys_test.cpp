// Every {{#t}}key{{/t}} in the accounts templates exists in English and Spanish, and the
// accounts catalog files have the same keys in both languages.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "tests/support/test_app.hpp"
#include "mc_source_dir.hpp"

using mc::testing::TestApp;

TEST(AccountsCatalog, EveryTemplateKeyExistsInBothLanguages) {
    TestApp t(false);
    const auto& catalog = t.app().catalog;
    auto dir = std::filesystem::path(MC_SOURCE_DIR) / "web/templates/accounts";
    std::regex key(R"(\{\{#t\}\}\s*([A-Za-z0-9_.]+)\s*\{\{/t\}\})");
    int checked = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        auto s = text.str();
        for (std::sregex_iterator it(s.begin(), s.end(), key), end; it != end; ++it) {
            ++checked;
            for (const char* lang : {"en", "es"})
                EXPECT_TRUE(catalog.has_key(lang, (*it)[1].str()))
                    << entry.path().filename() << ": " << (*it)[1] << " missing in " << lang;
        }
        EXPECT_EQ(s.find("{{{"), std::string::npos) << entry.path().filename() << " uses triple braces";
    }
    EXPECT_GT(checked, 100);
}

TEST(AccountsCatalog, NotificationTextsExistForEveryKindInBothLanguages) {
    TestApp t(false);
    for (const char* kind : {"submitted", "assigned", "returned", "awarded", "revoked"})
        for (const char* part : {"title", "body", "email_subject", "email_body"})
            for (const char* lang : {"en", "es"})
                EXPECT_TRUE(t.app().catalog.has_key(lang, std::string("notifications.") + kind + "." + part))
                    << kind << "." << part << " " << lang;
}
