// What verifying one OB 3.0 credential costs, as ratios to a floor measured in the same
// run (DESIGN.md: no absolute timings): the floor is libsodium's Ed25519 verification of
// a message as long as the credential. Between them lies JSON-LD expansion, RDFC-1.0 and
// two SHA-256 hashes. Also: how fast a poison credential (rdf-canon test074) is refused.
//
//   build/bench/credentials/mc_verify_bench [--benchmark_filter=...]
#include <benchmark/benchmark.h>
#include <sodium.h>

#include <ctime>
#include <fstream>
#include <sstream>

#include "clique.hpp"
#include "credentials/proof/default_proof.hpp"
#include "credentials/rdfc/canonicalize.hpp"
#include "credentials/rdfc/nquads.hpp"
#include "credentials/rdfc/rdfc10.hpp"
#include "credentials/verify/offline.hpp"

namespace {

using nlohmann::json;
using namespace mc::credentials;

// Thread CPU time: the ratios must not depend on how loaded the machine is (wall time
// is what Google Benchmark's own "Time" column shows).
struct CpuClock {
    using time_point = double; // nanoseconds
    static double now() {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return static_cast<double>(ts.tv_sec) * 1e9 + static_cast<double>(ts.tv_nsec);
    }
};
using Clock = CpuClock;

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

const std::string& vector_text() {
    static const std::string text = slurp(std::string(MC_TEST_DATA_DIR) + "/proof/ob3_signed.json");
    return text;
}

PublicKeyResolver vm_resolver() {
    return [](std::string_view vm) { return ed25519_public_key_from_multibase(vm); };
}

double g_floor_ns = 0; // set by the floor benchmark, which is registered (so run) first

double ns_per_iteration(Clock::time_point start, const benchmark::State& state) {
    double ns = Clock::now() - start;
    return state.iterations() ? ns / static_cast<double>(state.iterations()) : 0;
}

void report_ratio(benchmark::State& state, Clock::time_point start) {
    if (g_floor_ns > 0) state.counters["x_floor"] = ns_per_iteration(start, state) / g_floor_ns;
}

// Floor: raw Ed25519 verification of a message of the credential's size.
void BM_SodiumVerifyFloor(benchmark::State& state) {
    if (sodium_init() < 0) state.SkipWithError("sodium_init failed");
    std::string message = vector_text();
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES], sig[crypto_sign_BYTES];
    crypto_sign_keypair(pk, sk);
    auto* m = reinterpret_cast<const unsigned char*>(message.data());
    crypto_sign_detached(sig, nullptr, m, message.size(), sk);
    auto start = Clock::now();
    for (auto _ : state) benchmark::DoNotOptimize(crypto_sign_verify_detached(sig, m, message.size(), pk));
    g_floor_ns = ns_per_iteration(start, state);
    state.counters["bytes"] = static_cast<double>(message.size());
}
BENCHMARK(BM_SodiumVerifyFloor);

// Data Integrity verification of the parsed 1EdTech vector (pinned contexts warm).
void BM_VerifyOb3Credential(benchmark::State& state) {
    json doc = json::parse(vector_text());
    auto resolve = vm_resolver();
    if (!verify_credential(doc, resolve)) state.SkipWithError("vector does not verify");
    auto start = Clock::now();
    for (auto _ : state) benchmark::DoNotOptimize(verify_credential(doc, resolve));
    report_ratio(state, start);
}
BENCHMARK(BM_VerifyOb3Credential);

// The part of it that is canonicalization of the document (safe mode on).
void BM_CanonicalizeOb3Credential(benchmark::State& state) {
    json doc = json::parse(vector_text());
    doc.erase("proof");
    auto start = Clock::now();
    for (auto _ : state) benchmark::DoNotOptimize(canonicalize_jsonld(doc));
    report_ratio(state, start);
}
BENCHMARK(BM_CanonicalizeOb3Credential);

// What the CLI does per file: parse bytes, verify, dates, OB 3.0 schema.
void BM_VerifyOfflineFileBytes(benchmark::State& state) {
    const std::string& text = vector_text();
    if (!verify_offline(text).valid) state.SkipWithError("vector is not valid offline");
    auto start = Clock::now();
    for (auto _ : state) benchmark::DoNotOptimize(verify_offline(text));
    report_ratio(state, start);
}
BENCHMARK(BM_VerifyOfflineFileBytes);

// Adversarial: the 10-node clique credential must be refused, quickly.
void BM_RefuseCliqueCredential(benchmark::State& state) {
    const std::string text = verify_test::clique_credential().dump();
    if (verify_offline(text).valid) state.SkipWithError("clique credential was accepted");
    auto start = Clock::now();
    for (auto _ : state) benchmark::DoNotOptimize(verify_offline(text));
    report_ratio(state, start);
    state.counters["cpu_ms"] = ns_per_iteration(start, state) / 1e6;
}
BENCHMARK(BM_RefuseCliqueCredential)->Unit(benchmark::kMillisecond);

// Adversarial, one layer down (was a "< 200 ms" assertion in tests/credentials/rdfc): ten blank
// nodes that all point at each other, as JSON-LD, must be refused as too complex.
void BM_RefusePoisonGraph(benchmark::State& state) {
    json graph = json::array();
    for (int i = 0; i < 10; ++i) {
        json node = {{"@id", "_:n" + std::to_string(i)}};
        for (int j = 0; j < 10; ++j)
            if (j != i) node["http://example.org/p"].push_back({{"@id", "_:n" + std::to_string(j)}});
        graph.push_back(node);
    }
    const json doc{{"@graph", graph}};
    if (canonicalize_jsonld(doc)) state.SkipWithError("poison graph was canonicalized");
    auto start = Clock::now();
    for (auto _ : state) benchmark::DoNotOptimize(canonicalize_jsonld(doc));
    report_ratio(state, start);
    state.counters["cpu_ms"] = ns_per_iteration(start, state) / 1e6;
}
BENCHMARK(BM_RefusePoisonGraph)->Unit(benchmark::kMillisecond);

// Every negative entry of the W3C rdf-canon manifest (the poison N-Quads graphs), refused in
// turn; one iteration is the whole set. Was a "< 200 ms" assertion in rdfc_conformance_test.
void BM_RefuseRdfcPoisonVectors(benchmark::State& state) {
    const std::string dir = std::string(MC_SHARED_DIR) + "/conformance/rdf-canon/tests/";
    std::vector<mc::credentials::rdf::Dataset> poison;
    for (const auto& e : json::parse(slurp(dir + "manifest.jsonld")).at("entries")) {
        if (e.at("type") != "rdfc:RDFC10NegativeEvalTest") continue;
        auto input = rdf::parse_nquads(slurp(dir + e.at("action").get<std::string>()));
        if (!input) state.SkipWithError("a negative vector does not parse");
        else poison.push_back(std::move(*input));
    }
    if (poison.empty()) state.SkipWithError("no negative vectors in the manifest");
    for (const auto& g : poison)
        if (rdfc::canonicalize(g, {})) state.SkipWithError("a poison graph was canonicalized");
    auto start = Clock::now();
    for (auto _ : state)
        for (const auto& g : poison) benchmark::DoNotOptimize(rdfc::canonicalize(g, {}));
    report_ratio(state, start);
    state.counters["vectors"] = static_cast<double>(poison.size());
    state.counters["cpu_ms"] = ns_per_iteration(start, state) / 1e6;
}
BENCHMARK(BM_RefuseRdfcPoisonVectors)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
