// `microcred serve` runs as a small parent that owns the listening socket and a serving child
// (this binary again, with --no-supervisor and the socket's descriptor). A child that dies from
// a signal is started again (with backoff, at most a few times a minute); connections that arrive
// meanwhile wait in the socket's queue. SIGTERM and SIGINT are passed to the child for a clean
// stop. The child dies with the parent (PR_SET_PDEATHSIG), so a SIGKILL to the parent's pid
// stops the whole server.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mc::process {

// A TCP socket bound and listening on address:port (0 picks one); -1 and `error` on failure.
int bind_listener(const std::string& address, std::uint16_t port, std::string& error);
std::uint16_t listener_port(int fd);

struct SupervisorOptions {
    std::vector<std::string> child_argv; // argv[0] is the binary; the listener goes in as fd 3
    int listen_fd = -1;
    int max_restarts_per_minute = 5;
};

// Runs until the child exits on its own (its status is returned) or the restarts run out (1).
int supervise(const SupervisorOptions& options);

} // namespace mc::process
