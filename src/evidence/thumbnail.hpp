// Small JPEG copies of photo evidence for pages on a phone: a 2 MB classroom photo becomes
// ~30 KB, and the full file travels only when someone asks for it. A thumbnail is evidence
// too: it is served through the same access check and view log as its file, and removed with
// the file's bytes. Made with libvips (shrink-on-load, streaming, metadata stripped so no GPS
// position or camera serial leaves in it).
#pragma once

#include <filesystem>
#include <string>

#include "platform/error.hpp"

namespace mc::evidence {

inline constexpr int kThumbnailWidth = 480; // CSS px of a 360 px phone at 1.33x, and a desktop column
// Larger images are not decoded at all (a "decompression bomb" is a few KB of PNG).
inline constexpr long long kThumbnailMaxPixels = 100'000'000;

std::filesystem::path thumbnail_path(const std::filesystem::path& evidence_dir, const std::string& sha256);

// The thumbnail of the blob `source` (content address `sha256`), made on first use. Fails with
// unsupported when libvips cannot read the image or it is over kThumbnailMaxPixels. Under
// `serve` the decoding runs in a worker process (thumbnail_worker.hpp): a photo that crashes or
// stalls libvips fails with invalid ("we could not make a preview", remembered so the next view
// does not try again) or, when no worker is free, unavailable; nobody else's request is touched.
Result<std::filesystem::path> ensure_thumbnail(const std::filesystem::path& evidence_dir, const std::string& sha256,
                                               const std::filesystem::path& source);

// The JPEG bytes of the thumbnail of `source`, made here in this process (what the worker runs).
Result<std::string> render_thumbnail(const std::filesystem::path& source);

void remove_thumbnail(const std::filesystem::path& evidence_dir, const std::string& sha256);

} // namespace mc::evidence
