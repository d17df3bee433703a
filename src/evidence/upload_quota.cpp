#include "evidence/upload_quota.hpp"

namespace mc::evidence {

namespace {
std::uint64_t u(long long v) { return v < 0 ? 0 : static_cast<std::uint64_t>(v); }
} // namespace

StorageRefusal check_new_upload(const StorageBounds& b, const UploadHoldings& h, std::uint64_t length,
                                std::uint64_t free_disk) {
    // The disk first: when it is nearly full nobody's quota matters.
    if (check_write(b, length, free_disk) != StorageRefusal::none) return StorageRefusal::disk_nearly_full;
    if (h.unfinished >= b.max_unfinished) return StorageRefusal::too_many_unfinished;
    if (u(h.unfinished_bytes) + length > b.max_unfinished_bytes) return StorageRefusal::unfinished_bytes;
    if (u(h.unfinished_bytes) + u(h.finished_bytes) + length > b.max_total_bytes) return StorageRefusal::total_bytes;
    return StorageRefusal::none;
}

StorageRefusal check_write(const StorageBounds& b, std::uint64_t remaining, std::uint64_t free_disk) {
    if (free_disk < b.min_free_disk || free_disk - b.min_free_disk < remaining) return StorageRefusal::disk_nearly_full;
    return StorageRefusal::none;
}

std::string_view refusal_key(StorageRefusal r) {
    switch (r) {
    case StorageRefusal::too_many_unfinished: return "evidence.upload.too_many_unfinished";
    case StorageRefusal::unfinished_bytes: return "evidence.upload.unfinished_quota";
    case StorageRefusal::total_bytes: return "evidence.upload.storage_quota";
    case StorageRefusal::disk_nearly_full: return "evidence.upload.disk_full";
    case StorageRefusal::none: break;
    }
    return "";
}

} // namespace mc::evidence
