// A tiny SMTP server for tests: listens on 127.0.0.1 with a free port, answers one client at
// a time, and records each message (envelope and the undotted DATA text).
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace mc::testing {

struct SinkMessage {
    std::string mail_from, rcpt_to, data;
};

class SmtpSink {
public:
    enum class Mode { normal, no_8bitmime, silent };
    explicit SmtpSink(Mode mode = Mode::normal);
    ~SmtpSink();
    std::uint16_t port() const { return port_; }
    std::vector<SinkMessage> messages();
    // Waits up to timeout_ms for at least n messages.
    bool wait_for(std::size_t n, int timeout_ms = 10000);

private:
    void run();
    void serve(int fd);
    Mode mode_;
    int listener_ = -1;
    std::uint16_t port_ = 0;
    std::atomic<bool> stop_{false};
    std::mutex mutex_;
    std::vector<SinkMessage> messages_;
    std::thread thread_;
};

} // namespace mc::testing
