// The list of domain modules: what each adds to the server and to the command line.
// One place to read to see everything the binary does.
#pragma once

#include <optional>
#include <vector>

#include <CLI/CLI.hpp>

#include "app/app.hpp"

namespace mc::app {

void install_modules(App& app);               // routes, gate, mailer
Result<void> seed_demo(App& app);             // demo content + demo accounts (idempotent)
void start_background(App& app);             // outbox sender, auto-assigner, retention sweeps
void stop_background(App& app);
std::vector<CLI::App*> add_module_commands(CLI::App& cli, Config& config);
int run_module_command(CLI::App& cli, App& app);
// Commands that need no database (verifying files): run before the App is created.
std::optional<int> run_offline_command(CLI::App& cli);

} // namespace mc::app
