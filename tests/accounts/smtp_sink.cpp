#include "tests/accounts/smtp_sink.hpp"

#include <chrono>
#include <stdexcept>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace mc::testing {

SmtpSink::SmtpSink(Mode mode) : mode_(mode) {
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listener_, 8) != 0 ||
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
        throw std::runtime_error("smtp sink: cannot listen");
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { run(); });
}

SmtpSink::~SmtpSink() {
    stop_ = true;
    thread_.join();
    ::close(listener_);
}

std::vector<SinkMessage> SmtpSink::messages() {
    std::lock_guard lock(mutex_);
    return messages_;
}

bool SmtpSink::wait_for(std::size_t n, int timeout_ms) {
    auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < until) {
        if (messages().size() >= n) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

void SmtpSink::run() {
    while (!stop_) {
        pollfd p{listener_, POLLIN, 0};
        if (::poll(&p, 1, 50) != 1) continue;
        int fd = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0) continue;
        serve(fd);
        ::close(fd);
    }
}

void SmtpSink::serve(int fd) {
    std::string buffer;
    auto read_line = [&](std::string& line) {
        while (true) {
            auto eol = buffer.find("\r\n");
            if (eol != std::string::npos) {
                line = buffer.substr(0, eol);
                buffer.erase(0, eol + 2);
                return true;
            }
            pollfd p{fd, POLLIN, 0};
            if (stop_ || ::poll(&p, 1, 100) < 0) return false;
            if (!(p.revents & POLLIN)) continue;
            char chunk[4096];
            auto n = ::recv(fd, chunk, sizeof chunk, 0);
            if (n <= 0) return false;
            buffer.append(chunk, static_cast<std::size_t>(n));
        }
    };
    auto say = [&](const std::string& s) { (void)::send(fd, s.data(), s.size(), MSG_NOSIGNAL); };
    if (mode_ == Mode::silent) {
        std::string ignored;
        while (read_line(ignored)) {
        }
        return;
    }
    say("220 sink.test ESMTP\r\n");
    SinkMessage m;
    std::string line;
    while (read_line(line)) {
        if (line.starts_with("EHLO")) {
            say(mode_ == Mode::normal ? "250-sink.test\r\n250-8BITMIME\r\n250 SIZE 10000000\r\n" : "250 sink.test\r\n");
        } else if (line.starts_with("MAIL FROM:")) {
            m = {};
            m.mail_from = line.substr(10);
            say("250 ok\r\n");
        } else if (line.starts_with("RCPT TO:")) {
            m.rcpt_to = line.substr(8);
            say("250 ok\r\n");
        } else if (line == "DATA") {
            say("354 go ahead\r\n");
            while (read_line(line) && line != ".") m.data += (line.starts_with(".") ? line.substr(1) : line) + "\n";
            {
                std::lock_guard lock(mutex_);
                messages_.push_back(m);
            }
            say("250 queued\r\n");
        } else if (line == "QUIT") {
            say("221 bye\r\n");
            return;
        } else {
            say("502 not here\r\n");
        }
    }
}

} // namespace mc::testing
