// Entry points of the credentials web layer (award, wallet, verification, issuer profile).
#pragma once

#include "app/app.hpp"

namespace mc::credentials {

void install(app::App& app);
Result<void> seed_demo(app::App& app); // the agency issuer and its first key; idempotent

} // namespace mc::credentials
