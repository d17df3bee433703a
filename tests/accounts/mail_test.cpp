#include <gtest/gtest.h>

#include <sodium.h>

#include "platform/mail/message.hpp"
#include "platform/mail/smtp.hpp"
#include "tests/accounts/smtp_sink.hpp"

using namespace mc::mail;
using mc::testing::SmtpSink;

namespace {
std::string base64_decode(const std::string& text) {
    std::string out(text.size(), '\0');
    std::size_t len = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                          &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
        return "<bad base64>";
    out.resize(len);
    return out;
}
} // namespace

TEST(MailMessage, AsciiSubjectsStayReadable) { EXPECT_EQ(encode_header_word("Your credential"), "Your credential"); }

TEST(MailMessage, Utf8SubjectsBecomeEncodedWordsThatDecodeBack) {
    std::string subject = "Obtuvo la microcredencial «Interacciones en el salón» — ¡felicidades, señora Núñez!";
    auto encoded = encode_header_word(subject);
    std::string decoded;
    std::size_t pos = 0;
    while ((pos = encoded.find("=?UTF-8?B?", pos)) != std::string::npos) {
        auto end = encoded.find("?=", pos + 10);
        ASSERT_NE(end, std::string::npos);
        EXPECT_LE(end + 2 - pos, 75u); // RFC 2047: an encoded-word is at most 75 characters
        decoded += base64_decode(encoded.substr(pos + 10, end - pos - 10));
        pos = end + 2;
    }
    EXPECT_EQ(decoded, subject);
}

TEST(MailMessage, DotStuffingAndLineEnds) {
    EXPECT_EQ(dot_stuff("a\n.b\n..c\nd"), "a\r\n..b\r\n...c\r\nd\r\n");
    EXPECT_EQ(dot_stuff(".\n"), "..\r\n");
}

TEST(MailMessage, QuotedPrintableKeepsLinesShortAndBytesSafe) {
    auto qp = quoted_printable("Señora = " + std::string(100, 'x') + " \nfin");
    EXPECT_NE(qp.find("Se=C3=B1ora =3D "), std::string::npos);
    for (std::size_t start = 0, eol; (eol = qp.find("\r\n", start)) != std::string::npos; start = eol + 2)
        EXPECT_LE(eol - start, 76u);
    EXPECT_NE(qp.find("=20\r\nfin"), std::string::npos); // trailing space is encoded
}

TEST(SmtpMailer, DeliversToARealSmtpServer) {
    SmtpSink sink;
    SmtpMailer mailer({.host = "127.0.0.1", .port = sink.port(), .from = "microcred <no-reply@mc.test>"});
    auto sent = mailer.send("maria@example.org", "¡Hola!", "Line one\n.hidden dot line\nÚltima línea");
    ASSERT_TRUE(sent) << sent.error().detail;
    ASSERT_EQ(sink.messages().size(), 1u);
    auto m = sink.messages()[0];
    EXPECT_EQ(m.mail_from, "<no-reply@mc.test> BODY=8BITMIME");
    EXPECT_EQ(m.rcpt_to, "<maria@example.org>");
    EXPECT_NE(m.data.find("Subject: =?UTF-8?B?"), std::string::npos);
    EXPECT_NE(m.data.find("\n.hidden dot line\n"), std::string::npos); // stuffed on the wire, undone by the server
    EXPECT_NE(m.data.find("Última línea"), std::string::npos);
}

TEST(SmtpMailer, FallsBackToQuotedPrintableWithout8BitMime) {
    SmtpSink sink(SmtpSink::Mode::no_8bitmime);
    SmtpMailer mailer({.host = "127.0.0.1", .port = sink.port()});
    ASSERT_TRUE(mailer.send("a@example.org", "x", "Última"));
    EXPECT_NE(sink.messages().at(0).data.find("=C3=9Altima"), std::string::npos);
}

TEST(SmtpMailer, GivesUpOnASilentServer) {
    SmtpSink sink(SmtpSink::Mode::silent);
    SmtpMailer mailer({.host = "127.0.0.1", .port = sink.port(), .timeout = std::chrono::milliseconds(300)});
    auto sent = mailer.send("a@example.org", "x", "y");
    ASSERT_FALSE(sent);
    EXPECT_EQ(sent.error().code, mc::Errc::unavailable);
}

// Against a server that accepts mail: a refusal can only come from the mailer's own check,
// and the sink shows that nothing of the injected text reached the wire.
TEST(SmtpMailer, RefusesHeaderInjectionBeforeTalkingToTheServer) {
    SmtpSink sink;
    SmtpMailer mailer({.host = "127.0.0.1", .port = sink.port(), .timeout = std::chrono::milliseconds(2000)});
    auto in_address = mailer.send("a@example.org\r\nRCPT TO:<b@example.org>", "x", "y");
    ASSERT_FALSE(in_address);
    EXPECT_EQ(in_address.error().code, mc::Errc::bad_input);
    auto in_subject = mailer.send("a@example.org", "x\r\nBcc: b@example.org", "y");
    ASSERT_FALSE(in_subject);
    EXPECT_EQ(in_subject.error().code, mc::Errc::bad_input);
    auto bare_lf = mailer.send("a@example.org", "x\nBcc: b@example.org", "y");
    ASSERT_FALSE(bare_lf);
    EXPECT_EQ(bare_lf.error().code, mc::Errc::bad_input);
    EXPECT_TRUE(sink.messages().empty()) << sink.messages().at(0).data;
    // The same sink takes a clean message, so the empty list above means "refused", not "deaf".
    ASSERT_TRUE(mailer.send("a@example.org", "x", "y"));
    ASSERT_EQ(sink.messages().size(), 1u);
    EXPECT_EQ(sink.messages()[0].rcpt_to, "<a@example.org>");
}

TEST(SmtpMailer, ReportsARefusedConnection) {
    std::uint16_t port;
    {
        SmtpSink gone;
        port = gone.port();
    }
    SmtpMailer mailer({.host = "127.0.0.1", .port = port, .timeout = std::chrono::milliseconds(500)});
    EXPECT_FALSE(mailer.send("a@example.org", "x", "y"));
}
