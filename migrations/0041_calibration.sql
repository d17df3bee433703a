-- Calibration and certification (issue 4): decided submissions whose final scores an admin
-- accepts as "true" form the calibration set; an assessor scores the whole set in a round (as
-- assignments of kind 'calibration', so the evidence domain lets them open the files) and is
-- certified, until an expiry, only when Cohen's kappa against the true scores reaches the bar.

CREATE TABLE calibration_items (
    submission_id TEXT PRIMARY KEY REFERENCES submissions(id),
    version_id TEXT NOT NULL REFERENCES micro_credential_versions(id),
    added_by TEXT,
    added_at BIGINT NOT NULL,
    retired INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE calibration_truth (
    submission_id TEXT NOT NULL REFERENCES calibration_items(submission_id),
    criterion_id TEXT NOT NULL,
    level_id TEXT NOT NULL,
    PRIMARY KEY (submission_id, criterion_id)
);

CREATE TABLE calibration_rounds (
    id TEXT PRIMARY KEY,
    assessor_id TEXT NOT NULL REFERENCES users(id),
    started_at BIGINT NOT NULL,
    finished_at BIGINT,
    ratings INTEGER NOT NULL DEFAULT 0,
    exact_agreement DOUBLE PRECISION,
    kappa DOUBLE PRECISION,
    passed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX calibration_rounds_assessor ON calibration_rounds(assessor_id, started_at);

-- The round a calibration assignment belongs to (NULL for scoring and adjudication).
ALTER TABLE assignments ADD COLUMN round_id TEXT;

CREATE TABLE assessor_certifications (
    id TEXT PRIMARY KEY,
    assessor_id TEXT NOT NULL REFERENCES users(id),
    round_id TEXT NOT NULL REFERENCES calibration_rounds(id),
    kappa DOUBLE PRECISION NOT NULL,
    certified_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX assessor_certifications_assessor ON assessor_certifications(assessor_id, expires_at);
