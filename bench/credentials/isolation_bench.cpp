// What checking a credential in a worker process costs (issue 8): the same signed OB 3.0
// credential verified in-process (the reference, measured in the same run) and through the
// worker pool (frames over a socketpair, the worker's questions answered), as a wall-clock
// ratio; and the resident memory of one warm worker.
//
//   build/release/bench/credentials/mc_isolation_bench [path/to/microcred] [rounds]
#include <chrono>
#include <cstdio>
#include <unistd.h>
#include <fstream>
#include <sstream>
#include <string>

#include "credentials/web/verifier.hpp"
#include "credentials/web/verify_worker.hpp"
#include "platform/process/worker_pool.hpp"

namespace {

using namespace mc::credentials;

// Facts of an agency that knows nothing: both paths do the full parse, expansion,
// canonicalization and signature check, and ask the same (unanswered) questions.
class NoFacts final : public VerifierFacts {
public:
    bool our_key_registered(const std::string&, const std::string&) override { return false; }
    std::optional<std::string> trusted_issuer(const std::string&, const std::string&) override { return std::nullopt; }
    std::optional<bool> status_bit(const std::string&, long long) override { return std::nullopt; }
    std::string revoked_reason(const std::string&) override { return {}; }
};

long rss_kib(int pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}

} // namespace

int main(int argc, char** argv) {
    std::string exe = argc > 1 ? argv[1] : "build/release/src/app/microcred";
    int rounds = argc > 2 ? std::stoi(argv[2]) : 200;
    std::ifstream in(std::string(MC_TEST_DATA_DIR) + "/proof/ob3_signed.json", std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    const std::string text = s.str();
    const std::string base = "http://bench.invalid";

    // The server's verify pool's limits (verify_worker.cpp), one worker so its RSS is the one measured.
    mc::process::WorkerPool pool({.executable = exe,
                                  .args = {"__worker", "verify"},
                                  .limits = {.address_space_bytes = 512ull << 20, .cpu_seconds = 20, .file_size_bytes = 0},
                                  .max_workers = 1,
                                  .max_frame = 4u << 20});
    pool.prestart(1);
    auto pids = pool.idle_pids();
    if (pids.empty()) {
        std::fprintf(stderr, "no worker started from %s\n", exe.c_str());
        return 1;
    }
    std::string job = base + "\n" + text;
    auto answer = [](std::string_view) { return std::string("{}"); };

    NoFacts facts;
    std::string in_verdict(verdict_name(verify_input_with(base, facts, text).verdict));
    auto first = pool.call(job, answer);
    if (!first) {
        std::fprintf(stderr, "worker failed: %s\n", first.error().detail.c_str());
        return 1;
    }
    // Read once the worker has answered (right after the fork it is still the exec'ing image).
    pids = pool.idle_pids();
    long first_rss = pids.empty() ? -1 : rss_kib(pids[0]);

    using clock = std::chrono::steady_clock;
    // Two cases: the same credential again (its proof check is cached in both places), and a
    // new one each time (a changed id: the whole expansion, canonicalization and signature check
    // run, and the signature fails, which costs the same).
    clock::duration in_process[2]{}, worker[2]{};
    const std::string id = "http://example.com/credentials/3527";
    for (int i = 0; i < rounds; ++i) { // interleaved, so load on the machine falls on both alike
        for (int fresh = 0; fresh < 2; ++fresh) {
            std::string doc = text;
            if (fresh) doc.replace(doc.find(id), id.size(), id + "-" + std::to_string(i));
            std::string this_job = base + "\n" + doc;
            auto t0 = clock::now();
            auto r = verify_input_with(base, facts, doc);
            auto t1 = clock::now();
            auto w = pool.call(this_job, answer);
            auto back = w ? report_from_wire(*w) : std::nullopt; // the server checks what the worker says
            auto t2 = clock::now();
            if (!w || !back) {
                std::fprintf(stderr, "worker failed: %s\n", w ? "its report did not parse" : w.error().detail.c_str());
                return 1;
            }
            if (back->verdict != r.verdict) {
                std::fprintf(stderr, "verdicts differ: in-process %s, worker %s\n", verdict_name(r.verdict).data(),
                             verdict_name(back->verdict).data());
                return 1;
            }
            in_process[fresh] += t1 - t0;
            worker[fresh] += t2 - t1;
        }
    }
    auto us = [&](clock::duration d) { return std::chrono::duration<double, std::micro>(d).count() / rounds; };
    const char* label[2] = {"same credential (cached proof)", "a new credential each time"};
    for (int fresh = 0; fresh < 2; ++fresh)
        std::printf("%-32s in-process (reference) %9.1f us, through the worker %9.1f us: ratio %.2f\n", label[fresh],
                    us(in_process[fresh]), us(worker[fresh]), us(worker[fresh]) / us(in_process[fresh]));
    pids = pool.idle_pids();
    long warm_rss = pids.empty() ? -1 : rss_kib(pids[0]);
    std::printf("verdict of the unchanged credential: %s\n", in_verdict.c_str());
    std::printf("worker RSS: %ld KiB after its first check, %ld KiB after %d checks; this bench process %ld KiB\n",
                first_rss, warm_rss, 2 * rounds + 1, rss_kib(static_cast<int>(::getpid())));
    return 0;
}
