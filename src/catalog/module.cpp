#include "catalog/module.hpp"

#include "catalog/catalog_web.hpp"
#include "catalog/seed.hpp"

namespace mc::catalog {

void install(app::App& app) {
    install_public_pages(app);
    install_framework_pages(app); // before the {slug} routes it would otherwise shadow
    install_authoring_pages(app);
    install_api(app);
}

Result<void> seed_demo(app::App& app) { return seed_from(app, app.config.source_dir / "web/demo/catalog"); }

} // namespace mc::catalog
