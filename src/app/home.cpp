#include "app/home.hpp"

namespace mc::app {

void install_home(App& app) {
    App* self = &app;
    app.router.get("/", http::AccessRule::anyone(), [self](http::Request& req) -> Result<http::Response> {
        return self->views->page(req, "home", {{"title_key", "home.title"}});
    });
}

} // namespace mc::app
