// `microcred credentials verify FILE...`: verifies credential files offline (JSON, JWT,
// PNG and SVG badges) and prints, per file, each check in plain words. No database, no
// network, no web code: see offline.hpp for where keys come from.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "credentials/verify/offline.hpp"

namespace mc::credentials {

// Exit codes, so scripts can tell a confirmed credential from a merely intact one.
inline constexpr int kVerifyConfirmed = 0;     // every file valid, signed with a key given by --trust-key
inline constexpr int kVerifyNotValid = 1;      // some file is not valid (or cannot be read)
inline constexpr int kVerifyUsage = 2;         // no file given
inline constexpr int kVerifySignatureOnly = 3; // all intact and in date, but some issuer is NOT confirmed

// Returns one of the exit codes above.
int verify_files(const std::vector<std::string>& files, std::ostream& out);
int verify_files(const std::vector<std::string>& files, std::ostream& out, const OfflineOptions& options);

} // namespace mc::credentials
