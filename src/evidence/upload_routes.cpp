// tus 1.0 endpoints under /uploads (core protocol + creation + termination + expiration). Every request
// names the protocol version and carries the CSRF header; every upload is checked against
// its owner and its submission (a draft, a part that takes files, room for one more).
#include <fcntl.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>

#include <spdlog/spdlog.h>

#include "accounts/roles.hpp"
#include "evidence/blob_store.hpp"
#include "evidence/sniff.hpp"
#include "evidence/tus.hpp"
#include "app/storage_limits.hpp"
#include "evidence/upload_storage.hpp"
#include "evidence/upload_sink.hpp"
#include "evidence/web.hpp"
#include "platform/crypto/random.hpp"
#include "platform/db/database.hpp"

namespace mc::evidence {

namespace {

namespace fs = std::filesystem;

// A client speaking another protocol version is told which one we speak (tus: 412).
std::optional<http::Response> version_mismatch(const http::Request& req) {
    if (req.header("tus-resumable") == tus::kVersion) return std::nullopt;
    auto res = tus_response(412);
    res.header("Tus-Version", std::string(tus::kVersion));
    return res;
}

// The name shown to assessors: the last path segment, no control characters, bounded.
std::string clean_filename(std::string name) {
    auto slash = name.find_last_of("/\\");
    if (slash != std::string::npos) name = name.substr(slash + 1);
    std::erase_if(name, [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
    if (name.size() > 200) name.resize(200);
    return name.empty() ? "evidence" : name;
}

long long expiry_of(const app::App& app, const UploadRow& u) {
    return u.expires_at > 0 ? u.expires_at : u.created_at + app::storage_limits().upload_expiry_seconds;
}

Result<UploadRow> load_mine(app::App& app, soci::session& sql, const http::Request& req) {
    auto u = TRY(load_upload(sql, req.param("id")));
    if (u.owner_id != req.principal.user_id) return fail(Errc::not_found, "errors.not_found", "upload of another user");
    // Expired: gone for the client even before the sweep removes it (tus expiration).
    if (!u.completed && expiry_of(app, u) <= now_seconds())
        return fail(Errc::not_found, "evidence.upload.expired", "upload expired " + u.id);
    return u;
}

// A refusal in the person's language: quotas are 413 (this upload is too much for them),
// a nearly full disk is 507 Insufficient Storage (nothing they did; try later).
std::optional<http::Response> refusal(app::App& app, const http::Request& req, StorageRefusal r, const std::string& detail) {
    if (r == StorageRefusal::none) return std::nullopt;
    bool disk = r == StorageRefusal::disk_nearly_full;
    if (disk)
        spdlog::error("evidence: data disk below its free-space floor, upload refused ({})", detail);
    else
        spdlog::info("evidence: storage bound, upload refused ({})", detail);
    auto res = app.error_response(req, Error{Errc::too_large, std::string(refusal_key(r)), detail});
    if (disk) res.status = 507;
    res.header("Tus-Resumable", std::string(tus::kVersion));
    res.header("Cache-Control", "no-store");
    return res;
}

Result<http::Response> create(app::App& app, http::Request& req) {
    if (auto refused = version_mismatch(req)) return *refused;
    if (!req.header("upload-defer-length").empty())
        return fail(Errc::bad_input, "evidence.upload.bad_length", "deferred length is not offered");
    auto length = tus::parse_length(req.header("upload-length"));
    if (!length || *length == 0) return fail(Errc::bad_input, "evidence.upload.bad_length", "Upload-Length");
    if (*length > app.config.max_upload_bytes)
        return fail(Errc::too_large, "evidence.upload.too_large", "declared " + std::to_string(*length));
    auto meta = TRY(tus::parse_metadata(req.header("upload-metadata")));
    auto value = [&](const char* k) { return meta.contains(k) ? meta[k] : std::string(); };

    auto sql = app.db->lease();
    auto owned = TRY(load_owned_with_version(*sql, value("submission_id"), req.principal.user_id));
    if (!is_editable(owned.sub.status))
        return fail(Errc::conflict, "evidence.errors.not_editable", "upload to " + owned.sub.status);
    const auto* part = owned.version.content.part(value("part_id"));
    if (!part || part->kind != catalog::PartKind::artifact)
        return fail(Errc::bad_input, "evidence.upload.no_files_here", "part " + value("part_id"));
    // An early answer for the declared type; the bytes are checked again when complete.
    auto declared = value("filetype");
    auto kind = evidence_kind(declared);
    bool unknown = declared.empty() || declared == "application/octet-stream";
    if (!unknown && std::find(part->accepted_types.begin(), part->accepted_types.end(), kind) == part->accepted_types.end())
        return fail(Errc::unsupported_type, "evidence.upload.type_not_accepted", "declared " + declared);
    if (part->max_files > 0 && count_files(*sql, owned.sub.id, part->id) >= part->max_files)
        return fail(Errc::conflict, "evidence.upload.too_many_files", "part " + part->id + " is full");

    // What this person already holds, and the disk's floor (issue 8: 50 creations of 2 GiB were
    // all accepted). Checked before the .part file exists, so a refusal leaves nothing behind.
    long long now = now_seconds();
    auto holdings = holdings_of(*sql, req.principal.user_id, now, app::storage_limits().upload_expiry_seconds);
    if (auto refused = refusal(app, req,
                               check_new_upload(storage_bounds(), holdings, *length, free_disk_bytes(app.config.data_dir)),
                               "upload of " + std::to_string(*length) + " by " + req.principal.user_id))
        return *refused;

    UploadRow u;
    u.id = crypto::new_id();
    u.owner_id = req.principal.user_id;
    u.submission_id = owned.sub.id;
    u.part_id = part->id;
    u.original_name = clean_filename(value("filename"));
    u.declared_type = declared.substr(0, 100);
    u.length = static_cast<long long>(*length);
    u.created_at = now;
    u.expires_at = now + app::storage_limits().upload_expiry_seconds;
    auto path = upload_part_path(app.config.data_dir, u.id);
    fs::create_directories(path.parent_path());
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return fail(Errc::internal, "errors.internal", "create " + path.string());
    ::close(fd);
    TRY(fsync_path(path.parent_path()));
    insert_upload(*sql, u);
    auto res = tus_response(201);
    res.header("Location", "/uploads/" + u.id);
    res.header("Upload-Offset", "0");
    res.header("Upload-Expires", tus::http_date(u.expires_at));
    return res;
}

Result<http::Response> head(app::App& app, http::Request& req) {
    if (auto refused = version_mismatch(req)) return *refused;
    auto sql = app.db->lease();
    auto u = TRY(load_mine(app, *sql, req));
    // While a PATCH is writing, its bytes past the recorded offset are legitimate.
    if (!UploadLock::is_held(u.id)) TRY(reconcile_part_file(app, *sql, u));
    auto res = tus_response(200);
    res.header("Upload-Offset", std::to_string(u.completed ? u.length : u.received));
    res.header("Upload-Length", std::to_string(u.length));
    if (!u.completed) res.header("Upload-Expires", tus::http_date(expiry_of(app, u)));
    return res;
}

Result<http::StreamStart> patch(app::App& app, http::Request& req) {
    if (auto refused = version_mismatch(req)) return http::StreamStart{std::move(*refused)};
    if (!req.header("content-type").starts_with("application/offset+octet-stream"))
        return fail(Errc::unsupported_type, "errors.unsupported_type", "PATCH content type");
    auto offset = tus::parse_length(req.header("upload-offset"));
    if (!offset) return fail(Errc::bad_input, "evidence.upload.bad_offset", "Upload-Offset");
    auto sql = app.db->lease();
    auto u = TRY(load_mine(app, *sql, req));
    auto sub = TRY(load_submission(*sql, u.submission_id));
    if (!is_editable(sub.status)) return fail(Errc::conflict, "evidence.errors.not_editable", "PATCH to " + sub.status);
    if (u.completed) return fail(Errc::conflict, "evidence.upload.wrong_offset", "upload already complete");
    auto lock = UploadLock::try_acquire(u.id);
    if (!lock) return fail(Errc::conflict, "evidence.upload.busy", "concurrent PATCH " + u.id);
    TRY(reconcile_part_file(app, *sql, u));
    if (static_cast<long long>(*offset) != u.received)
        return fail(Errc::conflict, "evidence.upload.wrong_offset",
                    "offset " + std::to_string(*offset) + " expected " + std::to_string(u.received));
    if (auto cl = tus::parse_length(req.header("content-length")); cl && u.received + static_cast<long long>(*cl) > u.length)
        return fail(Errc::too_large, "evidence.upload.too_large", "PATCH body past Upload-Length");
    if (auto refused = refusal(app, req,
                               check_write(storage_bounds(), static_cast<std::uint64_t>(u.length - u.received),
                                           free_disk_bytes(app.config.data_dir)),
                               "PATCH " + u.id))
        return http::StreamStart{std::move(*refused)};
    // An upload in use does not expire: each PATCH moves the expiry a full period on.
    u.expires_at = now_seconds() + app::storage_limits().upload_expiry_seconds;
    extend_upload(*sql, u.id, u.expires_at);
    auto sink = TRY(open_sink(app, std::move(u), std::move(lock)));
    return http::StreamStart{std::move(sink)};
}

Result<http::Response> terminate(app::App& app, http::Request& req) {
    if (auto refused = version_mismatch(req)) return *refused;
    auto sql = app.db->lease();
    auto u = TRY(load_mine(app, *sql, req));
    if (u.completed) return fail(Errc::conflict, "evidence.upload.already_complete", "terminate completed upload");
    auto lock = UploadLock::try_acquire(u.id);
    if (!lock) return fail(Errc::conflict, "evidence.upload.busy", "terminate during PATCH " + u.id);
    delete_upload(*sql, u.id);
    std::error_code ec;
    fs::remove(upload_part_path(app.config.data_dir, u.id), ec);
    forget_hash_progress(u.id);
    return tus_response(204);
}

} // namespace

StorageBounds storage_bounds() {
    const auto& c = app::storage_limits();
    return {.max_unfinished_bytes = c.max_unfinished_bytes_per_user,
            .max_unfinished = c.max_unfinished_uploads_per_user,
            .max_total_bytes = c.max_evidence_bytes_per_user,
            .min_free_disk = c.min_free_disk_bytes};
}

std::uint64_t free_disk_bytes(const std::filesystem::path& dir) {
    struct statvfs st{};
    if (::statvfs(dir.c_str(), &st) != 0) return 0; // unknown counts as full: refuse rather than fill
    return static_cast<std::uint64_t>(st.f_bavail) * st.f_frsize;
}

int sweep_expired_uploads(app::App& app, long long now) {
    int removed = 0;
    try {
        auto sql = app.db->lease();
        for (const auto& id : expired_uploads(*sql, now, app::storage_limits().upload_expiry_seconds, 200)) {
            auto lock = UploadLock::try_acquire(id);
            if (!lock) continue; // a PATCH is writing right now: it extends the expiry
            {
                db::WriteTx tx(*sql);
                delete_upload(*sql, id);
                tx.commit();
            }
            std::error_code ec;
            fs::remove(upload_part_path(app.config.data_dir, id), ec);
            forget_hash_progress(id);
            ++removed;
        }
        // .part files with no row (the server died between creating the file and its row):
        // removed once they are older than an expiry period.
        std::error_code ec;
        auto dir = app.config.data_dir / "uploads";
        for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
            const auto& p = it->path();
            if (p.extension() != ".part") continue;
            auto id = p.stem().string();
            std::error_code tec;
            auto mtime = fs::last_write_time(p, tec);
            if (tec) continue;
            auto age = std::chrono::duration_cast<std::chrono::seconds>(fs::file_time_type::clock::now() - mtime).count();
            if (age < app::storage_limits().upload_expiry_seconds || upload_exists(*sql, id) || UploadLock::is_held(id)) continue;
            fs::remove(p, tec);
            if (!tec) ++removed;
        }
    } catch (const std::exception& e) {
        spdlog::error("upload sweep: {}", e.what());
    }
    if (removed > 0) spdlog::info("upload sweep: {} abandoned uploads removed", removed);
    return removed;
}

void install_uploads(app::App& app) {
    app::App* self = &app;
    auto who = http::AccessRule::roles(accounts::educator);
    app.router.add("OPTIONS", "/uploads", who, [self](http::Request&) -> Result<http::Response> {
        auto res = tus_response(204);
        res.header("Tus-Version", std::string(tus::kVersion));
        res.header("Tus-Extension", std::string(tus::kExtensions));
        res.header("Tus-Max-Size", std::to_string(self->config.max_upload_bytes));
        return res;
    });
    app.router.post("/uploads", who, [self](http::Request& req) { return create(*self, req); });
    // HEAD is answered by the GET route (the server sends the headers only).
    app.router.get("/uploads/{id}", who, [self](http::Request& req) { return head(*self, req); });
    app.router.del("/uploads/{id}", who, [self](http::Request& req) { return terminate(*self, req); });
    app.router.stream("PATCH", "/uploads/{id}", who, [self](http::Request& req) { return patch(*self, req); },
                      static_cast<std::size_t>(app.config.max_upload_bytes));
}

} // namespace mc::evidence
