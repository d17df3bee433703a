// SQL for enrollments, submissions, answers, evidence file rows and tus uploads. Callers hold
// the transaction (db::WriteTx) when several writes must land together.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

#include "evidence/access.hpp"
#include "evidence/upload_quota.hpp"
#include "platform/error.hpp"

namespace mc::evidence {

struct Submission {
    std::string id, enrollment_id, educator_id, version_id, micro_credential_id;
    int attempt = 1;
    std::string status, evidence_language;
    bool consent_attested = false;
    bool exemplar_consent = false; // may be shown to assessors in training (calibration)
    long long created_at = 0, updated_at = 0, submitted_at = 0, decided_at = 0; // 0: not yet
};

struct FileRow {
    std::string id, submission_id, part_id, sha256, media_type, original_name, uploaded_by;
    long long size = 0, created_at = 0;
    long long removed_at = 0;   // 0 while the bytes are kept
    std::string removed_reason; // retention | withdrawn
};

struct UploadRow {
    std::string id, owner_id, submission_id, part_id, original_name, declared_type, file_id;
    long long length = 0, received = 0, created_at = 0;
    long long expires_at = 0; // tus Upload-Expires; 0 on rows older than migration 0014
    bool completed = false;
};


long long now_seconds();

// Submissions.
Result<Submission> load_submission(soci::session& sql, const std::string& id);
// The caller's own submission; not_found for anyone else's, so ids of others stay unknowable.
Result<Submission> load_owned(soci::session& sql, const std::string& id, const std::string& user_id);
std::vector<Submission> attempts_of(soci::session& sql, const std::string& enrollment_id); // oldest first
std::vector<Submission> latest_attempts(soci::session& sql, const std::string& educator_id); // one per enrollment
// The version an enrollment is on; "" for an unknown enrollment.
std::string enrollment_version(soci::session& sql, const std::string& enrollment_id);

// Enrolls on the given version (once per micro-credential) with a draft attempt 1; returns the
// newest submission of the enrollment, new or existing.
std::string enroll(soci::session& sql, const std::string& educator_id, const std::string& micro_credential_id,
                   const std::string& version_id, const std::string& language);

std::map<std::string, std::string> answers_of(soci::session& sql, const std::string& submission_id);
void save_answer(soci::session& sql, const std::string& submission_id, const std::string& part_id,
                 const std::string& body);
void save_settings(soci::session& sql, const std::string& submission_id, const std::string& language, bool consent);
// A written answer with its revision (0 and "" when nothing was saved yet); every save adds 1.
struct AnswerRevision {
    std::string body;
    long long revision = 0;
};
AnswerRevision answer_revision(soci::session& sql, const std::string& submission_id, const std::string& part_id);
// Saves only when the stored revision is still `expected` (checked under the submission's row
// lock); `saved` false and the stored answer returned otherwise. Returns the new revision when saved.
struct RevisedSave {
    bool saved = false;
    AnswerRevision current;
};
RevisedSave save_answer_at(soci::session& sql, const std::string& submission_id, const std::string& part_id,
                           const std::string& body, long long expected);

// State changes guarded by the expected current status: false when it had already moved
// (a double click, a second tab), so nothing is changed twice.
bool mark_submitted(soci::session& sql, const std::string& id, const std::string& language, bool consent);
bool mark_withdrawn(soci::session& sql, const std::string& id);
// Attempt + 1 as a copy of a returned attempt (answers and file rows); returns its id.
Result<std::string> revise(soci::session& sql, const Submission& returned);

// Evidence files.
std::vector<FileRow> files_of(soci::session& sql, const std::string& submission_id);
Result<FileRow> load_file(soci::session& sql, const std::string& file_id);
int count_files(soci::session& sql, const std::string& submission_id, const std::string& part_id);
void insert_file(soci::session& sql, const FileRow& f);
void delete_file_row(soci::session& sql, const std::string& file_id);
// True while a row not yet removed, of a live (not withdrawn) submission, still needs these bytes.
bool bytes_in_use(soci::session& sql, const std::string& sha256);
// Marks the rows removed (their bytes are about to go); already removed rows keep their reason.
void mark_files_removed(soci::session& sql, const std::string& submission_id, const std::string& reason, long long at);
void log_view(soci::session& sql, const std::string& file_id, const std::string& viewer_id);
int count_views(soci::session& sql, const std::string& file_id);
// A page or API answer showed the submission's evidence (answers, file names) to a reader
// other than its educator; `place` names where (see migrations/0011_evidence_shown.sql).
void log_evidence_shown(soci::session& sql, const std::string& submission_id, const std::string& viewer_id,
                        EvidenceReader reader, std::string_view place);
int count_evidence_shown(soci::session& sql, const std::string& submission_id, const std::string& viewer_id);
// The facts evidence_reader (evidence/access.hpp) judges, for one person and one submission.
// Reads assignments and appeals (the assessment domain's rows) without changing them: the
// evidence domain is the one that answers "may this person see these children".
EvidenceStanding evidence_standing(soci::session& sql, const Submission& sub, const std::string& user_id,
                                   std::uint32_t roles);
EvidenceReader evidence_reader_of(soci::session& sql, const Submission& sub, const std::string& user_id,
                                  std::uint32_t roles);
// The same by submission id; none when it does not exist.
EvidenceReader evidence_reader_of(soci::session& sql, const std::string& submission_id, const std::string& user_id,
                                  std::uint32_t roles);

// tus uploads.
void insert_upload(soci::session& sql, const UploadRow& u);
Result<UploadRow> load_upload(soci::session& sql, const std::string& id);
void set_received(soci::session& sql, const std::string& id, long long received);
void complete_upload(soci::session& sql, const std::string& id, const std::string& file_id);
void delete_upload(soci::session& sql, const std::string& id);
std::vector<UploadRow> open_uploads_of(soci::session& sql, const std::string& submission_id);
// Moves the expiry forward (each PATCH: an upload in use does not expire).
void extend_upload(soci::session& sql, const std::string& id, long long expires_at);
// legacy_expiry: seconds after created_at that a row without expires_at expires.
UploadHoldings holdings_of(soci::session& sql, const std::string& owner_id, long long now, long long legacy_expiry);
// Unfinished uploads past their expiry, oldest first, at most `limit`.
std::vector<std::string> expired_uploads(soci::session& sql, long long now, long long legacy_expiry, int limit);
bool upload_exists(soci::session& sql, const std::string& id);

} // namespace mc::evidence
