// Photos are decoded in a worker process (platform/process): libvips reads JPEG, PNG, HEIC, WebP
// and GIF bytes that anyone with an account can upload, so a decoder bug that a crafted file
// reaches must cost only that file's preview. The worker holds no database and no keys, may not
// write files (RLIMIT_FSIZE 0) and gets the source's path; it sends back the JPEG bytes, which the
// server checks and writes itself.
#pragma once

#include <filesystem>
#include <string>

#include "platform/error.hpp"

namespace mc::evidence {

struct IsolatedThumbnail {
    Result<std::string> jpeg;    // the bytes, or why not (unsupported, could not make, busy)
    bool decoder_crashed = false; // the worker died on this photo: worth remembering
};

// render_thumbnail in a worker under `serve`, in this process otherwise (tests, tools).
IsolatedThumbnail render_thumbnail_isolated(const std::filesystem::path& source);

// The worker's main (`microcred __worker thumbnail`).
int run_thumbnail_worker();

} // namespace mc::evidence
