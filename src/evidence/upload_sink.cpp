#include "evidence/upload_sink.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <mutex>
#include <set>

#include <spdlog/spdlog.h>

#include "catalog/version_store.hpp"
#include "evidence/blob_store.hpp"
#include "evidence/rules.hpp"
#include "evidence/sniff.hpp"
#include "evidence/tus.hpp"
#include "platform/crypto/random.hpp"
#include "platform/db/database.hpp"

namespace mc::evidence {

namespace fs = std::filesystem;

namespace {

std::mutex g_mutex;
std::set<std::string> g_active;
// Hashing as the bytes arrive saves reading a 2 GB file again at the end. The state lives in
// memory only: after a restart the offset no longer matches and the file is hashed once more.
struct HashProgress {
    crypto_hash_sha256_state state;
    long long offset = 0;
};
std::map<std::string, HashProgress> g_hashes;

class UploadSink final : public http::BodySink {
public:
    UploadSink(app::App& app, UploadRow upload, std::unique_ptr<UploadLock> lock, int fd)
        : app_(app), upload_(std::move(upload)), lock_(std::move(lock)), fd_(fd), offset_(upload_.received) {
        std::lock_guard g(g_mutex);
        auto it = g_hashes.find(upload_.id);
        hashing_ = it != g_hashes.end() && it->second.offset == offset_;
        if (hashing_) state_ = it->second.state;
        if (offset_ == 0) {
            crypto_hash_sha256_init(&state_);
            hashing_ = true;
        }
    }
    ~UploadSink() override {
        if (fd_ >= 0) ::close(fd_);
    }

    Result<void> write(std::string_view chunk) override {
        if (offset_ + static_cast<long long>(chunk.size()) > upload_.length)
            return fail(Errc::too_large, "evidence.upload.too_large", "PATCH past Upload-Length " + upload_.id);
        for (std::size_t done = 0; done < chunk.size();) {
            ssize_t n = ::write(fd_, chunk.data() + done, chunk.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) return fail(Errc::internal, "errors.internal", std::string("write upload: ") + std::strerror(errno));
            done += static_cast<std::size_t>(n);
        }
        if (hashing_)
            crypto_hash_sha256_update(&state_, reinterpret_cast<const unsigned char*>(chunk.data()), chunk.size());
        offset_ += static_cast<long long>(chunk.size());
        return {};
    }

    Result<http::Response> finish() override {
        // The last byte is recorded only together with the evidence row (complete_upload): if
        // the server dies before that, HEAD reports the previous offset and the client resends
        // the last piece, instead of believing a file is stored that never reached the store.
        TRY(make_durable(offset_ < upload_.length));
        if (offset_ < upload_.length) {
            auto res = tus_response(204);
            res.header("Upload-Offset", std::to_string(offset_));
            // tus expiration: every PATCH answer of an unfinished upload says until when it may resume.
            if (upload_.expires_at > 0) res.header("Upload-Expires", tus::http_date(upload_.expires_at));
            return res;
        }
        ::close(fd_);
        fd_ = -1;
        return complete();
    }

    void abort() noexcept override {
        // The client resumes from what is on disk and recorded; a failure here only means it
        // resumes from an earlier offset, which HEAD reports truthfully.
        try {
            if (auto r = make_durable(offset_ < upload_.length); !r) spdlog::warn("upload {} abort: {}", upload_.id, r.error().detail);
        } catch (const std::exception& e) {
            spdlog::warn("upload {} abort: {}", upload_.id, e.what());
        }
    }

private:
    // fsync before recording: the database never claims a byte the disk may have lost.
    Result<void> make_durable(bool record) {
        if (fd_ >= 0 && ::fsync(fd_) != 0)
            return fail(Errc::internal, "errors.internal", std::string("fsync upload: ") + std::strerror(errno));
        if (!record) return {};
        if (offset_ != upload_.received) {
            auto sql = app_.db->lease();
            set_received(*sql, upload_.id, offset_);
            upload_.received = offset_;
        }
        std::lock_guard g(g_mutex);
        if (hashing_) g_hashes[upload_.id] = HashProgress{state_, offset_};
        return {};
    }

    std::unexpected<Error> refuse(soci::session& sql, const fs::path& part, Error e) {
        std::error_code ec;
        fs::remove(part, ec);
        delete_upload(sql, upload_.id);
        forget_hash_progress(upload_.id);
        return std::unexpected(std::move(e));
    }

    Result<http::Response> complete() {
        auto part = upload_part_path(app_.config.data_dir, upload_.id);
        auto sql = app_.db->lease();
        auto sub = TRY(load_submission(*sql, upload_.submission_id));
        auto version = TRY(catalog::load_version(*sql, sub.version_id));
        const auto* def = version.content.part(upload_.part_id);
        // The type is judged on the bytes; the name and the browser's claim only have to agree.
        auto media = accepted_media_type(sniff_media_type(read_head(part, kSniffBytes)), upload_.declared_type);
        auto kind = evidence_kind(media);
        bool accepted = def && std::find(def->accepted_types.begin(), def->accepted_types.end(), kind) !=
                                   def->accepted_types.end();
        if (media.empty() || !accepted)
            return refuse(*sql, part, Error{Errc::unsupported_type, "evidence.upload.type_mismatch",
                                            "upload " + upload_.id + " declared " + upload_.declared_type});
        std::string sha;
        if (hashing_) {
            unsigned char digest[crypto_hash_sha256_BYTES];
            crypto_hash_sha256_final(&state_, digest);
            char hex[crypto_hash_sha256_BYTES * 2 + 1];
            sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
            sha = hex;
        } else {
            sha = TRY(sha256_of_file(part));
        }
        forget_hash_progress(upload_.id);

        FileRow row{.id = crypto::new_id(), .submission_id = sub.id, .part_id = upload_.part_id, .sha256 = sha,
                    .media_type = media, .original_name = upload_.original_name, .uploaded_by = upload_.owner_id,
                    .size = upload_.length, .created_at = now_seconds(), .removed_reason = {}};
        std::lock_guard store(store_mutex());
        TRY(place_blob(part, app_.config.evidence_dir(), sha));
        db::WriteTx tx(*sql);
        auto fresh = TRY(load_submission(*sql, sub.id));
        if (!is_editable(fresh.status) || (def->max_files > 0 && count_files(*sql, sub.id, upload_.part_id) >= def->max_files)) {
            delete_upload(*sql, upload_.id);
            tx.commit();
            if (!bytes_in_use(*sql, sha)) remove_blob(app_.config.evidence_dir(), sha);
            return fail(Errc::conflict, "evidence.upload.too_many_files", "upload " + upload_.id + " no longer fits");
        }
        insert_file(*sql, row);
        complete_upload(*sql, upload_.id, row.id);
        tx.commit();
        auto res = tus_response(204);
        res.header("Upload-Offset", std::to_string(offset_));
        return res;
    }

    app::App& app_;
    UploadRow upload_;
    std::unique_ptr<UploadLock> lock_;
    int fd_ = -1;
    long long offset_ = 0;
    bool hashing_ = false;
    crypto_hash_sha256_state state_{};
};

} // namespace

std::unique_ptr<UploadLock> UploadLock::try_acquire(const std::string& id) {
    std::lock_guard g(g_mutex);
    if (!g_active.insert(id).second) return nullptr;
    return std::unique_ptr<UploadLock>(new UploadLock(id));
}

bool UploadLock::is_held(const std::string& id) {
    std::lock_guard g(g_mutex);
    return g_active.contains(id);
}

UploadLock::~UploadLock() {
    std::lock_guard g(g_mutex);
    g_active.erase(id_);
}

void forget_hash_progress(const std::string& id) {
    std::lock_guard g(g_mutex);
    g_hashes.erase(id);
}

http::Response tus_response(int status) {
    http::Response res;
    res.status = status;
    res.header("Tus-Resumable", std::string(tus::kVersion));
    res.header("Cache-Control", "no-store");
    return res;
}

Result<void> reconcile_part_file(app::App& app, soci::session& sql, UploadRow& u) {
    if (u.completed) return {};
    auto path = upload_part_path(app.config.data_dir, u.id);
    std::error_code ec;
    if (!fs::exists(path, ec)) {
        fs::create_directories(path.parent_path(), ec);
        int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
        if (fd < 0) return fail(Errc::internal, "errors.internal", "create " + path.string());
        ::close(fd);
        TRY(fsync_path(path.parent_path()));
        if (u.received != 0) set_received(sql, u.id, 0);
        u.received = 0;
        forget_hash_progress(u.id);
        return {};
    }
    auto size = static_cast<long long>(fs::file_size(path, ec));
    if (ec) return fail(Errc::internal, "errors.internal", "size of " + path.string());
    if (size > u.received) {
        if (::truncate(path.c_str(), u.received) != 0) return fail(Errc::internal, "errors.internal", "truncate upload");
        TRY(fsync_path(path));
    } else if (size < u.received) {
        set_received(sql, u.id, size); // cannot happen with fsync-before-record; be truthful anyway
        u.received = size;
        forget_hash_progress(u.id);
    }
    return {};
}

Result<std::unique_ptr<http::BodySink>> open_sink(app::App& app, UploadRow upload, std::unique_ptr<UploadLock> lock) {
    auto path = upload_part_path(app.config.data_dir, upload.id);
    int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0 || ::lseek(fd, upload.received, SEEK_SET) < 0) {
        if (fd >= 0) ::close(fd);
        return fail(Errc::internal, "errors.internal", "open upload " + path.string());
    }
    return std::make_unique<UploadSink>(app, std::move(upload), std::move(lock), fd);
}

} // namespace mc::evidence
