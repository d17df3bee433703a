// A plain SMTP client (RFC 5321) for a local relay or mail sink: EHLO, MAIL FROM, RCPT TO,
// DATA, QUIT over one TCP connection per message, every step under a timeout so a stuck
// server cannot hold the outbox sender. No TLS or AUTH: the relay is expected on a trusted
// network (the host's MTA), which does those onward.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "platform/mail/mailer.hpp"

namespace mc::mail {

struct SmtpSettings {
    std::string host = "127.0.0.1";
    std::uint16_t port = 25;
    std::string from = "microcred <no-reply@microcred.local>"; // header From; envelope from its <addr>
    std::string helo_name = "microcred.local";
    std::chrono::milliseconds timeout{10000};
};

class SmtpMailer : public Mailer {
public:
    explicit SmtpMailer(SmtpSettings settings) : settings_(std::move(settings)) {}
    Result<void> send(const std::string& to, const std::string& subject, const std::string& body_text) override;

private:
    SmtpSettings settings_;
};

} // namespace mc::mail
