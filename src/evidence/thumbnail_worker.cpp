#include "evidence/thumbnail_worker.hpp"

#include <spdlog/spdlog.h>

#include <fstream>

#include "evidence/thumbnail.hpp"
#include "platform/process/isolation.hpp"
#include "platform/process/worker_pool.hpp"

namespace mc::evidence {

namespace {

// A 480 px JPEG at quality 75 is 20-80 KB; anything near this bound is not a thumbnail.
constexpr std::size_t kMaxThumbnailBytes = 1u << 20;
// Shrink-on-load keeps a phone photo to a few MB of pixels; a 100-megapixel PNG is decoded a
// strip at a time (sequential access) and stays within this.
constexpr std::uint64_t kAddressSpace = 1024ull << 20;

process::WorkerPool& thumbnail_pool(const process::Isolation& iso) {
    static process::WorkerPool pool([&iso] {
        process::PoolOptions o;
        o.executable = iso.executable;
        o.args = {"__worker", "thumbnail"};
        if (iso.crash_hooks) o.args.push_back("--test-crash-hooks");
        o.limits = {.address_space_bytes = kAddressSpace, .cpu_seconds = 60, .file_size_bytes = 0};
        o.timeout = std::chrono::seconds(10);
        o.max_workers = 2; // decoding is CPU-bound: more would only queue behind the cores
        o.max_frame = kMaxThumbnailBytes + 4096;
        return o;
    }());
    return pool;
}

bool looks_like_jpeg(const std::string& b) {
    return b.size() > 4 && b.size() <= kMaxThumbnailBytes && static_cast<unsigned char>(b[0]) == 0xFF &&
           static_cast<unsigned char>(b[1]) == 0xD8 && static_cast<unsigned char>(b[2]) == 0xFF;
}

// The test-only hook reads the start of the file (markers sit in a PNG text chunk).
void crash_hook_for(const std::filesystem::path& source) {
    std::ifstream in(source, std::ios::binary);
    std::string head(64 * 1024, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    process::test_crash_hook(head);
}

} // namespace

IsolatedThumbnail render_thumbnail_isolated(const std::filesystem::path& source) {
    const auto* iso = process::isolation();
    if (!iso) return {render_thumbnail(source)};
    auto result = thumbnail_pool(*iso).call(source.string());
    if (!result) {
        const auto& e = result.error();
        const char* how = e.kind == process::Failure::busy        ? "busy"
                          : e.kind == process::Failure::timed_out ? "timed out"
                                                                  : "crashed";
        spdlog::warn("thumbnail: worker {}: {} ({})", how, e.detail, source.filename().string());
        if (e.kind == process::Failure::busy)
            return {fail(Errc::unavailable, "evidence.files.preview_busy", "thumbnail worker busy")};
        return {fail(Errc::invalid, "evidence.files.no_preview", std::string("thumbnail worker ") + how + ": " + e.detail),
                e.kind == process::Failure::crashed};
    }
    // First byte: 'J' and the JPEG, or 'U' and why the image is not one libvips reads.
    const std::string& frame = *result;
    if (!frame.empty() && frame[0] == 'U')
        return {fail(Errc::unsupported_type, "errors.unsupported_type", frame.substr(1, 300))};
    std::string jpeg = frame.empty() ? std::string() : frame.substr(1);
    if (frame.empty() || frame[0] != 'J' || !looks_like_jpeg(jpeg)) {
        spdlog::warn("thumbnail: the worker's answer is not a JPEG ({} bytes)", frame.size());
        return {fail(Errc::invalid, "evidence.files.no_preview", "thumbnail worker answered something else"), true};
    }
    return {std::move(jpeg)};
}

int run_thumbnail_worker() {
    return process::serve_jobs([](std::string_view job, const process::Ask&) -> std::string {
        std::filesystem::path source{std::string(job)};
        crash_hook_for(source);
        auto made = render_thumbnail(source);
        if (!made) return "U" + made.error().detail;
        if (made->size() > kMaxThumbnailBytes) return "Uthumbnail larger than its bound";
        return "J" + *made;
    }, kMaxThumbnailBytes + 4096);
}

} // namespace mc::evidence
