#include "evidence/thumbnail.hpp"

#include <vips/vips8>

#include <mutex>

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

} // namespace

fs::path thumbnail_path(const fs::path& evidence_dir, const std::string& sha) {
    return evidence_dir / "thumbs" / sha.substr(0, 2) / (sha + "-w" + std::to_string(kThumbnailWidth) + ".jpg");
}

Result<fs::path> ensure_thumbnail(const fs::path& evidence_dir, const std::string& sha, const fs::path& source) {
    if (!hex_sha(sha)) return fail(Errc::not_found, "errors.not_found", "bad content address");
    auto out = thumbnail_path(evidence_dir, sha);
    std::error_code ec;
    if (fs::is_regular_file(out, ec)) return out;
    start_vips();
    fs::create_directories(out.parent_path(), ec);
    // Written under a private name and renamed: two viewers at once never see half a JPEG.
    auto tmp = out;
    tmp += ".tmp-" + crypto::random_token(8);
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
        small.jpegsave(tmp.c_str(), vips::VImage::option()->set("Q", 75)->set("strip", true));
    } catch (const vips::VError& e) {
        fs::remove(tmp, ec);
        return fail(Errc::unsupported_type, "errors.unsupported_type", std::string("thumbnail: ") + e.what());
    }
    fs::rename(tmp, out, ec);
    if (ec) {
        fs::remove(tmp, ec);
        return fail(Errc::internal, "errors.internal", "thumbnail rename: " + ec.message());
    }
    return out;
}

void remove_thumbnail(const fs::path& evidence_dir, const std::string& sha) {
    if (!hex_sha(sha)) return;
    std::error_code ec;
    fs::remove(thumbnail_path(evidence_dir, sha), ec);
}

} // namespace mc::evidence
