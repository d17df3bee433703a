// The list of domain modules: what each adds to the server and to the command line.
// One place to read to see everything the binary does.
#pragma once

#include <functional>
#include <vector>

#include <CLI/CLI.hpp>

#include "app/app.hpp"

namespace mc::app {

void install_modules(App& app);               // routes, gate, mailer
Result<void> seed_demo(App& app);             // demo content + demo accounts (idempotent)
void start_background(App& app);              // outbox sender, auto-assigner, retention sweeps
void stop_background(App& app);

// A subcommand a domain adds to `microcred` (beside serve, migrate and seed-demo). Exactly one
// of the two is set: `offline` runs before the App exists (no database, e.g. verifying files),
// `run` gets the whole App with every module installed and returns the exit status.
struct ModuleCommand {
    CLI::App* command = nullptr;
    std::function<int()> offline{};
    std::function<int(App&)> run{};
};
// Adds every module's subcommands to `cli`; `add_common` gives the database options to each
// command that opens the App. The options live as long as the returned commands.
std::vector<ModuleCommand> add_module_commands(CLI::App& cli, Config& config,
                                               const std::function<void(CLI::App*)>& add_common);

} // namespace mc::app
