// Serving evidence. Children may appear in it, so a file goes only to the readers the evidence
// policy names (evidence/access.hpp). Administrators run the program without seeing
// children: they get 404 like everyone else (not 403: nobody should learn the file exists).
// Every view is logged, and a file removed after retention or withdrawal answers 404. A photo's
// thumbnail (thumbnail.hpp) is served under the same rules.
#include "accounts/roles.hpp"
#include "evidence/blob_store.hpp"
#include "evidence/sniff.hpp"
#include "evidence/thumbnail.hpp"
#include "evidence/web.hpp"
#include "platform/db/database.hpp"

namespace mc::evidence {

namespace {

// RFC 6266 / 5987: an ASCII fallback plus the UTF-8 name, so "niños.mp4" keeps its ñ.
std::string disposition(std::string_view kind, const std::string& name) {
    std::string ascii;
    for (char c : name) ascii += (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7E || c == '"' || c == '\\') ? '_' : c;
    bool media = kind == "video" || kind == "audio" || kind == "image";
    return std::string(media ? "inline" : "attachment") + "; filename=\"" + ascii + "\"; filename*=UTF-8''" +
           http::percent_encode(name);
}

// The file behind `id` when `who` may see it, with its bytes on disk; 404 otherwise (the same
// answer for "no such file", "not yours", "removed" and "bytes gone").
struct ViewableFile {
    FileRow row;
    std::filesystem::path bytes;
};

Result<ViewableFile> viewable_file(app::App& app, soci::session& sql, const http::Request& req) {
    auto file = TRY(load_file(sql, req.param("id")));
    auto sub = TRY(load_submission(sql, file.submission_id));
    if (evidence_reader_of(sql, sub, req.principal.user_id, req.principal.roles) == EvidenceReader::none)
        return fail(Errc::not_found, "errors.not_found", "evidence file not viewable by " + req.principal.user_id);
    if (file.removed_at) return fail(Errc::not_found, "errors.not_found", "evidence file removed: " + file.id);
    auto path = blob_path(app.config.evidence_dir(), file.sha256);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return fail(Errc::not_found, "errors.not_found", "evidence bytes gone for " + file.id);
    return ViewableFile{std::move(file), std::move(path)};
}

void log_viewed(soci::session& sql, const FileRow& file, const http::Request& req) {
    db::WriteTx tx(sql);
    log_view(sql, file.id, req.principal.user_id);
    tx.commit();
}

void private_evidence_headers(http::Response& res) {
    res.header("X-Content-Type-Options", "nosniff");
    res.header("Cache-Control", "private, no-store");
    res.header("Referrer-Policy", "no-referrer");
}

} // namespace

void install_file_routes(app::App& app) {
    app::App* self = &app;
    app.router.get("/evidence/files/{id}", http::AccessRule::signed_in(), [self](http::Request& req) -> Result<http::Response> {
        auto sql = self->db->lease();
        auto [file, path] = TRY(viewable_file(*self, *sql, req));
        log_viewed(*sql, file, req);
        auto kind = evidence_kind(file.media_type);
        auto type = file.media_type == "text/plain" ? std::string("text/plain; charset=utf-8") : file.media_type;
        auto res = http::Response::send_file(path, type);
        private_evidence_headers(res);
        res.header("Content-Disposition", disposition(kind, file.original_name));
        // A document opened in the browser runs nothing and reaches nothing.
        if (kind == "document") res.header("Content-Security-Policy", "sandbox; default-src 'none'");
        return res;
    });

    // A photo's thumbnail: what pages show, so a phone downloads ~30 KB instead of the photo.
    // It shows the same child as the file, so it has the file's access check and view log.
    app.router.get("/evidence/files/{id}/thumbnail", http::AccessRule::signed_in(),
                   [self](http::Request& req) -> Result<http::Response> {
        auto sql = self->db->lease();
        auto [file, path] = TRY(viewable_file(*self, *sql, req));
        if (evidence_kind(file.media_type) != "image")
            return fail(Errc::not_found, "errors.not_found", "no thumbnail for " + file.media_type);
        auto thumb = ensure_thumbnail(self->config.evidence_dir(), file.sha256, path);
        // A picture libvips does not read has no thumbnail (pages link the file instead); one that
        // broke or stalled the decoder says so (422), and a full worker pool asks to retry (503).
        if (!thumb && thumb.error().code == Errc::unsupported_type)
            return fail(Errc::not_found, "errors.not_found", thumb.error().detail);
        if (!thumb) return std::unexpected(thumb.error());
        log_viewed(*sql, file, req);
        auto res = http::Response::send_file(*thumb, "image/jpeg");
        private_evidence_headers(res);
        res.header("Content-Disposition", "inline");
        return res;
    });
}

} // namespace mc::evidence
