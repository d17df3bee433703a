#include <gtest/gtest.h>

#include "accounts/roles.hpp"
#include "tests/accounts/helpers.hpp"

using namespace mc::testing;

namespace {
std::map<std::string, std::string> form(std::string name, std::string email, std::string password,
                                        std::string locale = "en") {
    return {{"name", name}, {"email", email}, {"password", password}, {"locale", locale}};
}
} // namespace

TEST(SignUp, ShowsTheFormInBothLanguages) {
    TestApp t;
    auto c = t.client();
    auto en = c.get("/sign-up");
    EXPECT_EQ(en.status, 200);
    EXPECT_TRUE(contains(en.body, "name=\"_csrf\""));
    auto es = c.get("/sign-up", {{"accept-language", "es"}});
    EXPECT_TRUE(contains(es.body, "Cree su cuenta"));
}

TEST(SignUp, BadInputIsRefusedWithFieldErrorsAndCreatesNothing) {
    TestApp t;
    auto c = t.client();
    auto bad_email = c.post("/sign-up", form("Maria", "not-an-email", good_password));
    EXPECT_EQ(bad_email.status, 422);
    EXPECT_TRUE(contains(bad_email.body, "id=\"email-error\""));
    EXPECT_TRUE(contains(bad_email.body, "value=\"Maria\"")); // input kept
    auto short_password = c.post("/sign-up", form("Maria", "maria@example.org", "short"));
    EXPECT_EQ(short_password.status, 422);
    EXPECT_TRUE(contains(short_password.body, "at least 10 characters"));
    EXPECT_EQ(c.post("/sign-up", form("", "maria@example.org", good_password)).status, 422);
    EXPECT_EQ(c.post("/sign-up", form("Maria", "maria@example.org", good_password, "fr")).status, 422);
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM users"), 0);
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM sessions"), 0);
}

TEST(SignUp, CreatesAnEducatorSignedInInTheirLanguage) {
    TestApp t;
    auto c = t.client();
    auto res = c.post("/sign-up", form("Lucía Pérez", "Lucia@Example.org", good_password, "es"));
    ASSERT_EQ(res.status, 303);
    EXPECT_EQ(res.header_value("Location"), "/dashboard?notice=account_welcome");
    EXPECT_TRUE(c.cookies.contains("mc_session"));
    auto dash = c.get("/dashboard");
    EXPECT_EQ(dash.status, 200);
    EXPECT_TRUE(contains(dash.body, "Lucía Pérez"));
    EXPECT_TRUE(contains(dash.body, "lang=\"es\""));
    EXPECT_EQ(first_text(t, "SELECT email FROM users"), "lucia@example.org");
    EXPECT_EQ(count_rows(t, "SELECT roles FROM users"), mc::accounts::educator);
}

TEST(SignUp, DuplicateEmailIsRefusedAndCreatesNothing) {
    TestApp t;
    make_user(t, "maria@example.org", mc::accounts::educator);
    auto c = t.client();
    auto res = c.post("/sign-up", form("Another Maria", "MARIA@example.org", good_password));
    EXPECT_EQ(res.status, 422);
    EXPECT_TRUE(contains(res.body, "already uses this email"));
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM users"), 1);
    EXPECT_FALSE(c.cookies.contains("mc_session"));
}
