// The web side of the OB 3.0 API domain: each install_* adds its routes with their access rule.
#pragma once

#include "app/app.hpp"

namespace mc::ob3api {

// GET /ims/ob/v3p0/discovery, POST /oauth/register, /oauth/token, /oauth/revoke (no session, no
// CSRF: machine endpoints, protected by client authentication).
void install_oauth_api(app::App& app);
// GET/POST /oauth/authorize (the educator's consent), GET /profile/apps, POST /profile/apps/{id}/revoke.
void install_consent_pages(app::App& app);
// GET /ims/ob/v3p0/credentials, GET/PUT /ims/ob/v3p0/profile (bearer access tokens).
void install_resource_api(app::App& app);

} // namespace mc::ob3api
