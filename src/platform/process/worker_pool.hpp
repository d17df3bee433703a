// Crash isolation for work on untrusted bytes (pasted credentials, baked badges, photos): the
// work runs in a separate process, a re-exec of this same binary in a worker mode, and talks to
// the server over a socketpair in length-prefixed frames. A worker that crashes, hangs or runs
// out of memory costs only the request it was serving: the server kills it, answers that one
// request, and a fresh worker takes its place. The worker gets no database handle, no secrets
// (it is exec'd with an empty environment and no inherited descriptors but its socket) and
// resource limits set between fork and exec.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace mc::process {

// Set with setrlimit in the child before exec; 0 leaves a limit as inherited.
struct Limits {
    std::uint64_t address_space_bytes = 512ull << 20; // RLIMIT_AS (skipped in sanitizer builds)
    unsigned cpu_seconds = 10;                        // RLIMIT_CPU, over the worker's life
    std::uint64_t file_size_bytes = 0;                // RLIMIT_FSIZE: 0 means no file may grow
};

struct PoolOptions {
    std::string executable;              // this binary (see isolation.hpp)
    std::vector<std::string> args;       // argv after the executable, e.g. {"__worker", "verify"}
    Limits limits;
    std::chrono::milliseconds timeout{5000}; // wall clock for one job, questions included
    std::size_t max_workers = 4;             // live at once; more callers wait up to `timeout`
    std::size_t max_frame = 8u << 20;        // largest frame either side accepts
    unsigned max_jobs_per_worker = 500;      // then it is replaced (bounds leaks and CPU use)
};

enum class Failure {
    crashed,   // the worker died (a signal, an exit, a broken frame) during the job
    timed_out, // no answer within the wall-clock limit: killed
    busy,      // no worker free within the limit, or none could be started
};

struct CallError {
    Failure kind;
    std::string detail; // for the log: the signal, the exit status, what broke
};

// The parent's answer to a question a worker asks in the middle of a job (e.g. "is this key
// registered?"): the worker holds no database, so it asks.
using Answerer = std::function<std::string(std::string_view question)>;

class WorkerPool {
public:
    explicit WorkerPool(PoolOptions options);
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    // Runs one job in a worker and returns its result frame. Blocks the calling thread.
    std::expected<std::string, CallError> call(std::string_view job, const Answerer& answer = {});

    // Starts workers ahead of the first job (up to `count`, at most max_workers).
    void prestart(std::size_t count);

    struct Stats {
        std::size_t live = 0, idle = 0;
        unsigned long long started = 0, replaced = 0;
    };
    Stats stats() const;
    // Process ids of the idle workers (tests and the bench read their memory).
    std::vector<int> idle_pids() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// ---- The worker's side -------------------------------------------------------------------

// Asks the parent a question mid-job and waits for its answer.
using Ask = std::function<std::string(std::string_view question)>;
// A job handler: request bytes in, result bytes out. `retire` set true asks to be replaced.
using JobHandler = std::function<std::string(std::string_view job, const Ask& ask)>;

// The worker's main loop: serves jobs on descriptor 3 until the parent closes it. Returns the
// process exit code.
int serve_jobs(const JobHandler& handler, std::size_t max_frame = 8u << 20);

// ---- Frames (exposed for tests) ----------------------------------------------------------
// A frame is a 4-byte big-endian length, one tag byte and the payload (length counts both).
enum class Tag : char { job = 'J', question = 'Q', answer = 'A', result = 'R' };
struct Frame {
    Tag tag;
    std::string payload;
};
bool write_frame(int fd, Tag tag, std::string_view payload);
// Reads one frame before `deadline`. Errors: "eof", "timeout", "too_large", "bad_frame", "io".
std::expected<Frame, std::string> read_frame(int fd, std::size_t max_frame,
                                             std::chrono::steady_clock::time_point deadline);

} // namespace mc::process
