// Pure rules of turnaround, completeness and appeals, and the catalog keys their templates and
// code use, in English and Spanish.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "assessment/coaching/rules.hpp"
#include "platform/i18n/catalog.hpp"
#include "mc_source_dir.hpp"

namespace fs = std::filesystem;
using namespace mc::assessment::coaching;

TEST(CoachingRules, DueDatesAndReminderStages) {
    long long t0 = 1'700'000'000;
    EXPECT_EQ(due_at(t0, 7), t0 + 7 * kDay);
    EXPECT_FALSE(overdue(t0, 7, t0 + 7 * kDay));
    EXPECT_TRUE(overdue(t0, 7, t0 + 7 * kDay + 1));
    EXPECT_TRUE(reminders_due(t0, 4, t0 + 3 * kDay - 1).empty());
    EXPECT_EQ(reminders_due(t0, 4, t0 + 3 * kDay), std::vector<std::string>{"assessor_75"});
    EXPECT_EQ(reminders_due(t0, 4, t0 + 4 * kDay + 1),
              (std::vector<std::string>{"assessor_75", "assessor_overdue", "admins_overdue"}));
}

TEST(CoachingRules, AppealWindowAndProblems) {
    long long d = 1'700'000'000;
    EXPECT_TRUE(within_window(d, 30, d));
    EXPECT_TRUE(within_window(d, 30, d + 30 * kDay));
    EXPECT_FALSE(within_window(d, 30, d + 30 * kDay + 1));
    EXPECT_FALSE(within_window(d, 30, d - 1));
    EXPECT_TRUE(is_completeness_problem("missing"));
    EXPECT_TRUE(is_completeness_problem("unplayable"));
    EXPECT_TRUE(is_completeness_problem("wrong_content"));
    EXPECT_FALSE(is_completeness_problem("blurry"));
    EXPECT_TRUE(blank_text(" \n\t"));
    EXPECT_FALSE(blank_text(" a "));
}

// Every catalog key in our templates and in our code's string literals exists in both languages.
TEST(CoachingRules, EveryKeyExistsInBothLanguages) {
    mc::i18n::Catalog catalog;
    ASSERT_TRUE(catalog.load(fs::path(MC_SOURCE_DIR) / "web/locales"));
    std::regex template_key(R"(\{\{#t\}\}\s*([A-Za-z0-9_.]+)\s*\{\{/t\}\})");
    std::regex code_key(R"lit("((appeals|turnaround|completeness|coaching)\.[a-z0-9_.]+[a-z0-9_])")lit");
    int checked = 0;
    auto scan = [&](const fs::path& dir, const std::regex& re) {
        for (const auto& entry : fs::directory_iterator(dir)) {
            std::ifstream in(entry.path());
            std::stringstream text;
            text << in.rdbuf();
            auto body = text.str();
            EXPECT_EQ(body.find("{{{"), std::string::npos) << entry.path();
            for (std::sregex_iterator it(body.begin(), body.end(), re), end; it != end; ++it, ++checked) {
                auto key = (*it)[1].str();
                if (key.ends_with(".")) continue;
                EXPECT_TRUE(catalog.has_key("en", key)) << key << " missing in en (" << entry.path().filename() << ")";
                EXPECT_TRUE(catalog.has_key("es", key)) << key << " missing in es (" << entry.path().filename() << ")";
            }
        }
    };
    scan(fs::path(MC_SOURCE_DIR) / "web/templates/coaching", template_key);
    scan(fs::path(MC_SOURCE_DIR) / "src/assessment/coaching", code_key);
    EXPECT_GT(checked, 60);
    for (const char* kind : {"turnaround_due_soon", "turnaround_overdue", "turnaround_admins_overdue",
                             "completeness_returned", "appeal_assigned", "appeal_upheld", "appeal_overturned",
                             "coach_referred_educator", "coach_referred_coach"})
        for (const char* part : {".title", ".body", ".email_subject", ".email_body"})
            for (const char* lang : {"en", "es"})
                EXPECT_TRUE(catalog.has_key(lang, std::string("notifications.") + kind + part)) << kind << part << lang;
}

TEST(CoachingRules, ReferralAtExactlyTheNthAndTheCoachChoice) {
    EXPECT_FALSE(referral_due(2, 3));
    EXPECT_TRUE(referral_due(3, 3));
    EXPECT_FALSE(referral_due(4, 3)); // already referred at the third
    std::vector<CoachCandidate> coaches{{"c2", "org-a", 0}, {"c1", "org-b", 1}, {"c3", "", 1}, {"c0", "org-b", 1}};
    EXPECT_EQ(choose_coach(coaches, "edu", "org-a"), "c0"); // c2 shares the employer; ties go to the smallest id
    EXPECT_EQ(choose_coach(coaches, "edu", "org-z"), "c2"); // fewest open referrals
    EXPECT_EQ(choose_coach({{"edu", "", 0}}, "edu", ""), std::nullopt); // never themselves
    EXPECT_TRUE(is_iso_date("2024-02-29"));
    EXPECT_FALSE(is_iso_date("2023-02-29"));
    EXPECT_FALSE(is_iso_date("2024-13-01"));
    EXPECT_FALSE(is_iso_date("2024-1-01"));
    EXPECT_TRUE(is_session_mode("video"));
    EXPECT_FALSE(is_session_mode("email"));
}
