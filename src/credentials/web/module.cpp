#include "credentials/web/module.hpp"

#include "credentials/web/issuer_store.hpp"

namespace mc::credentials {

void install_pages(app::App& app);       // pages.cpp
void install_admin_pages(app::App& app); // admin_pages.cpp
void install_downloads(app::App& app);   // downloads.cpp
void install_api(app::App& app);         // api.cpp
void install_trust_pages(app::App& app); // trust_pages.cpp

void install(app::App& app) {
    install_pages(app);
    install_admin_pages(app);
    install_downloads(app);
    install_api(app);
    install_trust_pages(app);
}

Result<void> seed_demo(app::App& app) { return ensure_default_issuer(app); }

} // namespace mc::credentials
