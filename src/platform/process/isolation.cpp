#include "platform/process/isolation.hpp"

#include <csignal>
#include <optional>

namespace mc::process {

namespace {
std::optional<Isolation>& current() {
    static std::optional<Isolation> value;
    return value;
}
bool g_worker_crash_hooks = false;
} // namespace

void enable_isolation(Isolation isolation) { current() = std::move(isolation); }

const Isolation* isolation() { return current() ? &*current() : nullptr; }

void set_worker_crash_hooks(bool on) { g_worker_crash_hooks = on; }

// Why this is safe: it acts only in a worker process whose argv carried --test-crash-hooks,
// which the server passes on only when `serve` itself was started with --test-crash-hooks (no
// configuration file or environment variable turns it on); and even then only for an input
// holding the marker. A crash here is what isolation contains anyway: at worst one request fails.
void test_crash_hook(std::string_view input) {
    if (!g_worker_crash_hooks) return;
    if (input.find("MC-TEST-WORKER-CRASH") != std::string_view::npos) std::raise(SIGSEGV);
    if (input.find("MC-TEST-WORKER-HANG") != std::string_view::npos) {
        volatile unsigned long spin = 0;
        for (;;) spin = spin + 1;
    }
}

} // namespace mc::process
