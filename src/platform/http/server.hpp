// The HTTP/1.1 server: Boost.Beast with C++20 coroutines. Idle keep-alive connections cost
// no thread; handlers run on a small pool of io threads (database calls block briefly).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "platform/http/router.hpp"

namespace mc::http {

struct ServerOptions {
    std::string address = "127.0.0.1";
    std::uint16_t port = 8080; // 0 picks a free port (tests)
    unsigned threads = 4;
    std::chrono::seconds idle_timeout{60};
    std::chrono::seconds body_timeout{300}; // per read of a body chunk on slow rural links
    int listen_fd = -1; // a socket already bound and listening (a supervisor's): adopted, not bound
};

class Server {
public:
    Server(const Router& router, ServerOptions options);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds the socket; after this port() is the real port. Fails when the port is taken.
    Result<void> listen();
    std::uint16_t port() const;
    // Serves until stop(); blocks the caller, which becomes one of the io threads.
    void run();
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace mc::http
