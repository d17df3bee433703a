// Loading catalog content from files: the demo framework and micro-credentials
// (web/demo/catalog), and test data. See docs/catalog-content.md for the file shapes.
#pragma once

#include <filesystem>

#include "app/app.hpp"

namespace mc::catalog {

// Reads dir/framework.json and dir/micro-credentials/*.json; creates what is missing and
// publishes version 1 of each new micro-credential. Running it twice changes nothing.
// A missing dir is not an error (nothing to load).
Result<void> seed_from(app::App& app, const std::filesystem::path& dir);

} // namespace mc::catalog
