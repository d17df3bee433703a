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

// The link the outbox holds for an address ("" when none).
std::string link_to(TestApp& t, const std::string& to, const std::string& path) {
    auto body = first_text(t, "SELECT body_text FROM outbox WHERE to_address = '" + to + "' ORDER BY created_at DESC");
    auto at = body.find(path);
    if (at == std::string::npos) return "";
    auto stop = body.find_first_of(" \r\n", at);
    return body.substr(at, stop == std::string::npos ? std::string::npos : stop - at);
}

TEST(SignUp, CreatesAnEducatorSignedInInTheirLanguageOnceTheEmailIsConfirmed) {
    TestApp t;
    auto c = t.client();
    auto res = c.post("/sign-up", form("Lucía Pérez", "Lucia@Example.org", good_password, "es"));
    ASSERT_EQ(res.status, 200);
    EXPECT_TRUE(contains(res.body, "lucia@example.org"));
    EXPECT_FALSE(c.cookies.contains("mc_session"));
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM users"), 0); // nothing until the link is opened
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM sign_up_requests WHERE password_hash LIKE '$argon2id$%'"), 1);
    EXPECT_TRUE(contains(first_text(t, "SELECT subject FROM outbox"), "Termine de crear su cuenta"));
    auto link = link_to(t, "lucia@example.org", "/sign-up/confirm/");
    ASSERT_FALSE(link.empty());
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM sign_up_requests WHERE token_hash = '" + link.substr(17) + "'"), 0);

    auto opened = c.get(link);
    ASSERT_EQ(opened.status, 303);
    EXPECT_EQ(opened.header_value("Location"), "/dashboard?notice=account_welcome");
    EXPECT_TRUE(c.cookies.contains("mc_session"));
    auto dash = c.get("/dashboard");
    EXPECT_EQ(dash.status, 200);
    EXPECT_TRUE(contains(dash.body, "Lucía Pérez"));
    EXPECT_TRUE(contains(dash.body, "lang=\"es\""));
    EXPECT_EQ(first_text(t, "SELECT email FROM users"), "lucia@example.org");
    EXPECT_EQ(count_rows(t, "SELECT roles FROM users"), mc::accounts::educator);
    // The password chosen at sign-up is the account's.
    auto other = t.client();
    EXPECT_EQ(other.sign_in("lucia@example.org", good_password).status, 303);
    EXPECT_TRUE(other.cookies.contains("mc_session"));
    // A link works once.
    EXPECT_EQ(t.client().get(link).status, 404);
    EXPECT_EQ(t.client().get("/sign-up/confirm/not-a-token").status, 404);
}

// The finding of issue 8: the form told anyone whether an email had an account.
TEST(SignUp, AnExistingEmailGetsTheSameAnswerAndItsOwnerAnEmail) {
    TestApp t;
    make_user(t, "maria@example.org", mc::accounts::educator);
    auto c = t.client();
    auto taken = c.post("/sign-up", form("Another Maria", "MARIA@example.org", good_password));
    auto fresh = c.post("/sign-up", form("Another Maria", "NEW.MARIA@example.org", good_password));
    EXPECT_EQ(taken.status, 200);
    EXPECT_EQ(fresh.status, 200);
    auto strip = [](std::string body, const std::string& email) {
        for (auto at = body.find(email); at != std::string::npos; at = body.find(email)) body.erase(at, email.size());
        return body;
    };
    EXPECT_EQ(strip(taken.body, "maria@example.org"), strip(fresh.body, "new.maria@example.org"));
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM users"), 1);
    EXPECT_FALSE(c.cookies.contains("mc_session"));
    // The owner hears of it, with the ways in, and no link that would make a second account.
    auto told = first_text(t, "SELECT body_text FROM outbox WHERE to_address = 'maria@example.org'");
    EXPECT_TRUE(contains(told, "You already have an account"));
    EXPECT_TRUE(contains(told, "/password/forgot"));
    EXPECT_TRUE(link_to(t, "maria@example.org", "/sign-up/confirm/").empty());
    // Three emails an hour per address at most, the same answer after.
    for (int i = 0; i < 4; ++i) EXPECT_EQ(c.post("/sign-up", form("Maria", "maria@example.org", good_password)).status, 200);
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM outbox WHERE to_address = 'maria@example.org'"), 3);
}

// Two links for one address: the first opened makes the account, the other then does nothing.
TEST(SignUp, OneAccountPerAddressWhateverTheLinks) {
    TestApp t;
    auto c = t.client();
    ASSERT_EQ(c.post("/sign-up", form("Rosa", "rosa@example.org", good_password)).status, 200);
    auto first = link_to(t, "rosa@example.org", "/sign-up/confirm/");
    ASSERT_EQ(c.post("/sign-up", form("Rosa R", "rosa@example.org", good_password)).status, 200);
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM outbox WHERE to_address = 'rosa@example.org'"), 2);
    EXPECT_EQ(t.client().get(first).status, 303);
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM users"), 1);
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM sign_up_requests WHERE used_at IS NULL"), 0);
}
