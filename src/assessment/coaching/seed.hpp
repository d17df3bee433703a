// Demo appeals, called from the assessment module's seed_demo inside its transaction.
#pragma once

#include <string>

#include <soci/soci.h>

#include "platform/error.hpp"

namespace mc::assessment::coaching {

Result<void> seed_demo(soci::session& sql, const std::string& lead);

} // namespace mc::assessment::coaching
