// Evidence storage one person may hold, and the data disk's floor (docs/security.md, "Accounts
// and uploads"): any self-registered account can upload, so none may fill the disk. Read from
// MICROCRED_* variables with the rest of the configuration (Config::apply_environment in
// config.cpp). Kept apart from Config so that the limits, which only the evidence uploads read,
// do not rebuild every file that includes the App; one process has one set of limits.
#pragma once

#include <cstdint>

namespace mc::app {

struct StorageLimits {
    std::uint64_t max_unfinished_bytes_per_user = 4ull << 30; // declared lengths of unfinished uploads
    long long max_unfinished_uploads_per_user = 20;
    std::uint64_t max_evidence_bytes_per_user = 20ull << 30;  // finished files kept + unfinished
    long long upload_expiry_seconds = 24 * 3600;              // an unfinished upload untouched this long goes
    std::uint64_t min_free_disk_bytes = 2ull << 30;           // uploads stop before the data disk gets this low
};

// The process's limits (tests change them and put them back).
StorageLimits& storage_limits();

} // namespace mc::app
