// Whether work on untrusted bytes runs in worker processes, and with what. `microcred serve`
// turns it on at start (isolation is on for every served request); tests and command-line tools
// that link the domains without serving leave it off and run the same code in-process.
#pragma once

#include <string>
#include <string_view>

namespace mc::process {

struct Isolation {
    std::string executable;   // the binary re-executed as `<executable> __worker <kind>`
    bool crash_hooks = false; // --test-crash-hooks: lets a marked input crash or hang a worker
};

// Called once by `serve` before the server starts its threads.
void enable_isolation(Isolation isolation);
// Null when isolation is off.
const Isolation* isolation();

// The worker-side switch for test-only crash hooks (set from the worker's own argv).
void set_worker_crash_hooks(bool on);
// In a worker started with crash hooks: crashes (SIGSEGV) when `input` holds
// "MC-TEST-WORKER-CRASH", loops forever when it holds "MC-TEST-WORKER-HANG". Does nothing
// otherwise, and nothing at all in the server process or without --test-crash-hooks.
void test_crash_hook(std::string_view input);

} // namespace mc::process
