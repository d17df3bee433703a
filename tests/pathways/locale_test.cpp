// Every {{#t}}key{{/t}} in the pathways templates and every key the code completes at run time
// exists in English and Spanish, and the two pathways catalog files have the same keys.
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "tests/support/test_app.hpp"
#include "mc_source_dir.hpp"

using mc::testing::TestApp;

namespace {

void keys_of(const nlohmann::json& j, const std::string& prefix, std::set<std::string>& out) {
    for (const auto& [k, v] : j.items()) {
        auto name = prefix.empty() ? k : prefix + "." + k;
        if (v.is_object()) keys_of(v, name, out);
        else out.insert(name);
    }
}

std::set<std::string> file_keys(const std::string& lang) {
    std::ifstream in(std::string(MC_SOURCE_DIR) + "/web/locales/" + lang + "/pathways.json");
    std::set<std::string> out;
    keys_of(nlohmann::json::parse(in), "", out);
    return out;
}

} // namespace

TEST(PathwaysLocale, TemplateAndRunTimeKeysExistInBothLanguages) {
    TestApp t(false);
    const auto& catalog = t.app().catalog;
    std::vector<std::string> keys;
    std::regex key(R"(\{\{#t\}\}\s*([A-Za-z0-9_.]+)\s*\{\{/t\}\})");
    for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(MC_SOURCE_DIR) / "web/templates/pathways")) {
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        auto s = text.str();
        for (std::sregex_iterator it(s.begin(), s.end(), key), end; it != end; ++it) keys.push_back((*it)[1].str());
        EXPECT_EQ(s.find("{{{"), std::string::npos) << entry.path().filename() << " uses triple braces";
    }
    for (const char* unit : {"items", "parts", "areas", "credits", "clock_hours"}) keys.push_back(std::string("pathways.units.") + unit);
    for (const char* s : {"overdue", "at_risk", "on_track", "met"}) keys.push_back(std::string("pathways.standing.") + s);
    for (const char* kind : {"pathway_completed", "pathway_revoked", "requirement_due"})
        for (const char* part : {"title", "body", "email_subject", "email_body"})
            keys.push_back(std::string("notifications.") + kind + "." + part);
    for (const char* role : {"lead_teacher", "assistant_teacher", "program_director", "family_child_care_provider"})
        keys.push_back(std::string("accounts.employment.job_roles.") + role);
    EXPECT_GT(keys.size(), 40u);
    for (const auto& k : keys)
        for (const char* lang : {"en", "es"}) EXPECT_TRUE(catalog.has_key(lang, k)) << k << " missing in " << lang;
}

TEST(PathwaysLocale, EnglishAndSpanishFilesHaveTheSameKeys) {
    EXPECT_EQ(file_keys("en"), file_keys("es"));
}
