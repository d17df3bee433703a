#include "evidence/submission_store.hpp"

#include <ctime>

#include "accounts/roles.hpp"
#include "platform/crypto/random.hpp"
#include "platform/db/database.hpp"

namespace mc::evidence {

long long now_seconds() { return static_cast<long long>(std::time(nullptr)); }

namespace {

const char* kSubmissionColumns =
    "SELECT s.id, s.enrollment_id, s.educator_id, s.version_id, e.micro_credential_id, s.attempt, s.status, "
    "s.evidence_language, s.consent_attested, s.created_at, s.updated_at, s.submitted_at, s.decided_at, "
    "s.exemplar_consent FROM submissions s JOIN enrollments e ON e.id = s.enrollment_id ";

// One row's worth of into() targets; SOCI fills them on each fetch.
struct SubmissionInto {
    Submission s;
    int consent = 0, exemplar = 0;
    soci::indicator submitted_ind = soci::i_null, decided_ind = soci::i_null;

    void bind(soci::statement& st) {
        st.exchange(soci::into(s.id));
        st.exchange(soci::into(s.enrollment_id));
        st.exchange(soci::into(s.educator_id));
        st.exchange(soci::into(s.version_id));
        st.exchange(soci::into(s.micro_credential_id));
        st.exchange(soci::into(s.attempt));
        st.exchange(soci::into(s.status));
        st.exchange(soci::into(s.evidence_language));
        st.exchange(soci::into(consent));
        st.exchange(soci::into(s.created_at));
        st.exchange(soci::into(s.updated_at));
        st.exchange(soci::into(s.submitted_at, submitted_ind));
        st.exchange(soci::into(s.decided_at, decided_ind));
        st.exchange(soci::into(exemplar));
    }
    Submission take() {
        Submission out = s;
        out.consent_attested = consent != 0;
        out.exemplar_consent = exemplar != 0;
        if (submitted_ind != soci::i_ok) out.submitted_at = 0;
        if (decided_ind != soci::i_ok) out.decided_at = 0;
        return out;
    }
};

std::vector<Submission> query_submissions(soci::session& sql, const std::string& where, const std::string& key) {
    SubmissionInto row;
    soci::statement st(sql);
    row.bind(st);
    st.exchange(soci::use(key, "k"));
    st.alloc();
    st.prepare(std::string(kSubmissionColumns) + where);
    st.define_and_bind();
    std::vector<Submission> out;
    if (st.execute(true)) {
        do out.push_back(row.take());
        while (st.fetch());
    }
    return out;
}

bool guarded_update(soci::session& sql, const std::string& text, const std::string& id, long long now) {
    soci::statement st = (sql.prepare << text, soci::use(now, "t"), soci::use(id, "id"));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

} // namespace

Result<Submission> load_submission(soci::session& sql, const std::string& id) {
    auto rows = query_submissions(sql, "WHERE s.id = :k", id);
    if (rows.empty()) return fail(Errc::not_found, "errors.not_found", "submission " + id);
    return rows.front();
}

Result<Submission> load_owned(soci::session& sql, const std::string& id, const std::string& user_id) {
    auto s = TRY(load_submission(sql, id));
    if (s.educator_id != user_id) return fail(Errc::not_found, "errors.not_found", "submission of another user " + id);
    return s;
}

std::vector<Submission> attempts_of(soci::session& sql, const std::string& enrollment_id) {
    return query_submissions(sql, "WHERE s.enrollment_id = :k ORDER BY s.attempt", enrollment_id);
}

std::vector<Submission> latest_attempts(soci::session& sql, const std::string& educator_id) {
    return query_submissions(sql,
                             "WHERE s.educator_id = :k AND s.attempt = (SELECT MAX(x.attempt) FROM submissions x "
                             "WHERE x.enrollment_id = s.enrollment_id) ORDER BY s.updated_at DESC",
                             educator_id);
}

std::string enroll(soci::session& sql, const std::string& educator_id, const std::string& micro_credential_id,
                   const std::string& version_id, const std::string& language) {
    std::string enrollment_id;
    sql << "SELECT id FROM enrollments WHERE educator_id = :u AND micro_credential_id = :m", soci::use(educator_id, "u"),
        soci::use(micro_credential_id, "m"), soci::into(enrollment_id);
    long long now = now_seconds();
    if (!sql.got_data()) {
        enrollment_id = crypto::new_id();
        sql << "INSERT INTO enrollments (id, educator_id, micro_credential_id, version_id, status, created_at) "
               "VALUES (:id, :u, :m, :v, 'active', :t)",
            soci::use(enrollment_id, "id"), soci::use(educator_id, "u"), soci::use(micro_credential_id, "m"),
            soci::use(version_id, "v"), soci::use(now, "t");
        std::string id = crypto::new_id();
        sql << "INSERT INTO submissions (id, enrollment_id, educator_id, version_id, attempt, status, "
               "evidence_language, consent_attested, created_at, updated_at) "
               "VALUES (:id, :e, :u, :v, 1, 'draft', :l, 0, :t, :t2)",
            soci::use(id, "id"), soci::use(enrollment_id, "e"), soci::use(educator_id, "u"), soci::use(version_id, "v"),
            soci::use(language, "l"), soci::use(now, "t"), soci::use(now, "t2");
        return id;
    }
    return attempts_of(sql, enrollment_id).back().id;
}

std::map<std::string, std::string> answers_of(soci::session& sql, const std::string& submission_id) {
    std::map<std::string, std::string> out;
    std::string part, body;
    soci::statement st = (sql.prepare << "SELECT part_id, body FROM submission_answers WHERE submission_id = :s",
                          soci::use(submission_id, "s"), soci::into(part), soci::into(body));
    if (st.execute(true)) {
        do out[part] = body;
        while (st.fetch());
    }
    return out;
}

AnswerRevision answer_revision(soci::session& sql, const std::string& submission_id, const std::string& part_id) {
    AnswerRevision out;
    soci::indicator ind = soci::i_null;
    sql << "SELECT body, revision FROM submission_answers WHERE submission_id = :s AND part_id = :p",
        soci::use(submission_id, "s"), soci::use(part_id, "p"), soci::into(out.body, ind), soci::into(out.revision);
    if (!sql.got_data()) out = {};
    return out;
}

namespace {

// Delete + insert in the caller's transaction, under the submission's row lock: the same SQL on
// SQLite and PostgreSQL. The revision goes one past the stored one.
long long write_answer(soci::session& sql, const std::string& submission_id, const std::string& part_id,
                       const std::string& body, long long stored_revision) {
    long long now = now_seconds();
    long long next = stored_revision + 1;
    sql << "DELETE FROM submission_answers WHERE submission_id = :s AND part_id = :p", soci::use(submission_id, "s"),
        soci::use(part_id, "p");
    sql << "INSERT INTO submission_answers (submission_id, part_id, body, updated_at, revision) "
           "VALUES (:s, :p, :b, :t, :r)",
        soci::use(submission_id, "s"), soci::use(part_id, "p"), soci::use(body, "b"), soci::use(now, "t"),
        soci::use(next, "r");
    sql << "UPDATE submissions SET updated_at = :t WHERE id = :s", soci::use(now, "t"), soci::use(submission_id, "s");
    return next;
}

} // namespace

void save_answer(soci::session& sql, const std::string& submission_id, const std::string& part_id,
                 const std::string& body) {
    // The autosave and the Save button can arrive together: the submission's row lock orders them.
    db::lock_row(sql, "submissions", submission_id);
    write_answer(sql, submission_id, part_id, body, answer_revision(sql, submission_id, part_id).revision);
}

RevisedSave save_answer_at(soci::session& sql, const std::string& submission_id, const std::string& part_id,
                           const std::string& body, long long expected) {
    db::lock_row(sql, "submissions", submission_id);
    RevisedSave out;
    out.current = answer_revision(sql, submission_id, part_id);
    if (out.current.revision != expected) return out;
    out.current.revision = write_answer(sql, submission_id, part_id, body, expected);
    out.current.body = body;
    out.saved = true;
    return out;
}

void save_settings(soci::session& sql, const std::string& submission_id, const std::string& language, bool consent) {
    long long now = now_seconds();
    int c = consent ? 1 : 0;
    soci::indicator at_ind = consent ? soci::i_ok : soci::i_null;
    sql << "UPDATE submissions SET evidence_language = :l, consent_attested = :c, consent_at = :a, updated_at = :t "
           "WHERE id = :s",
        soci::use(language, "l"), soci::use(c, "c"), soci::use(now, at_ind, "a"), soci::use(now, "t"),
        soci::use(submission_id, "s");
}

bool mark_submitted(soci::session& sql, const std::string& id, const std::string& language, bool consent) {
    save_settings(sql, id, language, consent);
    return guarded_update(sql,
                          "UPDATE submissions SET status = 'submitted', submitted_at = :t WHERE id = :id AND "
                          "status = 'draft'",
                          id, now_seconds());
}

bool mark_withdrawn(soci::session& sql, const std::string& id) {
    return guarded_update(sql,
                          "UPDATE submissions SET status = 'withdrawn', updated_at = :t WHERE id = :id AND "
                          "status IN ('draft', 'submitted', 'in_review')",
                          id, now_seconds());
}

Result<std::string> revise(soci::session& sql, const Submission& old) {
    auto all = attempts_of(sql, old.enrollment_id);
    if (old.status != "returned" || all.empty() || all.back().id != old.id)
        return fail(Errc::conflict, "evidence.errors.not_revisable", "revise " + old.id + " in " + old.status);
    std::string id = crypto::new_id();
    long long now = now_seconds();
    int attempt = old.attempt + 1;
    sql << "INSERT INTO submissions (id, enrollment_id, educator_id, version_id, attempt, status, evidence_language, "
           "consent_attested, created_at, updated_at) VALUES (:id, :e, :u, :v, :a, 'draft', :l, 0, :t, :t2)",
        soci::use(id, "id"), soci::use(old.enrollment_id, "e"), soci::use(old.educator_id, "u"),
        soci::use(old.version_id, "v"), soci::use(attempt, "a"), soci::use(old.evidence_language, "l"),
        soci::use(now, "t"), soci::use(now, "t2");
    for (const auto& [part, body] : answers_of(sql, old.id)) save_answer(sql, id, part, body);
    for (auto f : files_of(sql, old.id)) {
        if (f.removed_at) continue; // bytes already gone (retention): nothing to carry forward
        f.id = crypto::new_id();
        f.submission_id = id;
        insert_file(sql, f); // same bytes: the store is content-addressed, nothing is copied on disk
    }
    return id;
}

EvidenceStanding evidence_standing(soci::session& sql, const Submission& sub, const std::string& user_id,
                                   std::uint32_t roles) {
    EvidenceStanding s;
    s.owner = !user_id.empty() && sub.educator_id == user_id;
    s.auditor = (roles & accounts::auditor) != 0;
    s.assessor_role = (roles & accounts::assessor) != 0;
    s.decided = sub.decided_at != 0;
    if (user_id.empty() || !s.assessor_role || s.owner) return s;
    long long open = 0, finished = 0, appeal = 0;
    sql << "SELECT (SELECT COUNT(*) FROM assignments WHERE submission_id = :s AND assessor_id = :a AND status = 'assigned'), "
           "(SELECT COUNT(*) FROM assignments WHERE submission_id = :s2 AND assessor_id = :a2 AND status = 'completed' "
           "AND kind <> 'calibration'), "
           "(SELECT COUNT(*) FROM appeals WHERE submission_id = :s3 AND reviewer_id = :a3 AND status = 'open')",
        soci::use(sub.id, "s"), soci::use(user_id, "a"), soci::use(sub.id, "s2"), soci::use(user_id, "a2"),
        soci::use(sub.id, "s3"), soci::use(user_id, "a3"), soci::into(open), soci::into(finished), soci::into(appeal);
    s.open_assignment = open > 0;
    s.finished_assignment = finished > 0;
    s.reviews_open_appeal = appeal > 0;
    return s;
}

EvidenceReader evidence_reader_of(soci::session& sql, const Submission& sub, const std::string& user_id,
                                  std::uint32_t roles) {
    return evidence_reader(evidence_standing(sql, sub, user_id, roles));
}

EvidenceReader evidence_reader_of(soci::session& sql, const std::string& submission_id, const std::string& user_id,
                                  std::uint32_t roles) {
    auto sub = load_submission(sql, submission_id);
    if (!sub) return EvidenceReader::none;
    return evidence_reader_of(sql, *sub, user_id, roles);
}

std::string enrollment_version(soci::session& sql, const std::string& enrollment_id) {
    std::string v;
    sql << "SELECT version_id FROM enrollments WHERE id = :e", soci::use(enrollment_id), soci::into(v);
    return v;
}

} // namespace mc::evidence
