#include "app/modules.hpp"

#include <iostream>

#include "app/home.hpp"

namespace mc::app {

void install_modules(App& app) {
    install_home(app);
}

Result<void> seed_demo(App& app) {
    return {};
}

void start_background(App&) {}
void stop_background(App&) {}

std::vector<CLI::App*> add_module_commands(CLI::App&, Config&) { return {}; }

int run_module_command(CLI::App&, App&) {
    std::cerr << "microcred: unknown command\n";
    return 2;
}

} // namespace mc::app
