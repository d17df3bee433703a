#include <gtest/gtest.h>

#include "accounts/roles.hpp"
#include "app/modules.hpp"
#include "tests/accounts/helpers.hpp"

using namespace mc::testing;
using mc::accounts::educator;

namespace {
// Sends a request to any App's router with the given cookies (a second server process).
mc::http::Response send_to(mc::app::App& app, const std::map<std::string, std::string>& cookies,
                           const std::string& method, const std::string& target, const std::string& csrf = "") {
    mc::http::Request req;
    req.method = method;
    req.target = target;
    req.path = target;
    req.cookies = cookies;
    req.remote_addr = "127.0.0.2";
    if (!csrf.empty()) req.headers["x-csrf-token"] = csrf;
    return app.router.handle(req);
}
} // namespace

TEST(Sessions, StoredOnlyAsAHash) {
    TestApp t;
    make_user(t, "maria@example.org", educator);
    auto c = t.client();
    c.sign_in("maria@example.org", good_password);
    auto token = c.cookies["mc_session"];
    ASSERT_GE(token.size(), 40u);
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM sessions WHERE id_hash = '" + token + "'"), 0);
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM sessions"), 1);
}

TEST(Sessions, ExpiredSessionGoesBackToSignIn) {
    TestApp t;
    make_user(t, "maria@example.org", educator);
    auto c = t.client();
    c.sign_in("maria@example.org", good_password);
    exec(t, "UPDATE sessions SET expires_at = 1000");
    auto res = c.get("/profile");
    EXPECT_EQ(res.status, 303);
    EXPECT_EQ(res.header_value("Location"), "/sign-in?next=%2Fprofile");
    EXPECT_FALSE(c.cookies.contains("mc_session")); // the dead cookie is cleared
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM sessions"), 0);
}

TEST(Sessions, ExpiryslidesButAtMostOncePerMinute) {
    TestApp t;
    make_user(t, "maria@example.org", educator);
    auto c = t.client();
    c.sign_in("maria@example.org", good_password);
    exec(t, "UPDATE sessions SET last_seen_at = last_seen_at - 30, expires_at = expires_at - 30");
    auto before = count_rows(t, "SELECT expires_at FROM sessions");
    c.get("/dashboard");
    EXPECT_EQ(count_rows(t, "SELECT expires_at FROM sessions"), before); // touched 30 s ago: no write
    exec(t, "UPDATE sessions SET last_seen_at = last_seen_at - 3600, expires_at = expires_at - 3600");
    c.get("/dashboard");
    EXPECT_GE(count_rows(t, "SELECT expires_at FROM sessions"), before);
}

TEST(Sessions, SignInRotatesTheSessionId) {
    TestApp t;
    make_user(t, "maria@example.org", educator);
    auto c = t.client();
    c.sign_in("maria@example.org", good_password);
    auto first = c.cookies["mc_session"];
    c.get("/sign-in"); // signed in already: redirected, nothing changes
    auto res = c.post("/sign-in", {{"email", "maria@example.org"}, {"password", good_password}});
    ASSERT_EQ(res.status, 303);
    EXPECT_NE(c.cookies["mc_session"], first);
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM sessions"), 1); // the old one is gone
}

TEST(Sessions, DisabledUsersCannotSignInAndTheirSessionsStop) {
    TestApp t;
    make_user(t, "maria@example.org", educator);
    auto c = t.client();
    c.sign_in("maria@example.org", good_password);
    EXPECT_EQ(c.get("/dashboard").status, 200);
    exec(t, "UPDATE users SET disabled = 1");
    EXPECT_EQ(c.get("/dashboard").status, 303);
    auto again = t.client();
    EXPECT_EQ(again.sign_in("maria@example.org", good_password).status, 422);
}

TEST(Sessions, TheUsersLanguageIsUsedWithoutALanguageCookie) {
    TestApp t;
    make_user(t, "lucia@example.org", educator, "es");
    auto c = t.client();
    c.sign_in("lucia@example.org", good_password);
    EXPECT_TRUE(contains(c.get("/dashboard").body, "lang=\"es\""));
    c.get("/lang/en?next=/");
    EXPECT_TRUE(contains(c.get("/dashboard").body, "lang=\"en\""));
}

TEST(Sessions, WorkAcrossTwoServerProcessesOnOneDatabase) {
    TestApp t;
    make_user(t, "maria@example.org", educator);
    auto second = mc::app::App::create(t.app().config);
    ASSERT_TRUE(second) << second.error().detail;
    mc::app::install_modules(**second);

    auto c = t.client();
    c.sign_in("maria@example.org", good_password);
    auto page = send_to(**second, c.cookies, "GET", "/dashboard");
    EXPECT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "Test maria"));
    // The CSRF token is the session's, so a form from one process posts to the other.
    auto out = send_to(**second, c.cookies, "POST", "/sign-out", c.csrf);
    EXPECT_EQ(out.status, 303);
    EXPECT_EQ(c.get("/dashboard").status, 303); // signed out everywhere
}
