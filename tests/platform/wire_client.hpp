// A raw TCP client for tests that speak HTTP by hand (malformed requests no HTTP library would
// send). Blocking POSIX sockets with poll timeouts, so a server that never answers fails the
// test instead of hanging it. Header-only: no Beast, cheap to compile.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <stdexcept>
#include <string>

namespace mc::testing {

class Wire {
public:
    explicit Wire(std::uint16_t port) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        if (fd_ < 0) throw std::runtime_error("socket");
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
            ::close(fd_);
            throw std::runtime_error("connect");
        }
    }
    ~Wire() { ::close(fd_); }
    Wire(const Wire&) = delete;
    Wire& operator=(const Wire&) = delete;

    // Sends everything it can; a server that closes early (after answering) is not an error here.
    // Returns whether every byte went out (a client library that fails on a write error, as
    // browsers' fetch does, needs that to read the answer at all).
    bool send(const std::string& data) {
        std::size_t off = 0;
        while (off < data.size()) {
            auto n = ::send(fd_, data.data() + off, data.size() - off, MSG_NOSIGNAL);
            if (n <= 0) return false;
            off += static_cast<std::size_t>(n);
        }
        return true;
    }
    // Half-closes: the server sees the end of the request stream.
    void finish_sending() { ::shutdown(fd_, SHUT_WR); }
    // Reads until a response head is complete, the peer closes, or timeout_ms pass.
    std::string read_head(int timeout_ms = 5000) {
        std::string got;
        while (got.find("\r\n\r\n") == std::string::npos) {
            if (!wait_readable(timeout_ms)) break;
            char buf[4096];
            auto n = ::recv(fd_, buf, sizeof buf, 0);
            if (n <= 0) break;
            got.append(buf, static_cast<std::size_t>(n));
        }
        return got;
    }
    // Reads until the peer closes or timeout_ms of silence (bounded by max_bytes).
    std::string read_all(int timeout_ms = 2000, std::size_t max_bytes = 1 << 20) {
        std::string got;
        while (got.size() < max_bytes && wait_readable(timeout_ms)) {
            char buf[4096];
            auto n = ::recv(fd_, buf, sizeof buf, 0);
            if (n <= 0) break;
            got.append(buf, static_cast<std::size_t>(n));
        }
        return got;
    }

private:
    bool wait_readable(int ms) {
        pollfd p{fd_, POLLIN, 0};
        return ::poll(&p, 1, ms) > 0;
    }
    int fd_ = -1;
};

// The status of the first response in `head`, or 0 when the server sent nothing (dropped).
inline int status_of(const std::string& head) {
    if (!head.starts_with("HTTP/1.") || head.size() < 12) return 0;
    return std::stoi(head.substr(9, 3));
}

} // namespace mc::testing
