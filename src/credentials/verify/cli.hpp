// `microcred credentials verify FILE...`: verifies credential files offline (JSON, JWT,
// PNG and SVG badges) and prints, per file, each check in plain words. No database, no
// network, no web code: see offline.hpp for where keys come from.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "credentials/verify/offline.hpp"

namespace mc::credentials {

// Returns the process exit code: 0 only if every file is valid, 1 if any is not (or
// cannot be read), 2 if no file was given.
int verify_files(const std::vector<std::string>& files, std::ostream& out);
int verify_files(const std::vector<std::string>& files, std::ostream& out, const OfflineOptions& options);

} // namespace mc::credentials
