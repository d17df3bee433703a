#include "platform/process/worker_pool.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <condition_variable>
#include <mutex>

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace mc::process {

namespace {

using Clock = std::chrono::steady_clock;

bool send_all(int fd, const char* data, std::size_t size) {
    while (size > 0) {
        ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

// "ok", "eof", "timeout" or "io".
const char* recv_all(int fd, char* data, std::size_t size, Clock::time_point deadline) {
    while (size > 0) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) return "timeout";
        pollfd p{fd, POLLIN, 0};
        int ready = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 60'000)));
        if (ready < 0 && errno == EINTR) continue;
        if (ready < 0) return "io";
        if (ready == 0) continue;
        ssize_t n = ::recv(fd, data, size, 0);
        if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
        if (n == 0) return "eof";
        if (n < 0) return "io";
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return "ok";
}

std::string describe_status(int status) {
    if (WIFSIGNALED(status)) {
        int sig = WTERMSIG(status);
        const char* name = ::sigabbrev_np(sig);
        return std::string("killed by signal ") + std::to_string(sig) + (name ? std::string(" (SIG") + name + ")" : "");
    }
    if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
    return "stopped";
}

struct Worker {
    pid_t pid = -1;
    int fd = -1;
    unsigned jobs = 0;
};

} // namespace

bool write_frame(int fd, Tag tag, std::string_view payload) {
    std::uint32_t length = static_cast<std::uint32_t>(payload.size() + 1);
    unsigned char head[5] = {static_cast<unsigned char>(length >> 24), static_cast<unsigned char>(length >> 16),
                             static_cast<unsigned char>(length >> 8), static_cast<unsigned char>(length),
                             static_cast<unsigned char>(tag)};
    return send_all(fd, reinterpret_cast<const char*>(head), sizeof head) &&
           send_all(fd, payload.data(), payload.size());
}

std::expected<Frame, std::string> read_frame(int fd, std::size_t max_frame, Clock::time_point deadline) {
    unsigned char head[5];
    if (std::string got = recv_all(fd, reinterpret_cast<char*>(head), sizeof head, deadline); got != "ok")
        return std::unexpected(got);
    std::uint32_t length = (std::uint32_t{head[0]} << 24) | (std::uint32_t{head[1]} << 16) |
                           (std::uint32_t{head[2]} << 8) | std::uint32_t{head[3]};
    if (length == 0) return std::unexpected("bad_frame");
    // The length is checked before anything is allocated: a broken worker cannot make the
    // server reserve 4 GiB.
    if (length - 1 > max_frame) return std::unexpected("too_large");
    Tag tag = static_cast<Tag>(head[4]);
    if (tag != Tag::job && tag != Tag::question && tag != Tag::answer && tag != Tag::result)
        return std::unexpected("bad_frame");
    Frame frame{tag, std::string(length - 1, '\0')};
    if (std::string got = recv_all(fd, frame.payload.data(), frame.payload.size(), deadline); got != "ok")
        return std::unexpected(got == "eof" ? "bad_frame" : got);
    return frame;
}

struct WorkerPool::Impl {
    PoolOptions options;
    mutable std::mutex mutex;
    std::condition_variable freed;
    std::vector<Worker> idle;
    std::size_t live = 0;
    unsigned long long started = 0, replaced = 0;

    // fork + exec with the limits; everything the child does before exec is async-signal-safe
    // (the server has threads), so argv and envp are built first.
    std::expected<Worker, std::string> spawn() {
        int fds[2];
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
            return std::unexpected(std::string("socketpair: ") + std::strerror(errno));
        std::vector<std::string> args_text;
        args_text.push_back(options.executable);
        for (const auto& a : options.args) args_text.push_back(a);
        std::vector<char*> argv;
        for (auto& a : args_text) argv.push_back(a.data());
        argv.push_back(nullptr);
        // No environment at all: no database URL, SMTP host or anything else an operator set.
        char* envp[] = {nullptr};
        const Limits limits = options.limits;
        const pid_t parent = ::getpid();

        pid_t pid = ::fork();
        if (pid < 0) {
            ::close(fds[0]);
            ::close(fds[1]);
            return std::unexpected(std::string("fork: ") + std::strerror(errno));
        }
        if (pid == 0) {
            // The child: only async-signal-safe calls until execve.
            ::prctl(PR_SET_PDEATHSIG, SIGKILL); // the server gone, the worker goes too
            if (::getppid() != parent) ::_exit(127);
            if (fds[1] == 3) {
                ::fcntl(3, F_SETFD, 0);
            } else if (::dup2(fds[1], 3) < 0) {
                ::_exit(127);
            }
            int null_fd = ::open("/dev/null", O_RDWR);
            if (null_fd >= 0) {
                ::dup2(null_fd, 0);
                ::dup2(null_fd, 1);
                ::dup2(null_fd, 2);
            }
            // Nothing else the server holds open (database, listening socket, files) crosses.
            ::syscall(SYS_close_range, 4u, ~0u, 0u);
            rlimit none{0, 0};
            ::setrlimit(RLIMIT_CORE, &none);
            rlimit fsize{limits.file_size_bytes, limits.file_size_bytes};
            ::setrlimit(RLIMIT_FSIZE, &fsize);
            if (limits.cpu_seconds > 0) {
                rlimit cpu{limits.cpu_seconds, limits.cpu_seconds + 1u};
                ::setrlimit(RLIMIT_CPU, &cpu);
            }
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
            if (limits.address_space_bytes > 0) {
                rlimit as{limits.address_space_bytes, limits.address_space_bytes};
                ::setrlimit(RLIMIT_AS, &as);
            }
#endif
            ::execve(argv[0], argv.data(), envp);
            ::_exit(127);
        }
        ::close(fds[1]);
        std::lock_guard g(mutex);
        ++started;
        return Worker{pid, fds[0], 0};
    }

    // Kills and reaps; returns how it ended.
    static std::string end(Worker& w, bool kill_first) {
        if (w.fd >= 0) ::close(w.fd);
        if (kill_first) ::kill(w.pid, SIGKILL);
        int status = 0;
        pid_t got;
        do got = ::waitpid(w.pid, &status, 0);
        while (got < 0 && errno == EINTR);
        return got == w.pid ? describe_status(status) : "not reaped";
    }

    // One worker for a job: an idle one, a new one if fewer than max_workers live, else wait.
    std::expected<Worker, CallError> take(Clock::time_point deadline) {
        std::unique_lock lock(mutex);
        for (;;) {
            if (!idle.empty()) {
                Worker w = idle.back();
                idle.pop_back();
                return w;
            }
            if (live < options.max_workers) break;
            if (freed.wait_until(lock, deadline) == std::cv_status::timeout && idle.empty() &&
                live >= options.max_workers)
                return std::unexpected(CallError{Failure::busy, "every worker busy until the deadline"});
        }
        ++live;
        lock.unlock();
        auto w = spawn();
        if (!w) {
            lock.lock();
            --live;
            freed.notify_one();
            return std::unexpected(CallError{Failure::busy, "could not start a worker: " + w.error()});
        }
        return *w;
    }

    void give_back(Worker w) {
        std::lock_guard g(mutex);
        idle.push_back(w);
        freed.notify_one();
    }

    // A worker that failed or is retired is ended and, when it failed, replaced at once so the
    // next request does not pay for the start.
    void discard(Worker w, bool replace) {
        {
            std::lock_guard g(mutex);
            --live;
            if (replace) ++replaced;
        }
        freed.notify_one();
        if (!replace) return;
        std::unique_lock lock(mutex);
        if (live >= options.max_workers) return;
        ++live;
        lock.unlock();
        auto fresh = spawn();
        lock.lock();
        if (!fresh) {
            --live;
        } else {
            idle.push_back(*fresh);
        }
        freed.notify_one();
    }
};

WorkerPool::WorkerPool(PoolOptions options) : impl_(std::make_unique<Impl>()) {
    impl_->options = std::move(options);
}

WorkerPool::~WorkerPool() {
    std::lock_guard g(impl_->mutex);
    for (auto& w : impl_->idle) Impl::end(w, true);
    impl_->idle.clear();
}

void WorkerPool::prestart(std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) {
        {
            std::lock_guard g(impl_->mutex);
            if (impl_->live >= impl_->options.max_workers) return;
            ++impl_->live;
        }
        auto w = impl_->spawn();
        std::lock_guard g(impl_->mutex);
        if (!w) {
            --impl_->live;
            return;
        }
        impl_->idle.push_back(*w);
    }
}

std::expected<std::string, CallError> WorkerPool::call(std::string_view job, const Answerer& answer) {
    auto deadline = Clock::now() + impl_->options.timeout;
    auto taken = impl_->take(deadline);
    if (!taken) return std::unexpected(taken.error());
    Worker w = *taken;
    // A job too large to send is the caller's bug; it never reaches a worker.
    if (job.size() > impl_->options.max_frame) {
        impl_->give_back(w);
        return std::unexpected(CallError{Failure::crashed, "job over the frame limit"});
    }
    auto broken = [&](Failure kind, std::string what) -> std::expected<std::string, CallError> {
        bool timed_out = kind == Failure::timed_out;
        std::string how = Impl::end(w, true);
        impl_->discard(w, true);
        return std::unexpected(CallError{kind, what + "; worker " + std::to_string(w.pid) + " " +
                                                   (timed_out ? "killed after the time limit" : how)});
    };
    if (!write_frame(w.fd, Tag::job, job)) return broken(Failure::crashed, "could not send the job");
    for (;;) {
        auto frame = read_frame(w.fd, impl_->options.max_frame, deadline);
        if (!frame) {
            if (frame.error() == "timeout") return broken(Failure::timed_out, "no answer in time");
            return broken(Failure::crashed, "reading its answer: " + frame.error());
        }
        if (frame->tag == Tag::question) {
            if (!answer) return broken(Failure::crashed, "asked a question nobody answers");
            if (!write_frame(w.fd, Tag::answer, answer(frame->payload)))
                return broken(Failure::crashed, "could not send an answer");
            continue;
        }
        if (frame->tag != Tag::result) return broken(Failure::crashed, "sent an unexpected frame");
        // The first byte of a result says whether the worker wants to be replaced ('1').
        if (frame->payload.empty()) return broken(Failure::crashed, "empty result");
        bool retire = frame->payload[0] == '1' || ++w.jobs >= impl_->options.max_jobs_per_worker;
        std::string result = frame->payload.substr(1);
        if (retire) {
            Impl::end(w, true);
            impl_->discard(w, false);
        } else {
            impl_->give_back(w);
        }
        return result;
    }
}

WorkerPool::Stats WorkerPool::stats() const {
    std::lock_guard g(impl_->mutex);
    return {impl_->live, impl_->idle.size(), impl_->started, impl_->replaced};
}

std::vector<int> WorkerPool::idle_pids() const {
    std::lock_guard g(impl_->mutex);
    std::vector<int> pids;
    for (const auto& w : impl_->idle) pids.push_back(w.pid);
    return pids;
}

// ---- worker side ----

int serve_jobs(const JobHandler& handler, std::size_t max_frame) {
    std::signal(SIGPIPE, SIG_IGN);
    const int fd = 3;
    auto forever = Clock::time_point::max();
    for (;;) {
        auto frame = read_frame(fd, max_frame, forever);
        if (!frame) return frame.error() == "eof" ? 0 : 2;
        if (frame->tag != Tag::job) return 2;
        Ask ask = [fd, max_frame, forever](std::string_view question) -> std::string {
            if (!write_frame(fd, Tag::question, question)) std::_Exit(3);
            auto reply = read_frame(fd, max_frame, forever);
            if (!reply || reply->tag != Tag::answer) std::_Exit(3);
            return std::move(reply->payload);
        };
        std::string result = handler(frame->payload, ask);
        // Retire once half the CPU budget is spent, so the limit only ever stops a runaway job.
        rusage use{};
        ::getrusage(RUSAGE_SELF, &use);
        rlimit cpu{};
        ::getrlimit(RLIMIT_CPU, &cpu);
        bool retire = cpu.rlim_cur != RLIM_INFINITY &&
                      static_cast<rlim_t>(use.ru_utime.tv_sec + use.ru_stime.tv_sec) * 2 >= cpu.rlim_cur;
        if (!write_frame(fd, Tag::result, (retire ? "1" : "0") + result)) return 3;
        if (retire) return 0;
    }
}

} // namespace mc::process
