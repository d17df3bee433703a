#include "evidence/blob_store.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "evidence/thumbnail.hpp"
#include "platform/crypto/random.hpp"

namespace mc::evidence {

namespace fs = std::filesystem;

namespace {
std::unexpected<Error> io_error(const std::string& what) {
    return fail(Errc::internal, "errors.internal", what + ": " + std::strerror(errno));
}

// Copies across file systems into a temporary name next to the destination.
Result<void> copy_durably(const fs::path& from, const fs::path& to) {
    int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
    if (in < 0) return io_error("open " + from.string());
    int out = ::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (out < 0) {
        ::close(in);
        return io_error("create " + to.string());
    }
    std::vector<char> buf(64 * 1024);
    ssize_t n = 0;
    bool ok = true;
    while (ok && (n = ::read(in, buf.data(), buf.size())) > 0)
        for (ssize_t done = 0; ok && done < n;) {
            ssize_t w = ::write(out, buf.data() + done, static_cast<size_t>(n - done));
            ok = w > 0;
            done += w;
        }
    ok = ok && n == 0 && ::fsync(out) == 0;
    ::close(in);
    ::close(out);
    if (!ok) {
        fs::remove(to);
        return io_error("copy to " + to.string());
    }
    return {};
}
} // namespace

fs::path blob_path(const fs::path& evidence_dir, const std::string& sha) { return evidence_dir / sha.substr(0, 2) / sha; }

fs::path upload_part_path(const fs::path& data_dir, const std::string& id) { return data_dir / "uploads" / (id + ".part"); }

std::mutex& store_mutex() {
    static std::mutex m;
    return m;
}

bool is_hex_sha256(const std::string& s) {
    if (s.size() != 64) return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

Result<void> fsync_path(const fs::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return io_error("open for fsync " + path.string());
    int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) return io_error("fsync " + path.string());
    return {};
}

Result<void> place_blob(const fs::path& source, const fs::path& evidence_dir, const std::string& sha) {
    if (!is_hex_sha256(sha)) return fail(Errc::internal, "errors.internal", "bad hash " + sha);
    auto dest = blob_path(evidence_dir, sha);
    std::error_code ec;
    fs::create_directories(dest.parent_path(), ec);
    if (ec) return fail(Errc::internal, "errors.internal", "mkdir " + dest.parent_path().string() + ": " + ec.message());
    if (fs::exists(dest)) {
        fs::remove(source, ec);
        return {};
    }
    if (::rename(source.c_str(), dest.c_str()) != 0) {
        if (errno != EXDEV) return io_error("rename into store " + dest.string());
        auto tmp = dest.parent_path() / (".tmp-" + crypto::new_id());
        TRY(copy_durably(source, tmp));
        if (::rename(tmp.c_str(), dest.c_str()) != 0) {
            fs::remove(tmp, ec);
            return io_error("rename into store " + dest.string());
        }
        fs::remove(source, ec);
    }
    // The rename is durable only once the folder's entry is on disk.
    TRY(fsync_path(dest.parent_path()));
    return {};
}

void remove_blob(const fs::path& evidence_dir, const std::string& sha) {
    if (!is_hex_sha256(sha)) return;
    std::error_code ec;
    auto path = blob_path(evidence_dir, sha);
    if (fs::remove(path, ec)) (void)fsync_path(path.parent_path());
    remove_thumbnail(evidence_dir, sha); // the same picture, smaller: it goes with the file
}

Result<std::string> sha256_of_file(const fs::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return io_error("open " + path.string());
    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    std::vector<unsigned char> buf(64 * 1024);
    ssize_t n = 0;
    while ((n = ::read(fd, buf.data(), buf.size())) > 0) crypto_hash_sha256_update(&state, buf.data(), static_cast<unsigned long long>(n));
    ::close(fd);
    if (n < 0) return io_error("read " + path.string());
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&state, digest);
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return std::string(hex);
}

std::string read_head(const fs::path& path, std::size_t max_bytes) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return {};
    std::string out(max_bytes, '\0');
    std::size_t got = 0;
    while (got < max_bytes) {
        ssize_t n = ::read(fd, out.data() + got, max_bytes - got);
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
    }
    ::close(fd);
    out.resize(got);
    return out;
}

} // namespace mc::evidence
