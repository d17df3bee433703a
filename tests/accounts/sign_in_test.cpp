#include <gtest/gtest.h>

#include "accounts/roles.hpp"
#include "accounts/session_store.hpp"
#include "accounts/user_store.hpp"
#include "platform/db/database.hpp"
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
    // From a device the account never signed in on, even the right password waits now: the
    // wait is about the account, not the guess (the owner's own devices skip it, see below).
    auto limited = c.post("/sign-in", {{"email", "maria@example.org"}, {"password", good_password}});
    EXPECT_EQ(limited.status, 429);
    EXPECT_TRUE(contains(limited.body, "Demasiados intentos"));
    EXPECT_TRUE(contains(limited.body, "30 segundos"));
    EXPECT_EQ(limited.header_value("Retry-After"), "30");
    // An address without an account is slowed the same way, so the 429 reveals nothing.
    for (int i = 0; i < 5; ++i) c.post("/sign-in", {{"email", "ghost@example.org"}, {"password", "wrong password"}});
    EXPECT_EQ(c.post("/sign-in", {{"email", "ghost@example.org"}, {"password", "x"}}).status, 429);
    // Another account from the same address still works.
    make_user(t, "ana@example.org", educator);
    EXPECT_EQ(c.post("/sign-in", {{"email", "ana@example.org"}, {"password", good_password}}).status, 303);
}

// The finding of issue 8: five bad passwords by someone else kept the owner out for 15 minutes.
TEST(SignIn, TheOwnersKnownDeviceSignsInWhileAGuesserIsSlowed) {
    TestApp t;
    make_user(t, "maria@example.org", educator);
    auto phone = t.client();
    ASSERT_EQ(phone.sign_in("maria@example.org", good_password).status, 303);
    ASSERT_TRUE(phone.cookies.contains("mc_device"));
    EXPECT_EQ(phone.post("/sign-out", {}).status, 303);
    EXPECT_TRUE(phone.cookies.contains("mc_device")); // signing out does not forget the device

    auto guesser = t.client();
    guesser.get("/sign-in");
    for (int i = 0; i < 8; ++i) guesser.post("/sign-in", {{"email", "maria@example.org"}, {"password", "guess" + std::to_string(i)}});
    auto slowed = guesser.post("/sign-in", {{"email", "maria@example.org"}, {"password", "guess-again"}});
    EXPECT_EQ(slowed.status, 429);
    EXPECT_FALSE(slowed.header_value("Retry-After").empty());
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM login_failures WHERE subject = 'email:maria@example.org'"), 5);

    phone.get("/sign-in");
    auto res = phone.post("/sign-in", {{"email", "maria@example.org"}, {"password", good_password}});
    EXPECT_EQ(res.status, 303);
    EXPECT_EQ(phone.get("/dashboard").status, 200);
    // A known device's cookie is stored only as a hash.
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM known_devices WHERE token_hash = '" + phone.cookies["mc_device"] + "'"), 0);
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM known_devices"), 1);
}

TEST(SignIn, TheWaitGrowsWithEachFailureUpToACap) {
    TestApp t;
    make_user(t, "maria@example.org", educator);
    auto c = t.client();
    c.get("/sign-in");
    // Failures made earlier, as rows: n failures, the last `ago` seconds ago.
    auto failures = [&](int n, long long ago) {
        auto sql = t.app().db->lease();
        *sql << "DELETE FROM login_failures";
        long long now = mc::accounts::now_seconds();
        for (int i = 0; i < n; ++i) {
            std::string id = "f" + std::to_string(i), subject = "email:maria@example.org";
            long long at = now - ago - (n - 1 - i);
            *sql << "INSERT INTO login_failures (id, subject, at) VALUES (:i, :s, :t)", soci::use(id, "i"),
                soci::use(subject, "s"), soci::use(at, "t");
        }
    };
    auto attempt = [&] { return c.post("/sign-in", {{"email", "maria@example.org"}, {"password", "wrong"}}); };
    failures(5, 31); // 5 failures: 30 s, passed
    EXPECT_EQ(attempt().status, 422);
    failures(6, 31); // 6: 60 s
    auto r = attempt();
    EXPECT_EQ(r.status, 429);
    long long wait = std::stoll(r.header_value("Retry-After"));
    EXPECT_GT(wait, 20);
    EXPECT_LE(wait, 60 - 31 + 1);
    failures(7, 100); // 7: 120 s
    EXPECT_EQ(attempt().status, 429);
    failures(7, 121);
    EXPECT_EQ(attempt().status, 422);
    failures(40, 901); // never more than 15 minutes
    EXPECT_EQ(attempt().status, 422);
    failures(40, 0);
    EXPECT_LE(std::stoll(attempt().header_value("Retry-After")), 900);
}

TEST(SignIn, AStolenDeviceCookieIsNoSkeletonKey) {
    TestApp t;
    make_user(t, "maria@example.org", educator);
    auto phone = t.client();
    ASSERT_EQ(phone.sign_in("maria@example.org", good_password).status, 303);
    phone.post("/sign-out", {});
    phone.get("/sign-in");
    // The device's own budget: its failures do not slow the account...
    for (int i = 0; i < 10; ++i)
        EXPECT_EQ(phone.post("/sign-in", {{"email", "maria@example.org"}, {"password", "typo"}}).status, 422);
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM login_failures WHERE subject = 'email:maria@example.org'"), 0);
    // ...and once spent, the device counts as unknown.
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(phone.post("/sign-in", {{"email", "maria@example.org"}, {"password", "typo"}}).status, 422);
    EXPECT_EQ(phone.post("/sign-in", {{"email", "maria@example.org"}, {"password", "typo"}}).status, 429);
    // A device cookie of one account does nothing for another.
    make_user(t, "ana@example.org", educator);
    auto stolen = t.client();
    stolen.cookies["mc_device"] = phone.cookies["mc_device"];
    stolen.get("/sign-in");
    for (int i = 0; i < 5; ++i) stolen.post("/sign-in", {{"email", "ana@example.org"}, {"password", "guess"}});
    EXPECT_EQ(stolen.post("/sign-in", {{"email", "ana@example.org"}, {"password", "guess"}}).status, 429);
}

// A child care center's staff share one address: failures from it slow new devices only a
// little, never its staff's own devices.
TEST(SignIn, ManyFailuresFromOneAddressSlowNewDevicesButNotKnownOnes) {
    TestApp t;
    make_user(t, "maria@example.org", educator);
    make_user(t, "ana@example.org", educator);
    auto marias = t.client();
    ASSERT_EQ(marias.sign_in("maria@example.org", good_password).status, 303);
    marias.post("/sign-out", {});
    auto c = t.client();
    c.get("/sign-in");
    for (int i = 0; i < 30; ++i)
        c.post("/sign-in", {{"email", "user" + std::to_string(i) + "@example.org"}, {"password", "wrong password"}});
    auto fresh = t.client();
    fresh.get("/sign-in");
    auto slowed = fresh.post("/sign-in", {{"email", "ana@example.org"}, {"password", good_password}});
    EXPECT_EQ(slowed.status, 429);
    EXPECT_LE(std::stoll(slowed.header_value("Retry-After")), 60);
    marias.get("/sign-in");
    EXPECT_EQ(marias.post("/sign-in", {{"email", "maria@example.org"}, {"password", good_password}}).status, 303);
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
