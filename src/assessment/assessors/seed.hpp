// Demo data of the assessor lifecycle, called from the assessment domain's seed_demo.
#pragma once

#include <string>
#include <vector>

#include <soci/soci.h>

#include "platform/error.hpp"

namespace mc::assessment::assessors {

// assessors: the demo assessor accounts to approve, train and certify; hash: the demo password's.
Result<void> seed_lifecycle(soci::session& sql, const std::vector<std::string>& assessors, const std::string& hash);

} // namespace mc::assessment::assessors
