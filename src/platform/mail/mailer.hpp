// Sending email, behind an interface so tests and other transports can stand in for SMTP.
// Callers never send directly from a request: they write to the outbox, and the background
// sender calls a Mailer (see src/accounts/outbox.hpp).
#pragma once

#include <string>

#include "platform/error.hpp"

namespace mc::mail {

class Mailer {
public:
    virtual ~Mailer() = default;
    // to: one bare address; subject and body: UTF-8 text (body lines separated by \n).
    virtual Result<void> send(const std::string& to, const std::string& subject, const std::string& body_text) = 0;
};

} // namespace mc::mail
