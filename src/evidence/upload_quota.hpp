// What one person may hold in evidence storage, and the disk's own floor: the rules a tus
// creation (and each PATCH) is held to. Pure, so each refusal is tested on its own; the
// numbers come from app::Config (MICROCRED_* variables) and are listed in docs/security.md.
#pragma once

#include <cstdint>
#include <string_view>

namespace mc::evidence {

// What one person holds now.
struct UploadHoldings {
    long long unfinished = 0;       // uploads begun, not finished, not expired
    long long unfinished_bytes = 0; // their declared lengths (what they may still write)
    long long finished_bytes = 0;   // finished files kept (not removed), each stored blob once
};

struct StorageBounds {
    std::uint64_t max_unfinished_bytes = 0; // per person, declared lengths of unfinished uploads
    long long max_unfinished = 0;           // per person, unfinished uploads at once
    std::uint64_t max_total_bytes = 0;      // per person, finished + unfinished
    std::uint64_t min_free_disk = 0;        // the disk keeps at least this much free
};

enum class StorageRefusal { none, too_many_unfinished, unfinished_bytes, total_bytes, disk_nearly_full };

// May a new upload of `length` bytes begin? free_disk: bytes the data folder's disk has free.
StorageRefusal check_new_upload(const StorageBounds& b, const UploadHoldings& h, std::uint64_t length,
                                std::uint64_t free_disk);
// May a PATCH write `remaining` more bytes now?
StorageRefusal check_write(const StorageBounds& b, std::uint64_t remaining, std::uint64_t free_disk);

// The locale key that tells the person what happened and what to do.
std::string_view refusal_key(StorageRefusal r);

} // namespace mc::evidence
