// Checks other domains add before an educator starts a micro-credential (a pathway's
// prerequisite not met yet): the first failure refuses the start with its message. Evidence
// enrolls without learning why; the checks live per App, so test apps do not share them.
#pragma once

#include <functional>
#include <string>

#include <soci/soci.h>

#include "app/app.hpp"

namespace mc::evidence {

using StartCheck = std::function<Result<void>(soci::session&, const std::string& educator_id,
                                              const std::string& micro_credential_id)>;

void add_start_check(const app::App& app, StartCheck check);
Result<void> may_start(const app::App& app, soci::session& sql, const std::string& educator_id,
                       const std::string& micro_credential_id);
// Forgets the checks of an App about to be destroyed.
void drop_start_checks(const app::App& app);

} // namespace mc::evidence
