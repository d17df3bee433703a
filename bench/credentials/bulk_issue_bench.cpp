// Bulk issue throughput: N signed OpenBadgeCredentials (default 100,000) issued from a CSV
// into a fresh SQLite file, with status-list slots, accounts for new recipients and
// notifications, exactly as `microcred credentials issue` does. Reported as a ratio to the
// floor measured in the same run (DESIGN.md: no absolute timings as verdicts): libsodium's
// Ed25519 signing of messages as long as the issued credentials, on the same threads.
// Between the two lie JSON-LD expansion, RDFC-1.0, two SHA-256 and the database writes.
//
//   build/release/bench/credentials/mc_bulk_issue_bench [N] [threads]
#include <sodium.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <thread>

#include "credentials/web/award_store.hpp"
#include "credentials/web/bulk_issue.hpp"
#include "tests/support/test_app.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// Ed25519 signatures per second over `bytes`-long messages, `threads` signing at once.
double raw_sign_rate(std::size_t bytes, std::size_t threads, std::size_t total) {
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
    crypto_sign_keypair(pk, sk);
    std::atomic<std::size_t> next{0};
    auto started = Clock::now();
    auto work = [&] {
        std::vector<unsigned char> message(bytes);
        randombytes_buf(message.data(), message.size());
        unsigned char sig[crypto_sign_BYTES];
        while (next++ < total) {
            crypto_sign_detached(sig, nullptr, message.data(), message.size(), sk);
            message[0] ^= sig[0]; // each message differs; the compiler cannot skip the work
        }
    };
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    return static_cast<double>(total) / seconds_since(started);
}

} // namespace

int main(int argc, char** argv) {
    std::size_t n = argc > 1 ? std::stoul(argv[1]) : 100000;
    std::size_t threads = argc > 2 ? std::stoul(argv[2]) : std::max(1u, std::thread::hardware_concurrency());
    if (sodium_init() < 0) return 1;

    mc::testing::TestApp t(true, true); // a fresh SQLite file (or PostgreSQL with MICROCRED_TEST_PG)
    std::string version;
    {
        auto sql = t.app().db->lease();
        *sql << "SELECT id FROM micro_credential_versions WHERE status = 'published' ORDER BY id LIMIT 1",
            soci::into(version);
    }
    std::string csv = "name,email\n";
    for (std::size_t i = 0; i < n; ++i)
        csv += "Educator " + std::to_string(i) + ",educator" + std::to_string(i) + "@bench.example.org\n";

    mc::credentials::BulkIssueOptions options;
    options.achievement = version;
    options.threads = threads;
    bool tty = ::isatty(STDERR_FILENO) == 1;
    options.progress = [tty](std::size_t done, std::size_t total) {
        if (tty) std::fprintf(stderr, "\r%zu/%zu", done, total);
    };
    // The floor is taken before and after the run: on a shared machine the load can change
    // during a long run, and the two readings show by how much.
    std::size_t raw_n = std::max<std::size_t>(20000, n / 2);
    double raw_before = raw_sign_rate(7700, threads, raw_n);

    auto started = Clock::now();
    auto list = mc::credentials::read_recipient_csv(csv);
    auto out = mc::credentials::bulk_issue(t.app(), list, options);
    double elapsed = seconds_since(started);
    if (tty) std::fprintf(stderr, "\n");
    if (!out || out->issued != n) {
        std::cerr << "bulk issue failed: " << (out ? "issued " + std::to_string(out->issued) : out.error().detail) << "\n";
        return 1;
    }

    // The same-size floor: the mean length of what was issued.
    std::size_t bytes = 0, sampled = 0;
    {
        auto sql = t.app().db->lease();
        long long total = 0;
        int count = 0;
        *sql << "SELECT SUM(LENGTH(credential)), COUNT(*) FROM awards", soci::into(total), soci::into(count);
        bytes = count ? static_cast<std::size_t>(total / count) : 0;
        sampled = static_cast<std::size_t>(count);
    }
    double raw_same = raw_sign_rate(bytes, threads, raw_n);
    double raw_one = raw_sign_rate(bytes, 1, raw_n);
    double rate = static_cast<double>(n) / elapsed;

    std::printf("| measure | value |\n|---|---|\n");
    std::printf("| credentials issued (SQLite file, %zu threads, batches of %zu) | %zu (%zu rows) |\n", threads,
                options.batch_size, out->issued, sampled);
    std::printf("| mean credential size | %zu bytes |\n", bytes);
    std::printf("| bulk issue | %.0f credentials/s (%.1f s) |\n", rate, elapsed);
    std::printf("| raw libsodium Ed25519 sign, same size, %zu threads | %.0f signatures/s |\n", threads, raw_same);
    std::printf("| raw libsodium Ed25519 sign, same size, 1 thread | %.0f signatures/s |\n", raw_one);
    std::printf("| raw sign before the run (7700-byte messages, %zu threads) | %.0f signatures/s |\n", threads, raw_before);
    std::printf("| **ratio bulk / raw sign (same threads, after)** | **%.4f** (1 : %.0f) |\n", rate / raw_same, raw_same / rate);
    std::printf("| ratio bulk / raw sign (same threads, before) | %.4f (1 : %.0f) |\n", rate / raw_before, raw_before / rate);
    return 0;
}
