// Entry points of the OB 3.0 API domain (src/ob3api) for the app wiring (src/app/modules.cpp).
// microcred is the Service Provider of the 1EdTech Open Badges 3.0 API: discovery, OAuth 2.0
// dynamic client registration, authorization code with PKCE, and the resource endpoints.
#pragma once

#include "app/app.hpp"

namespace mc::ob3api {

void install(app::App& app);

} // namespace mc::ob3api
