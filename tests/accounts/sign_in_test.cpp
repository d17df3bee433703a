#include <gtest/gtest.h>

#include "accounts/roles.hpp"
#include "tests/accounts/helpers.hpp"

using namespace mc::testing;
using mc::accounts::educator;

TEST(SignIn, RightPasswordSignsInAndHonoursSiteRelativeNext) {
    TestApp t;
    make_user(t, "maria@example.org", educator);
    auto c = t.client();
    c.get("/sign-in?next=/profile");
    auto res = c.post("/sign-in", {{"email", "Maria@Example.org"}, {"password", good_password}, {"next", "/profile"}});
    ASSERT_EQ(res.status, 303);
    EXPECT_EQ(res.header_value("Location"), "/profile");
    auto cookie = res.header_value("Set-Cookie");
    EXPECT_TRUE(contains(cookie, "mc_session="));
    EXPECT_TRUE(contains(cookie, "HttpOnly"));
    EXPECT_TRUE(contains(cookie, "SameSite=Lax"));
    EXPECT_EQ(c.get("/profile").status, 200);
}

TEST(SignIn, RefusesOffSiteNext) {
    TestApp t;
    make_user(t, "maria@example.org", educator);
    auto c = t.client();
    c.get("/sign-in");
    auto res = c.post("/sign-in",
                      {{"email", "maria@example.org"}, {"password", good_password}, {"next", "//evil.example/x"}});
    EXPECT_EQ(res.header_value("Location"), "/dashboard");
}

TEST(SignIn, WrongPasswordAndUnknownEmailGetTheSameAnswer) {
    TestApp t;
    make_user(t, "maria@example.org", educator);
    auto c = t.client();
    c.get("/sign-in");
    auto wrong = c.post("/sign-in", {{"email", "maria@example.org"}, {"password", "not the password"}});
    auto unknown = c.post("/sign-in", {{"email", "nobody@example.org"}, {"password", "not the password"}});
    EXPECT_EQ(wrong.status, 422);
    EXPECT_EQ(unknown.status, 422);
    EXPECT_TRUE(contains(wrong.body, "email address or password is not right"));
    EXPECT_TRUE(contains(unknown.body, "email address or password is not right"));
    EXPECT_FALSE(c.cookies.contains("mc_session"));
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM sessions"), 0);
}

TEST(SignIn, TooManyFailuresForOneEmailGet429InTheUsersLanguage) {
    TestApp t;
    make_user(t, "maria@example.org", educator);
    auto c = t.client();
    c.get("/sign-in", {{"accept-language", "es"}});
    c.get("/lang/es?next=/sign-in");
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(c.post("/sign-in", {{"email", "maria@example.org"}, {"password", "wrong password"}}).status, 422);
    // Even the right password waits now: the limit is about the account, not the guess.
    auto limited = c.post("/sign-in", {{"email", "maria@example.org"}, {"password", good_password}});
    EXPECT_EQ(limited.status, 429);
    EXPECT_TRUE(contains(limited.body, "Demasiados intentos"));
    // An address without an account is limited the same way, so the 429 reveals nothing.
    for (int i = 0; i < 5; ++i) c.post("/sign-in", {{"email", "ghost@example.org"}, {"password", "wrong password"}});
    EXPECT_EQ(c.post("/sign-in", {{"email", "ghost@example.org"}, {"password", "x"}}).status, 429);
    // Another account from the same address still works.
    make_user(t, "ana@example.org", educator);
    EXPECT_EQ(c.post("/sign-in", {{"email", "ana@example.org"}, {"password", good_password}}).status, 303);
}

TEST(SignIn, TooManyFailuresFromOneAddressGet429) {
    TestApp t;
    make_user(t, "maria@example.org", educator);
    auto c = t.client();
    c.get("/sign-in");
    for (int i = 0; i < 30; ++i)
        c.post("/sign-in", {{"email", "user" + std::to_string(i) + "@example.org"}, {"password", "wrong password"}});
    EXPECT_EQ(c.post("/sign-in", {{"email", "maria@example.org"}, {"password", good_password}}).status, 429);
}

TEST(SignIn, SignOutEndsTheSession) {
    TestApp t;
    make_user(t, "maria@example.org", educator);
    auto c = t.client();
    c.sign_in("maria@example.org", good_password);
    EXPECT_EQ(c.get("/dashboard").status, 200);
    auto token = c.cookies["mc_session"];
    auto out = c.post("/sign-out", {});
    EXPECT_EQ(out.status, 303);
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM sessions"), 0);
    auto again = t.client();
    again.cookies["mc_session"] = token; // a copied cookie is worthless after sign-out
    EXPECT_EQ(again.get("/dashboard").status, 303);
}
