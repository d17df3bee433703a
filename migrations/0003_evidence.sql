CREATE TABLE enrollments (
    id TEXT PRIMARY KEY,
    educator_id TEXT NOT NULL REFERENCES users(id),
    micro_credential_id TEXT NOT NULL REFERENCES micro_credentials(id),
    version_id TEXT NOT NULL REFERENCES micro_credential_versions(id),
    status TEXT NOT NULL, -- 'active' | 'earned' | 'withdrawn'
    created_at BIGINT NOT NULL,
    UNIQUE (educator_id, micro_credential_id)
);

-- One row per attempt: a resubmission after "Not yet" is a new row (attempt + 1) that starts
-- as a copy of the previous one, so the history of every attempt is kept.
CREATE TABLE submissions (
    id TEXT PRIMARY KEY,
    enrollment_id TEXT NOT NULL REFERENCES enrollments(id),
    educator_id TEXT NOT NULL REFERENCES users(id),
    version_id TEXT NOT NULL REFERENCES micro_credential_versions(id),
    attempt INTEGER NOT NULL,
    status TEXT NOT NULL, -- 'draft' | 'submitted' | 'in_review' | 'returned' | 'demonstrated' | 'withdrawn'
    evidence_language TEXT NOT NULL DEFAULT 'en',
    consent_attested INTEGER NOT NULL DEFAULT 0, -- families consented to any child in media
    consent_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    submitted_at BIGINT,
    decided_at BIGINT,
    UNIQUE (enrollment_id, attempt)
);
CREATE INDEX submissions_status ON submissions(status);
CREATE INDEX submissions_educator ON submissions(educator_id);

CREATE TABLE submission_answers (
    submission_id TEXT NOT NULL REFERENCES submissions(id),
    part_id TEXT NOT NULL,
    body TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (submission_id, part_id)
);

-- Files are stored content-addressed (data/evidence/ab/cdef...: sha256); rows tie them to a
-- submission part. The same bytes uploaded twice are stored once.
CREATE TABLE evidence_files (
    id TEXT PRIMARY KEY,
    submission_id TEXT NOT NULL REFERENCES submissions(id),
    part_id TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size BIGINT NOT NULL,
    media_type TEXT NOT NULL,
    original_name TEXT NOT NULL,
    uploaded_by TEXT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX evidence_files_submission ON evidence_files(submission_id);

-- tus 1.0 resumable uploads in progress (the bytes sit in data/uploads/<id> until complete).
CREATE TABLE uploads (
    id TEXT PRIMARY KEY,
    owner_id TEXT NOT NULL REFERENCES users(id),
    submission_id TEXT NOT NULL REFERENCES submissions(id),
    part_id TEXT NOT NULL,
    length BIGINT NOT NULL,
    received BIGINT NOT NULL,
    original_name TEXT NOT NULL,
    declared_type TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    completed_at BIGINT,
    file_id TEXT REFERENCES evidence_files(id)
);

-- Every view of evidence (children may appear in it) is logged.
CREATE TABLE evidence_views (
    id TEXT PRIMARY KEY,
    file_id TEXT NOT NULL REFERENCES evidence_files(id),
    viewer_id TEXT NOT NULL REFERENCES users(id),
    at BIGINT NOT NULL
);
