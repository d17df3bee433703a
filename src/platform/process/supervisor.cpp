#include "platform/process/supervisor.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <deque>
#include <thread>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace mc::process {

namespace {

volatile std::sig_atomic_t g_stop_signal = 0;
volatile pid_t g_child = -1;

void on_stop(int sig) {
    g_stop_signal = sig;
    if (g_child > 0) ::kill(g_child, sig); // passed through for the child's clean stop
}

void say(const std::string& line) {
    std::fprintf(stderr, "microcred supervisor: %s\n", line.c_str());
    std::fflush(stderr);
}

pid_t start_child(const SupervisorOptions& o) {
    std::vector<std::string> args = o.child_argv;
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const pid_t parent = ::getpid();
    pid_t pid = ::fork();
    if (pid != 0) return pid;
    // Single-threaded parent, but keep to async-signal-safe calls anyway.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    if (o.listen_fd != 3) {
        if (::dup2(o.listen_fd, 3) < 0) ::_exit(127);
    } else {
        ::fcntl(3, F_SETFD, 0);
    }
    signal(SIGTERM, SIG_DFL);
    signal(SIGINT, SIG_DFL);
    ::execv(argv[0], argv.data());
    ::_exit(127);
}

} // namespace

int bind_listener(const std::string& address, std::uint16_t port, std::string& error) {
    sockaddr_in6 a6{};
    sockaddr_in a4{};
    bool v6 = address.find(':') != std::string::npos;
    if (v6 ? ::inet_pton(AF_INET6, address.c_str(), &a6.sin6_addr) != 1
           : ::inet_pton(AF_INET, address.c_str(), &a4.sin_addr) != 1) {
        error = "bad listen address " + address;
        return -1;
    }
    int fd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        error = std::string("socket: ") + std::strerror(errno);
        return -1;
    }
    int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    int rc;
    if (v6) {
        a6.sin6_family = AF_INET6;
        a6.sin6_port = htons(port);
        rc = ::bind(fd, reinterpret_cast<sockaddr*>(&a6), sizeof a6);
    } else {
        a4.sin_family = AF_INET;
        a4.sin_port = htons(port);
        rc = ::bind(fd, reinterpret_cast<sockaddr*>(&a4), sizeof a4);
    }
    if (rc != 0 || ::listen(fd, SOMAXCONN) != 0) {
        error = "cannot listen on " + address + ":" + std::to_string(port) + ": " + std::strerror(errno);
        ::close(fd);
        return -1;
    }
    return fd;
}

std::uint16_t listener_port(int fd) {
    sockaddr_storage ss{};
    socklen_t len = sizeof ss;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &len) != 0) return 0;
    if (ss.ss_family == AF_INET6) return ntohs(reinterpret_cast<sockaddr_in6*>(&ss)->sin6_port);
    return ntohs(reinterpret_cast<sockaddr_in*>(&ss)->sin_port);
}

int supervise(const SupervisorOptions& o) {
    struct sigaction sa{};
    sa.sa_handler = on_stop;
    sigemptyset(&sa.sa_mask);
    ::sigaction(SIGTERM, &sa, nullptr);
    ::sigaction(SIGINT, &sa, nullptr);

    std::deque<std::chrono::steady_clock::time_point> restarts;
    auto backoff = std::chrono::milliseconds(100);
    for (;;) {
        pid_t pid = start_child(o);
        if (pid < 0) {
            say(std::string("cannot start the server: ") + std::strerror(errno));
            return 1;
        }
        g_child = pid;
        say("serving child pid " + std::to_string(pid) + " started");
        if (g_stop_signal) ::kill(pid, g_stop_signal); // a stop that came during the fork
        auto started = std::chrono::steady_clock::now();
        int status = 0;
        pid_t got;
        do got = ::waitpid(pid, &status, 0);
        while (got < 0 && errno == EINTR);
        g_child = -1;
        if (g_stop_signal) {
            say("stopped");
            return WIFEXITED(status) ? WEXITSTATUS(status) : 0;
        }
        if (!WIFSIGNALED(status)) return WIFEXITED(status) ? WEXITSTATUS(status) : 1; // its own decision
        int sig = WTERMSIG(status);
        const char* name = ::sigabbrev_np(sig);
        auto now = std::chrono::steady_clock::now();
        while (!restarts.empty() && now - restarts.front() > std::chrono::minutes(1)) restarts.pop_front();
        if (static_cast<int>(restarts.size()) >= o.max_restarts_per_minute) {
            say("serving child " + std::to_string(pid) + " killed by signal " + std::to_string(sig) + " (SIG" +
                (name ? name : "?") + "); " + std::to_string(restarts.size()) +
                " restarts in the last minute, giving up");
            return 1;
        }
        // A child that ran a while earns a quick restart; one crashing at start backs off.
        if (now - started > std::chrono::seconds(30)) backoff = std::chrono::milliseconds(100);
        say("serving child " + std::to_string(pid) + " killed by signal " + std::to_string(sig) + " (SIG" +
            (name ? name : "?") + "); restarting in " + std::to_string(backoff.count()) + " ms");
        restarts.push_back(now);
        std::this_thread::sleep_for(backoff);
        backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
        if (g_stop_signal) return 0;
    }
}

} // namespace mc::process
