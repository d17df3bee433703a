// The web side of the OB 3.0 API domain: each install_* adds its routes with their access rule.
#pragma once

#include "app/app.hpp"

namespace mc::ob3api {

// GET /ims/ob/v3p0/discovery, POST /oauth/register (no session, no CSRF: machine endpoints).
void install_oauth_api(app::App& app);

} // namespace mc::ob3api
