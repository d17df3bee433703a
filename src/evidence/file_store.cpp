// SQL for evidence file rows, views and tus upload rows (declared in submission_store.hpp).
#include "evidence/submission_store.hpp"

#include "platform/crypto/random.hpp"

namespace mc::evidence {

namespace {

const char* kFileColumns =
    "SELECT id, submission_id, part_id, sha256, media_type, original_name, uploaded_by, size, created_at, "
    "removed_at, removed_reason FROM evidence_files ";

std::vector<FileRow> query_files(soci::session& sql, const std::string& where, const std::string& key) {
    FileRow f;
    soci::indicator removed_ind = soci::i_null, reason_ind = soci::i_null;
    soci::statement st = (sql.prepare << std::string(kFileColumns) + where, soci::use(key, "k"), soci::into(f.id),
                          soci::into(f.submission_id), soci::into(f.part_id), soci::into(f.sha256),
                          soci::into(f.media_type), soci::into(f.original_name), soci::into(f.uploaded_by),
                          soci::into(f.size), soci::into(f.created_at), soci::into(f.removed_at, removed_ind),
                          soci::into(f.removed_reason, reason_ind));
    std::vector<FileRow> out;
    if (st.execute(true)) {
        do {
            FileRow row = f;
            if (removed_ind != soci::i_ok) row.removed_at = 0;
            if (reason_ind != soci::i_ok) row.removed_reason.clear();
            out.push_back(std::move(row));
        } while (st.fetch());
    }
    return out;
}

const char* kUploadColumns =
    "SELECT id, owner_id, submission_id, part_id, original_name, declared_type, file_id, length, received, "
    "created_at, completed_at, expires_at FROM uploads ";

std::vector<UploadRow> query_uploads(soci::session& sql, const std::string& where, const std::string& key) {
    UploadRow u;
    soci::indicator file_ind = soci::i_null, done_ind = soci::i_null;
    long long completed_at = 0;
    soci::statement st = (sql.prepare << std::string(kUploadColumns) + where, soci::use(key, "k"), soci::into(u.id),
                          soci::into(u.owner_id), soci::into(u.submission_id), soci::into(u.part_id),
                          soci::into(u.original_name), soci::into(u.declared_type), soci::into(u.file_id, file_ind),
                          soci::into(u.length), soci::into(u.received), soci::into(u.created_at),
                          soci::into(completed_at, done_ind), soci::into(u.expires_at));
    std::vector<UploadRow> out;
    if (st.execute(true)) {
        do {
            UploadRow row = u;
            if (file_ind != soci::i_ok) row.file_id.clear();
            row.completed = done_ind == soci::i_ok;
            out.push_back(std::move(row));
        } while (st.fetch());
    }
    return out;
}

} // namespace

std::vector<FileRow> files_of(soci::session& sql, const std::string& submission_id) {
    return query_files(sql, "WHERE submission_id = :k ORDER BY created_at, id", submission_id);
}

Result<FileRow> load_file(soci::session& sql, const std::string& file_id) {
    auto rows = query_files(sql, "WHERE id = :k", file_id);
    if (rows.empty()) return fail(Errc::not_found, "errors.not_found", "evidence file " + file_id);
    return rows.front();
}

int count_files(soci::session& sql, const std::string& submission_id, const std::string& part_id) {
    long long n = 0;
    sql << "SELECT COUNT(*) FROM evidence_files WHERE submission_id = :s AND part_id = :p",
        soci::use(submission_id, "s"), soci::use(part_id, "p"), soci::into(n);
    return static_cast<int>(n);
}

void insert_file(soci::session& sql, const FileRow& f) {
    sql << "INSERT INTO evidence_files (id, submission_id, part_id, sha256, size, media_type, original_name, "
           "uploaded_by, created_at) VALUES (:id, :s, :p, :h, :n, :m, :o, :u, :t)",
        soci::use(f.id, "id"), soci::use(f.submission_id, "s"), soci::use(f.part_id, "p"), soci::use(f.sha256, "h"),
        soci::use(f.size, "n"), soci::use(f.media_type, "m"), soci::use(f.original_name, "o"),
        soci::use(f.uploaded_by, "u"), soci::use(f.created_at, "t");
}

void delete_file_row(soci::session& sql, const std::string& file_id) {
    // Views of a removed file stay in the audit log only through the upload row; the view rows
    // reference the file, so they go with it.
    sql << "DELETE FROM evidence_views WHERE file_id = :f", soci::use(file_id, "f");
    sql << "UPDATE uploads SET file_id = NULL WHERE file_id = :f", soci::use(file_id, "f");
    sql << "DELETE FROM evidence_files WHERE id = :f", soci::use(file_id, "f");
}

bool bytes_in_use(soci::session& sql, const std::string& sha256) {
    long long n = 0;
    sql << "SELECT COUNT(*) FROM evidence_files f JOIN submissions s ON s.id = f.submission_id "
           "WHERE f.sha256 = :h AND f.removed_at IS NULL AND s.status <> 'withdrawn'",
        soci::use(sha256, "h"), soci::into(n);
    return n > 0;
}

void mark_files_removed(soci::session& sql, const std::string& submission_id, const std::string& reason, long long at) {
    sql << "UPDATE evidence_files SET removed_at = :t, removed_reason = :r WHERE submission_id = :s AND removed_at IS NULL",
        soci::use(at, "t"), soci::use(reason, "r"), soci::use(submission_id, "s");
}

void log_view(soci::session& sql, const std::string& file_id, const std::string& viewer_id) {
    std::string id = crypto::new_id();
    long long now = now_seconds();
    sql << "INSERT INTO evidence_views (id, file_id, viewer_id, at) VALUES (:id, :f, :v, :t)", soci::use(id, "id"),
        soci::use(file_id, "f"), soci::use(viewer_id, "v"), soci::use(now, "t");
}

void log_evidence_shown(soci::session& sql, const std::string& submission_id, const std::string& viewer_id,
                        EvidenceReader reader, std::string_view place) {
    if (reader == EvidenceReader::none || reader == EvidenceReader::educator) return;
    std::string id = crypto::new_id(), where(place), who(reader_name(reader));
    long long now = now_seconds();
    sql << "INSERT INTO evidence_shown (id, submission_id, viewer_id, place, reader, at) VALUES (:id, :s, :v, :p, :r, :t)",
        soci::use(id, "id"), soci::use(submission_id, "s"), soci::use(viewer_id, "v"), soci::use(where, "p"),
        soci::use(who, "r"), soci::use(now, "t");
}

int count_evidence_shown(soci::session& sql, const std::string& submission_id, const std::string& viewer_id) {
    long long n = 0;
    sql << "SELECT COUNT(*) FROM evidence_shown WHERE submission_id = :s AND viewer_id = :v", soci::use(submission_id, "s"),
        soci::use(viewer_id, "v"), soci::into(n);
    return static_cast<int>(n);
}

int count_views(soci::session& sql, const std::string& file_id) {
    long long n = 0;
    sql << "SELECT COUNT(*) FROM evidence_views WHERE file_id = :f", soci::use(file_id, "f"), soci::into(n);
    return static_cast<int>(n);
}

void insert_upload(soci::session& sql, const UploadRow& u) {
    sql << "INSERT INTO uploads (id, owner_id, submission_id, part_id, length, received, original_name, "
           "declared_type, created_at, expires_at) VALUES (:id, :o, :s, :p, :l, 0, :n, :d, :t, :x)",
        soci::use(u.id, "id"), soci::use(u.owner_id, "o"), soci::use(u.submission_id, "s"), soci::use(u.part_id, "p"),
        soci::use(u.length, "l"), soci::use(u.original_name, "n"), soci::use(u.declared_type, "d"),
        soci::use(u.created_at, "t"), soci::use(u.expires_at, "x");
}

Result<UploadRow> load_upload(soci::session& sql, const std::string& id) {
    auto rows = query_uploads(sql, "WHERE id = :k", id);
    if (rows.empty()) return fail(Errc::not_found, "errors.not_found", "upload " + id);
    return rows.front();
}

void set_received(soci::session& sql, const std::string& id, long long received) {
    sql << "UPDATE uploads SET received = :r WHERE id = :id", soci::use(received, "r"), soci::use(id, "id");
}

void complete_upload(soci::session& sql, const std::string& id, const std::string& file_id) {
    long long now = now_seconds();
    sql << "UPDATE uploads SET received = length, completed_at = :t, file_id = :f WHERE id = :id",
        soci::use(now, "t"), soci::use(file_id, "f"), soci::use(id, "id");
}

void delete_upload(soci::session& sql, const std::string& id) {
    sql << "DELETE FROM uploads WHERE id = :id", soci::use(id, "id");
}

void extend_upload(soci::session& sql, const std::string& id, long long expires_at) {
    sql << "UPDATE uploads SET expires_at = :x WHERE id = :id", soci::use(expires_at, "x"), soci::use(id, "id");
}

UploadHoldings holdings_of(soci::session& sql, const std::string& owner_id, long long now, long long legacy_expiry) {
    UploadHoldings h;
    long long legacy_since = now - legacy_expiry;
    sql << "SELECT COUNT(*), COALESCE(SUM(length), 0) FROM uploads WHERE owner_id = :o AND completed_at IS NULL "
           "AND (expires_at > :t OR (expires_at = 0 AND created_at > :c))",
        soci::use(owner_id, "o"), soci::use(now, "t"), soci::use(legacy_since, "c"), soci::into(h.unfinished),
        soci::into(h.unfinished_bytes);
    // Attempts share bytes (a revision copies the file rows): each stored blob counts once.
    sql << "SELECT COALESCE(SUM(size), 0) FROM (SELECT sha256, MAX(size) AS size FROM evidence_files "
           "WHERE uploaded_by = :o AND removed_at IS NULL GROUP BY sha256) kept",
        soci::use(owner_id, "o"), soci::into(h.finished_bytes);
    return h;
}

std::vector<std::string> expired_uploads(soci::session& sql, long long now, long long legacy_expiry, int limit) {
    std::vector<std::string> ids(static_cast<std::size_t>(limit));
    long long legacy_since = now - legacy_expiry;
    sql << "SELECT id FROM uploads WHERE completed_at IS NULL AND ((expires_at > 0 AND expires_at <= :t) OR "
           "(expires_at = 0 AND created_at <= :c)) ORDER BY created_at",
        soci::use(now, "t"), soci::use(legacy_since, "c"), soci::into(ids);
    return ids;
}

bool upload_exists(soci::session& sql, const std::string& id) {
    int n = 0;
    sql << "SELECT COUNT(*) FROM uploads WHERE id = :id", soci::use(id, "id"), soci::into(n);
    return n > 0;
}

std::vector<UploadRow> open_uploads_of(soci::session& sql, const std::string& submission_id) {
    return query_uploads(sql, "WHERE submission_id = :k AND completed_at IS NULL", submission_id);
}

} // namespace mc::evidence
