#include "ob3api/module.hpp"

#include "ob3api/web.hpp"

namespace mc::ob3api {

void install(app::App& app) {
    install_oauth_api(app);
    install_consent_pages(app);
    install_resource_api(app);
}

} // namespace mc::ob3api
