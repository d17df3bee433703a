// The whole reset path with a real SMTP conversation: the form, the outbox, the SMTP client,
// a sink server, and the link read back out of the received email.
#include <gtest/gtest.h>

#include <regex>

#include "accounts/module.hpp"
#include "accounts/outbox.hpp"
#include "accounts/roles.hpp"
#include "platform/mail/smtp.hpp"
#include "tests/accounts/helpers.hpp"
#include "tests/accounts/smtp_sink.hpp"

using namespace mc::testing;
namespace roles = mc::accounts;

namespace {
std::string link_path(const std::string& mail) {
    std::smatch m;
    std::regex link(R"(http://127\.0\.0\.1:8080(/password/reset/[A-Za-z0-9_-]+))");
    return std::regex_search(mail, m, link) ? m[1].str() : "";
}
} // namespace

TEST(PasswordReset, EndToEndThroughARealSmtpSend) {
    TestApp t;
    make_user(t, "lucia@example.org", roles::educator, "es");
    SmtpSink sink;
    t.app().mailer = std::make_shared<mc::mail::SmtpMailer>(mc::mail::SmtpSettings{.host = "127.0.0.1", .port = sink.port()});
    roles::start_background(t.app()); // the real sender thread, as the server runs it

    auto old_session = t.client();
    old_session.sign_in("lucia@example.org", good_password);
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM known_devices"), 1);
    auto c = t.client();
    c.get("/password/forgot");
    auto asked = c.post("/password/forgot", {{"email", "Lucia@example.org"}});
    EXPECT_EQ(asked.status, 200);
    ASSERT_TRUE(sink.wait_for(1));
    roles::stop_background(t.app());

    auto mail = sink.messages()[0];
    EXPECT_EQ(mail.rcpt_to, "<lucia@example.org>");
    EXPECT_TRUE(contains(mail.data, "Hola")); // in the user's language
    auto path = link_path(mail.data);
    ASSERT_FALSE(path.empty()) << mail.data;
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL"), 1);
    // Only the hash of the token is stored.
    auto token = path.substr(path.rfind('/') + 1);
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM password_resets WHERE token_hash = '" + token + "'"), 0);

    auto form = c.get(path);
    EXPECT_EQ(form.status, 200);
    EXPECT_EQ(form.header_value("Referrer-Policy"), "no-referrer");
    EXPECT_EQ(c.post(path, {{"password", "short"}, {"password_confirm", "short"}}).status, 422);
    EXPECT_EQ(c.post(path, {{"password", "new password here"}, {"password_confirm", "other"}}).status, 422);
    auto done = c.post(path, {{"password", "new password here"}, {"password_confirm", "new password here"}});
    EXPECT_EQ(done.status, 303);

    EXPECT_EQ(old_session.get("/dashboard").status, 303); // every session ended
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM known_devices"), 0); // and no browser is trusted any more
    EXPECT_EQ(c.get(path).status, 404);                    // one use only
    EXPECT_EQ(t.client().sign_in("lucia@example.org", good_password).status, 422);
    EXPECT_EQ(t.client().sign_in("lucia@example.org", "new password here").status, 303);
}

TEST(PasswordReset, SameAnswerForUnknownEmailAndNoMail) {
    TestApp t;
    make_user(t, "maria@example.org", roles::educator);
    auto c = t.client();
    c.get("/password/forgot");
    auto known = c.post("/password/forgot", {{"email", "maria@example.org"}});
    auto unknown = c.post("/password/forgot", {{"email", "nobody@example.org"}});
    EXPECT_EQ(known.status, unknown.status);
    EXPECT_TRUE(contains(unknown.body, "If an account uses this address"));
    EXPECT_EQ(count_rows(t, "SELECT COUNT(*) FROM outbox"), 1);
    EXPECT_EQ(c.post("/password/forgot", {{"email", "no-at-sign"}}).status, 422);
}

TEST(PasswordReset, ExpiredOrUnknownLinksAreRefused) {
    TestApp t;
    make_user(t, "maria@example.org", roles::educator);
    auto c = t.client();
    c.get("/password/forgot");
    c.post("/password/forgot", {{"email", "maria@example.org"}});
    auto path = link_path(first_text(t, "SELECT body_text FROM outbox"));
    ASSERT_FALSE(path.empty());
    exec(t, "UPDATE password_resets SET expires_at = 1000");
    EXPECT_EQ(c.get(path).status, 404);
    EXPECT_EQ(c.post(path, {{"password", "new password here"}, {"password_confirm", "new password here"}}).status, 404);
    EXPECT_EQ(c.get("/password/reset/made-up-token").status, 404);
}

TEST(Outbox, FailedSendsAreRetriedLater) {
    TestApp t;
    make_user(t, "maria@example.org", roles::educator);
    std::uint16_t closed_port;
    {
        SmtpSink gone;
        closed_port = gone.port();
    }
    t.app().mailer = std::make_shared<mc::mail::SmtpMailer>(
        mc::mail::SmtpSettings{.host = "127.0.0.1", .port = closed_port, .timeout = std::chrono::milliseconds(500)});
    auto c = t.client();
    c.get("/password/forgot");
    c.post("/password/forgot", {{"email", "maria@example.org"}});
    EXPECT_EQ(roles::deliver_outbox(t.app()), 0);
    EXPECT_EQ(count_rows(t, "SELECT attempts FROM outbox"), 1);
    EXPECT_GT(count_rows(t, "SELECT next_attempt_at - created_at FROM outbox"), 20);
    EXPECT_FALSE(first_text(t, "SELECT last_error FROM outbox").empty());
    EXPECT_EQ(roles::deliver_outbox(t.app()), 0); // not due yet: no second attempt
    EXPECT_EQ(count_rows(t, "SELECT attempts FROM outbox"), 1);

    SmtpSink sink;
    t.app().mailer = std::make_shared<mc::mail::SmtpMailer>(mc::mail::SmtpSettings{.host = "127.0.0.1", .port = sink.port()});
    exec(t, "UPDATE outbox SET next_attempt_at = 0");
    EXPECT_EQ(roles::deliver_outbox(t.app()), 1);
    EXPECT_EQ(sink.messages().size(), 1u);
    EXPECT_EQ(roles::retry_delay(1), 30);
    EXPECT_EQ(roles::retry_delay(3), 120);
    EXPECT_EQ(roles::retry_delay(20), 3600);
}
