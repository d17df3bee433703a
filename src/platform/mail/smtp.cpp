#include "platform/mail/smtp.hpp"

#include <cerrno>
#include <cstring>
#include <ctime>

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "platform/crypto/random.hpp"
#include "platform/mail/message.hpp"

namespace mc::mail {

namespace {

using Clock = std::chrono::steady_clock;

Error smtp_error(std::string detail) { return Error{Errc::unavailable, "errors.internal", std::move(detail)}; }

// One SMTP conversation on a socket; every read and write waits at most until the deadline.
class Conversation {
public:
    Conversation(int fd, Clock::time_point deadline) : fd_(fd), deadline_(deadline) {}
    ~Conversation() { ::close(fd_); }

    Result<void> write_all(std::string_view data) {
        while (!data.empty()) {
            TRY(wait(POLLOUT));
            ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
            if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
            if (n <= 0) return std::unexpected(smtp_error(std::string("send: ") + std::strerror(errno)));
            data.remove_prefix(static_cast<std::size_t>(n));
        }
        return {};
    }

    // Reads one reply (all its "250-" continuation lines); returns the code and the text.
    Result<std::pair<int, std::string>> reply() {
        std::string text;
        while (true) {
            auto line = TRY(read_line());
            if (line.size() < 3) return std::unexpected(smtp_error("short reply line"));
            text += line + "\n";
            if (line.size() == 3 || line[3] == ' ') return std::pair{std::atoi(line.substr(0, 3).c_str()), text};
        }
    }

    Result<std::string> expect(std::string_view command, int want_class) {
        if (!command.empty()) TRY(write_all(command));
        auto [code, text] = TRY(reply());
        if (code / 100 != want_class) {
            // The reply text names the step that failed; the command itself may hold an
            // address, so only its verb goes to the log.
            std::string verb(command.substr(0, command.find_first_of(" :\r")));
            return std::unexpected(smtp_error("smtp " + (verb.empty() ? std::string("greeting") : verb) +
                                              " answered " + text.substr(0, 200)));
        }
        return text;
    }

private:
    Result<void> wait(short events) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now()).count();
        if (left <= 0) return std::unexpected(smtp_error("smtp timeout"));
        pollfd p{fd_, events, 0};
        int r = ::poll(&p, 1, static_cast<int>(left));
        if (r == 0) return std::unexpected(smtp_error("smtp timeout"));
        if (r < 0 && errno != EINTR) return std::unexpected(smtp_error(std::string("poll: ") + std::strerror(errno)));
        return {};
    }

    Result<std::string> read_line() {
        while (true) {
            auto eol = buffer_.find("\r\n");
            if (eol != std::string::npos) {
                std::string line = buffer_.substr(0, eol);
                buffer_.erase(0, eol + 2);
                return line;
            }
            if (buffer_.size() > 64 * 1024) return std::unexpected(smtp_error("smtp reply too long"));
            TRY(wait(POLLIN));
            char chunk[4096];
            ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
            if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
            if (n <= 0) return std::unexpected(smtp_error("smtp connection closed"));
            buffer_.append(chunk, static_cast<std::size_t>(n));
        }
    }

    int fd_;
    Clock::time_point deadline_;
    std::string buffer_;
};

Result<int> connect_to(const std::string& host, std::uint16_t port, Clock::time_point deadline) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (int rc = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found); rc != 0)
        return std::unexpected(smtp_error(std::string("resolve smtp host: ") + gai_strerror(rc)));
    std::string last_error = "no address";
    for (auto* a = found; a; a = a->ai_next) {
        int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) continue;
        if (::connect(fd, a->ai_addr, a->ai_addrlen) == 0 || errno == EINPROGRESS) {
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
            pollfd p{fd, POLLOUT, 0};
            int err = 0;
            socklen_t len = sizeof err;
            if (left > 0 && ::poll(&p, 1, static_cast<int>(left)) == 1 &&
                ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0) {
                ::freeaddrinfo(found);
                return fd;
            }
            last_error = err ? std::strerror(err) : "connect timeout";
        } else {
            last_error = std::strerror(errno);
        }
        ::close(fd);
    }
    ::freeaddrinfo(found);
    return std::unexpected(smtp_error("connect smtp: " + last_error));
}

std::string rfc5322_date() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    ::gmtime_r(&now, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    return buf;
}

} // namespace

Result<void> SmtpMailer::send(const std::string& to, const std::string& subject, const std::string& body_text) {
    if (has_line_break(to) || has_line_break(subject) || to.find_first_of("<>") != std::string::npos)
        return fail(Errc::bad_input, "errors.internal", "address or subject with a line break");
    auto deadline = Clock::now() + settings_.timeout;
    int fd = TRY(connect_to(settings_.host, settings_.port, deadline));
    Conversation smtp(fd, deadline);
    TRY(smtp.expect("", 2));
    auto features = TRY(smtp.expect("EHLO " + settings_.helo_name + "\r\n", 2));
    bool eight_bit = features.find("8BITMIME") != std::string::npos;
    std::string from = envelope_address(settings_.from);
    TRY(smtp.expect("MAIL FROM:<" + from + ">" + (eight_bit ? " BODY=8BITMIME" : "") + "\r\n", 2));
    TRY(smtp.expect("RCPT TO:<" + to + ">\r\n", 2));
    TRY(smtp.expect("DATA\r\n", 3));

    std::string domain = from.substr(from.find('@') + 1);
    std::string message = "From: " + settings_.from + "\r\n" + "To: <" + to + ">\r\n" +
                          "Subject: " + encode_header_word(subject) + "\r\n" + "Date: " + rfc5322_date() + "\r\n" +
                          "Message-ID: <" + crypto::new_id() + "@" + domain + ">\r\n" + "MIME-Version: 1.0\r\n" +
                          "Content-Type: text/plain; charset=utf-8\r\n";
    if (eight_bit)
        message += "Content-Transfer-Encoding: 8bit\r\n\r\n" + dot_stuff(body_text);
    else
        message += "Content-Transfer-Encoding: quoted-printable\r\n\r\n" + dot_stuff(quoted_printable(body_text));
    TRY(smtp.write_all(message));
    TRY(smtp.expect(".\r\n", 2));
    // The message is accepted at this point; a failed QUIT must not make the outbox resend it.
    (void)smtp.expect("QUIT\r\n", 2);
    return {};
}

} // namespace mc::mail
