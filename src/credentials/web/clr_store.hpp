// An educator's Comprehensive Learner Record (CLR 2.0): every credential they hold and that
// still stands, bundled and signed by the agency's issuer key, made fresh on each request
// so it always reflects revocations and new awards.
#pragma once

#include <string>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "app/app.hpp"

namespace mc::credentials {

// Errc::not_found (credentials.clr.empty) when the educator holds no unrevoked credential.
Result<nlohmann::json> signed_clr_for(app::App& app, soci::session& sql, const std::string& educator_id,
                                      const std::string& locale);

} // namespace mc::credentials
