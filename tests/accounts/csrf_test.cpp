// Every POST form of the accounts pages refuses a missing or forged CSRF token and changes nothing.
#include <gtest/gtest.h>

#include "accounts/notifications.hpp"
#include "accounts/roles.hpp"
#include "accounts/session_store.hpp"
#include "tests/accounts/helpers.hpp"

using namespace mc::testing;
namespace roles = mc::accounts;

namespace {
// Posts twice, without a token and with a forged one; both must be 403.
void expect_refused(TestApp::Client& c, const std::string& target, std::map<std::string, std::string> form) {
    EXPECT_EQ(c.post(target, form, false).status, 403) << target << " without token";
    form["_csrf"] = "forged-token-forged-token-forged-token";
    EXPECT_EQ(c.post(target, form, false).status, 403) << target << " with a forged token";
}
} // namespace

TEST(Csrf, AnonymousFormsRefuseForgedTokens) {
    TestApp t;
    make_user(t, "maria@example.org", roles::educator);
    auto c = t.client();
    c.get("/sign-in");
    expect_refused(c, "/sign-up", {{"name", "X"}, {"email", "x@example.org"}, {"password", good_password}, {"locale", "en"}});
    expect_refused(c, "/sign-in", {{"email", "maria@example.org"}, {"password", good_password}});
    expect_refused(c, "/password/forgot", {{"email", "maria@example.org"}});
    std::string token;
    {
        auto sql = t.app().db->lease();
        token = roles::create_password_reset(*sql, first_text(t, "SELECT id FROM users"));
    }
    auto hash_before = first_text(t, "SELECT password_hash FROM users");
    expect_refused(c, "/password/reset/" + token, {{"password", "brand new password"}, {"password_confirm", "brand new password"}});
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM users"), 1);
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM sessions"), 0);
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM password_resets"), 1);
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM outbox"), 0);
    EXPECT_EQ(first_text(t, "SELECT password_hash FROM users"), hash_before);
}

TEST(Csrf, SignedInFormsRefuseForgedTokens) {
    TestApp t;
    auto admin = make_user(t, "admin@example.org", roles::agency_admin);
    auto maria = make_user(t, "maria@example.org", roles::educator);
    {
        auto sql = t.app().db->lease();
        ASSERT_TRUE(roles::notify(t.app(), *sql, admin, "awarded", {{"credential", "Routines"}}, "/wallet"));
    }
    auto c = t.client();
    c.sign_in("admin@example.org", good_password);
    expect_refused(c, "/profile", {{"name", "Changed"}, {"locale", "es"}});
    expect_refused(c, "/admin/users/" + maria, {{"roles", "agency_admin"}});
    auto notice = first_text(t, "SELECT id FROM notifications");
    expect_refused(c, "/notifications/" + notice + "/read", {});
    expect_refused(c, "/notifications/read-all", {});
    expect_refused(c, "/sign-out", {});

    mc::http::Request patch;
    patch.method = "PATCH";
    patch.target = "/api/v1/me/profile";
    patch.headers["content-type"] = "application/json";
    patch.body = R"({"display_name":"Changed"})";
    EXPECT_EQ(c.send(patch).status, 403);

    EXPECT_EQ(first_text(t, "SELECT display_name FROM users WHERE id = '" + admin + "'"), "Test admin");
    EXPECT_EQ(count_rows(t, "SELECT roles FROM users WHERE id = '" + maria + "'"), roles::educator);
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM notifications WHERE read_at IS NULL"), 1);
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM sessions"), 1);
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM role_grants"), 0);
}
