// The token pages write into their /static/ URLs ({{asset_v}} -> ?v=...), so a browser may keep
// assets for a year: set once at start-up from the static tree's content (http::tree_version).
// Kept out of views.hpp, which every page handler includes.
#pragma once

#include <string>

namespace mc::web {

void set_asset_version(std::string version);
const std::string& asset_version();

} // namespace mc::web
