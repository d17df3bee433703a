#include <gtest/gtest.h>

#include "accounts/notifications.hpp"
#include "accounts/roles.hpp"
#include "platform/db/database.hpp"
#include "tests/accounts/helpers.hpp"

using namespace mc::testing;
namespace roles = mc::accounts;

TEST(Notifications, NotifyWritesANoticeAndAnEmailInTheRecipientsLanguage) {
    TestApp t;
    auto lucia = make_user(t, "lucia@example.org", roles::educator, "es");
    {
        auto sql = t.app().db->lease();
        mc::db::WriteTx tx(*sql);
        ASSERT_TRUE(roles::notify(t.app(), *sql, lucia, "awarded", {{"credential", "Rutinas diarias"}}, "/wallet"));
        tx.commit();
    }
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM notifications"), 1);
    EXPECT_EQ(first_text(t, "SELECT subject FROM outbox"), "Obtuvo la microcredencial Rutinas diarias");
    auto body = first_text(t, "SELECT body_text FROM outbox");
    EXPECT_TRUE(contains(body, "http://127.0.0.1:8080/wallet"));
    EXPECT_TRUE(contains(body, "Hola, Test lucia"));
    auto sql = t.app().db->lease();
    EXPECT_FALSE(roles::notify(t.app(), *sql, "no-such-user", "awarded", {}, ""));
}

TEST(Notifications, PageListsNewestFirstAndMarksRead) {
    TestApp t;
    auto maria = make_user(t, "maria@example.org", roles::educator);
    auto other = make_user(t, "other@example.org", roles::educator);
    {
        auto sql = t.app().db->lease();
        ASSERT_TRUE(roles::notify(t.app(), *sql, maria, "submitted", {{"credential", "Routines"}}, "/learning"));
        ASSERT_TRUE(roles::notify(t.app(), *sql, other, "submitted", {{"credential", "Secret"}}, ""));
    }
    {
        auto sql = t.app().db->lease();
        *sql << "UPDATE notifications SET created_at = created_at - 100";
        ASSERT_TRUE(roles::notify(t.app(), *sql, maria, "awarded", {{"credential", "Routines"}}, "/wallet"));
    }
    auto c = t.client();
    c.sign_in("maria@example.org", good_password);
    auto page = c.get("/notifications");
    EXPECT_EQ(page.status, 200);
    auto earned = page.body.find("You earned Routines"), received = page.body.find("Evidence received");
    ASSERT_NE(earned, std::string::npos);
    ASSERT_NE(received, std::string::npos);
    EXPECT_LT(earned, received);
    EXPECT_FALSE(contains(page.body, "Secret"));
    EXPECT_TRUE(contains(c.get("/dashboard").body, "mc-count\">2<"));

    auto mine = first_text(t, "SELECT id FROM notifications WHERE kind = 'awarded'");
    auto theirs = first_text(t, "SELECT id FROM notifications WHERE user_id = '" + other + "'");
    EXPECT_EQ(c.post("/notifications/" + theirs + "/read", {}).status, 404);
    mc::http::Request htmx;
    htmx.method = "POST";
    htmx.target = "/notifications/" + mine + "/read";
    htmx.headers["hx-request"] = "true";
    htmx.headers["x-csrf-token"] = c.csrf;
    auto swapped = c.send(htmx);
    EXPECT_EQ(swapped.status, 200);
    EXPECT_TRUE(contains(swapped.body, "id=\"notice-" + mine + "\""));
    EXPECT_FALSE(contains(swapped.body, "<html"));
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM notifications WHERE read_at IS NULL"), 2);
    EXPECT_EQ(c.post("/notifications/read-all", {}).status, 303);
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM notifications WHERE read_at IS NULL"), 1); // only the other user's
}

// The callers name the credential as they know it ("title" and "title_es" from a version,
// "micro_credential" from the assessor's side); every notice text says {credential}. None of
// them may show the raw placeholder, in the list or in the email, in either language.
TEST(Notifications, NamesTheCredentialWhicheverWayTheCallerPassedIt) {
    TestApp t;
    auto maria = make_user(t, "maria@example.org", roles::educator);
    auto lucia = make_user(t, "lucia@example.org", roles::educator, "es");
    {
        auto sql = t.app().db->lease();
        ASSERT_TRUE(roles::notify(t.app(), *sql, maria, "returned", {{"micro_credential", "Daily routines"}}, ""));
        ASSERT_TRUE(roles::notify(t.app(), *sql, maria, "awarded", {{"title", "Serve and return"}}, "/wallet"));
        ASSERT_TRUE(roles::notify(t.app(), *sql, lucia, "awarded",
                                  {{"title", "Serve and return"}, {"title_es", "Ida y vuelta"}}, "/wallet"));
        ASSERT_TRUE(roles::notify(t.app(), *sql, lucia, "revoked", {{"title", "Ida y vuelta"}, {"reason", "error"}}, ""));
    }
    auto sql = t.app().db->lease();
    std::string all;
    {
        std::string s;
        soci::statement st = (sql->prepare << "SELECT subject || ' ' || body_text FROM outbox", soci::into(s));
        st.execute();
        while (st.fetch()) all += s + "\n";
    }
    EXPECT_EQ(all.find("{credential}"), std::string::npos) << all;
    EXPECT_TRUE(contains(all, "Daily routines"));
    EXPECT_TRUE(contains(all, "Obtuvo la microcredencial Ida y vuelta")) << all;

    auto en = t.client();
    en.sign_in("maria@example.org", good_password);
    auto page = en.get("/notifications");
    EXPECT_EQ(page.body.find("{credential}"), std::string::npos);
    EXPECT_TRUE(contains(page.body, "You earned Serve and return"));
    EXPECT_TRUE(contains(page.body, "Daily routines"));

    auto es = t.client();
    es.sign_in("lucia@example.org", good_password);
    auto pagina = es.get("/notifications");
    EXPECT_EQ(pagina.body.find("{credential}"), std::string::npos);
    EXPECT_TRUE(contains(pagina.body, "Obtuvo Ida y vuelta"));
}
