#include "app/modules.hpp"

#include <iostream>

#include "accounts/module.hpp"
#include "app/home.hpp"
#include "assessment/module.hpp"
#include "catalog/module.hpp"
#include "credentials/web/module.hpp"
#include "evidence/module.hpp"

namespace mc::app {

// Order matters: accounts installs the session gate every other route relies on.
void install_modules(App& app) {
    accounts::install(app);
    install_home(app);
    catalog::install(app);
    evidence::install(app);
    assessment::install(app);
    credentials::install(app);
}

// Demo data in dependency order: people and organizations, then the catalog, then the issuer.
Result<void> seed_demo(App& app) {
    TRY(accounts::seed_demo(app));
    TRY(catalog::seed_demo(app));
    TRY(credentials::seed_demo(app));
    TRY(evidence::seed_demo(app));
    TRY(assessment::seed_demo(app));
    return {};
}

void start_background(App& app) { accounts::start_background(app); }
void stop_background(App& app) { accounts::stop_background(app); }

std::vector<CLI::App*> add_module_commands(CLI::App&, Config&) { return {}; }

int run_module_command(CLI::App&, App&) {
    std::cerr << "microcred: unknown command\n";
    return 2;
}

} // namespace mc::app
