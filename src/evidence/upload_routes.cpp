// tus 1.0 endpoints under /uploads (core protocol + creation + termination). Every request
// names the protocol version and carries the CSRF header; every upload is checked against
// its owner and its submission (a draft, a part that takes files, room for one more).
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>

#include "accounts/roles.hpp"
#include "evidence/blob_store.hpp"
#include "evidence/sniff.hpp"
#include "evidence/tus.hpp"
#include "evidence/upload_sink.hpp"
#include "evidence/web.hpp"
#include "platform/crypto/random.hpp"

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

Result<UploadRow> load_mine(soci::session& sql, const http::Request& req) {
    auto u = TRY(load_upload(sql, req.param("id")));
    if (u.owner_id != req.principal.user_id) return fail(Errc::not_found, "errors.not_found", "upload of another user");
    return u;
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

    UploadRow u;
    u.id = crypto::new_id();
    u.owner_id = req.principal.user_id;
    u.submission_id = owned.sub.id;
    u.part_id = part->id;
    u.original_name = clean_filename(value("filename"));
    u.declared_type = declared.substr(0, 100);
    u.length = static_cast<long long>(*length);
    u.created_at = now_seconds();
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
    return res;
}

Result<http::Response> head(app::App& app, http::Request& req) {
    if (auto refused = version_mismatch(req)) return *refused;
    auto sql = app.db->lease();
    auto u = TRY(load_mine(*sql, req));
    // While a PATCH is writing, its bytes past the recorded offset are legitimate.
    if (!UploadLock::is_held(u.id)) TRY(reconcile_part_file(app, *sql, u));
    auto res = tus_response(200);
    res.header("Upload-Offset", std::to_string(u.completed ? u.length : u.received));
    res.header("Upload-Length", std::to_string(u.length));
    return res;
}

Result<http::StreamStart> patch(app::App& app, http::Request& req) {
    if (auto refused = version_mismatch(req)) return http::StreamStart{std::move(*refused)};
    if (!req.header("content-type").starts_with("application/offset+octet-stream"))
        return fail(Errc::unsupported_type, "errors.unsupported_type", "PATCH content type");
    auto offset = tus::parse_length(req.header("upload-offset"));
    if (!offset) return fail(Errc::bad_input, "evidence.upload.bad_offset", "Upload-Offset");
    auto sql = app.db->lease();
    auto u = TRY(load_mine(*sql, req));
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
    auto sink = TRY(open_sink(app, std::move(u), std::move(lock)));
    return http::StreamStart{std::move(sink)};
}

Result<http::Response> terminate(app::App& app, http::Request& req) {
    if (auto refused = version_mismatch(req)) return *refused;
    auto sql = app.db->lease();
    auto u = TRY(load_mine(*sql, req));
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
