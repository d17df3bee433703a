#include "evidence/thumbnail.hpp"

#include <vips/vips8>

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <mutex>

#include "evidence/thumbnail_worker.hpp"
#include "platform/crypto/random.hpp"

namespace mc::evidence {

namespace fs = std::filesystem;

namespace {

bool hex_sha(const std::string& s) {
    if (s.size() != 64) return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

void start_vips() {
    static std::once_flag once;
    std::call_once(once, [] {
        vips_init("microcred");
        // A thumbnail is one small job: one worker thread, and no operation cache holding
        // decoded evidence in memory after the request.
        vips_concurrency_set(1);
        vips_cache_set_max(0);
    });
}

// A photo that crashed the decoder once is not tried again on every page view: the marker
// sits beside where the thumbnail would be and goes with it (remove_thumbnail).
fs::path failed_marker(const fs::path& thumb) {
    auto p = thumb;
    p += ".failed";
    return p;
}

// Written under a private name, synced, then renamed: two viewers at once never see half a
// JPEG, and a crash leaves at most a temporary file that no page names.
Result<void> write_whole(const fs::path& out, const std::string& bytes) {
    auto tmp = out;
    tmp += ".tmp-" + crypto::random_token(8);
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return fail(Errc::internal, "errors.internal", "thumbnail: cannot create " + tmp.string());
    std::size_t done = 0;
    while (done < bytes.size()) {
        auto n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n <= 0) break;
        done += static_cast<std::size_t>(n);
    }
    bool ok = done == bytes.size() && ::fsync(fd) == 0;
    ::close(fd);
    std::error_code ec;
    if (ok) fs::rename(tmp, out, ec);
    if (!ok || ec) {
        fs::remove(tmp, ec);
        return fail(Errc::internal, "errors.internal", "thumbnail: cannot write " + out.string());
    }
    return {};
}

} // namespace

fs::path thumbnail_path(const fs::path& evidence_dir, const std::string& sha) {
    return evidence_dir / "thumbs" / sha.substr(0, 2) / (sha + "-w" + std::to_string(kThumbnailWidth) + ".jpg");
}

Result<std::string> render_thumbnail(const fs::path& source) {
    start_vips();
    try {
        // The header alone (nothing decoded yet) says how large the picture is.
        auto header = vips::VImage::new_from_file(source.c_str(),
                                                  vips::VImage::option()->set("access", VIPS_ACCESS_SEQUENTIAL));
        if (static_cast<long long>(header.width()) * header.height() > kThumbnailMaxPixels)
            return fail(Errc::unsupported_type, "errors.unsupported_type", "image over the thumbnail pixel limit");
        auto small = vips::VImage::thumbnail(source.c_str(), kThumbnailWidth,
                                             vips::VImage::option()->set("size", VIPS_SIZE_DOWN));
        // JPEG has no alpha: flatten transparent PNGs on white rather than on black.
        if (small.has_alpha()) small = small.flatten(vips::VImage::option()->set("background", 255.0));
        void* buf = nullptr;
        size_t len = 0;
        small.write_to_buffer(".jpg", &buf, &len, vips::VImage::option()->set("Q", 75)->set("strip", true));
        std::string out(static_cast<const char*>(buf), len);
        g_free(buf);
        return out;
    } catch (const vips::VError& e) {
        return fail(Errc::unsupported_type, "errors.unsupported_type", std::string("thumbnail: ") + e.what());
    }
}

Result<fs::path> ensure_thumbnail(const fs::path& evidence_dir, const std::string& sha, const fs::path& source) {
    if (!hex_sha(sha)) return fail(Errc::not_found, "errors.not_found", "bad content address");
    auto out = thumbnail_path(evidence_dir, sha);
    std::error_code ec;
    if (fs::is_regular_file(out, ec)) return out;
    if (fs::exists(failed_marker(out), ec))
        return fail(Errc::invalid, "evidence.files.no_preview", "thumbnail failed before for " + sha);
    fs::create_directories(out.parent_path(), ec);
    auto made = render_thumbnail_isolated(source);
    if (!made.jpeg) {
        // Only a decoder that died on this photo is remembered; a timeout may be a busy machine.
        if (made.decoder_crashed) std::ofstream(failed_marker(out)).flush();
        return std::unexpected(made.jpeg.error());
    }
    TRY(write_whole(out, *made.jpeg));
    return out;
}

void remove_thumbnail(const fs::path& evidence_dir, const std::string& sha) {
    if (!hex_sha(sha)) return;
    std::error_code ec;
    auto thumb = thumbnail_path(evidence_dir, sha);
    fs::remove(thumb, ec);
    fs::remove(failed_marker(thumb), ec);
}

} // namespace mc::evidence
