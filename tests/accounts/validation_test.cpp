#include <gtest/gtest.h>

#include "accounts/roles.hpp"
#include "accounts/validation.hpp"

using namespace mc::accounts;

TEST(AccountsValidation, EmailsAreNormalizedAndChecked) {
    EXPECT_EQ(normalize_email("  Maria.Lopez@Example.ORG "), "maria.lopez@example.org");
    EXPECT_TRUE(plausible_email("maria@example.org"));
    for (const char* bad : {"", "maria", "maria@", "@example.org", "maria@example", "a@b@c.org", "ma ria@example.org",
                            "maria@example.org.", "<maria@example.org>"})
        EXPECT_FALSE(plausible_email(bad)) << bad;
}

TEST(AccountsValidation, SignUpNeedsNameEmailLongPasswordAndKnownLanguage) {
    std::vector<std::string> locales{"en", "es"};
    EXPECT_TRUE(validate_sign_up({"María", "maria@example.org", "diez letras", "es"}, locales).empty());
    auto errors = validate_sign_up({"  ", "nope", "short", "fr"}, locales);
    EXPECT_EQ(errors.size(), 4u);
    EXPECT_EQ(errors["password"], "accounts.errors.password_short");
    // Ten characters, not ten bytes: "contraseña" has 10 letters and 11 bytes.
    EXPECT_TRUE(validate_sign_up({"A", "a@b.co", "contraseña", "en"}, locales).empty());
    EXPECT_FALSE(validate_sign_up({"A", "a@b.co", "ñññññññññ", "en"}, locales).empty());
}

TEST(AccountsValidation, ProfileChoicesComeFromTheLists) {
    std::vector<std::string> locales{"en", "es"};
    Profile ok{"Maria", "en", "head_start", "org1", "Toddlers", "PA-1234", "cda", "ECE"};
    EXPECT_TRUE(validate_profile(ok, locales, {"org1"}).empty());
    Profile bad = ok;
    bad.work_setting = "casino";
    bad.employer_org_id = "org2";
    bad.registry_id = "12 34; drop";
    bad.highest_degree = "phd";
    auto errors = validate_profile(bad, locales, {"org1"});
    EXPECT_EQ(errors.size(), 4u);
    EXPECT_TRUE(errors.contains("registry_id"));
}

TEST(AccountsValidation, OnlySiteRelativeNextTargets) {
    EXPECT_EQ(safe_next("/learning?x=1"), "/learning?x=1");
    EXPECT_EQ(safe_next("https://evil.example/"), "/dashboard");
    EXPECT_EQ(safe_next("//evil.example/"), "/dashboard");
    EXPECT_EQ(safe_next("/\\evil.example"), "/dashboard");
    EXPECT_EQ(safe_next(""), "/dashboard");
    EXPECT_EQ(safe_next("/a\r\nSet-Cookie: x"), "/dashboard");
}

TEST(AccountsValidation, RoleNamesRoundTrip) {
    auto mask = roles_from_names({"coach", "assessor", "nonsense"});
    EXPECT_EQ(mask, coach | assessor);
    EXPECT_EQ(role_names(mask), (std::vector<std::string>{"coach", "assessor"}));
}
