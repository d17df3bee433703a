// Evidence storage upkeep the server runs besides requests: the bounds from the configuration,
// the data disk's free space, and the sweep of expired unfinished uploads (their .part files).
#pragma once

#include <cstdint>
#include <filesystem>

#include "app/app.hpp"
#include "evidence/upload_quota.hpp"

namespace mc::evidence {

StorageBounds storage_bounds(); // from app::storage_limits()
// Bytes an unprivileged writer may still use on the disk of `dir` (0 when it cannot be read).
std::uint64_t free_disk_bytes(const std::filesystem::path& dir);
// Removes unfinished uploads past their Upload-Expires (row and .part file), and .part files
// left without a row; a bounded batch per call. Returns how many went. Never throws.
int sweep_expired_uploads(app::App& app, long long now);

} // namespace mc::evidence
