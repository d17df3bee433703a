// The evidence bytes on disk, content-addressed: data/evidence/<first 2 hex>/<sha256>. A file
// appears under its final name only complete and durable (written elsewhere, fsynced, renamed,
// folder fsynced), so a crash never leaves half a video where an assessor could open it.
#pragma once

#include <filesystem>
#include <mutex>
#include <string>

#include "platform/error.hpp"

namespace mc::evidence {

std::filesystem::path blob_path(const std::filesystem::path& evidence_dir, const std::string& sha256);
std::filesystem::path upload_part_path(const std::filesystem::path& data_dir, const std::string& upload_id);

// Held while placing bytes and recording their row, and while checking references and
// unlinking, so a removal never deletes bytes a new row just started to use (one process).
std::mutex& store_mutex();

// Moves a complete, fsynced file into the store under its hash. When the bytes are already
// there (the same photo uploaded twice) the source is simply removed.
Result<void> place_blob(const std::filesystem::path& source, const std::filesystem::path& evidence_dir,
                        const std::string& sha256);
void remove_blob(const std::filesystem::path& evidence_dir, const std::string& sha256);

Result<std::string> sha256_of_file(const std::filesystem::path& path);
std::string read_head(const std::filesystem::path& path, std::size_t max_bytes);
Result<void> fsync_path(const std::filesystem::path& path); // a file or a folder
bool is_hex_sha256(const std::string& s);

} // namespace mc::evidence
