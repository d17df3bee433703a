-- Assessor lifecycle (issue 4): people apply, admins screen them, approved assessors complete
-- training, calibrate, and can be paused or retired; the assigner only picks assessors who are
-- active, trained, certified, free of conflicts and able to read the evidence's language.
-- Completed scorings and adjudications earn an honorarium. Portable SQLite + PostgreSQL.

-- One row per application; a rejected applicant may apply again (a new row).
CREATE TABLE assessor_applications (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    qualifications TEXT NOT NULL,
    years_experience INTEGER NOT NULL,
    languages TEXT NOT NULL,            -- comma list: en,es
    settings TEXT NOT NULL,             -- comma list of work_setting values
    relationships TEXT NOT NULL DEFAULT '', -- free text: people they know personally or supervise
    status TEXT NOT NULL,               -- pending | approved | rejected
    reason TEXT NOT NULL DEFAULT '',    -- why it was rejected (shown to the applicant)
    decided_by TEXT,
    decided_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX assessor_applications_user ON assessor_applications(user_id, created_at);
CREATE INDEX assessor_applications_status ON assessor_applications(status, created_at);

-- Specific educators an assessor declared a relationship with: never assigned their evidence.
CREATE TABLE assessor_relationships (
    assessor_id TEXT NOT NULL REFERENCES users(id),
    educator_id TEXT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (assessor_id, educator_id)
);

-- Standing of an approved assessor: 'active', 'paused' (until a date, or until resumed) or 'retired'.
ALTER TABLE assessor_profiles ADD COLUMN status TEXT NOT NULL DEFAULT 'active';
ALTER TABLE assessor_profiles ADD COLUMN paused_until BIGINT;
ALTER TABLE assessor_profiles ADD COLUMN status_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE assessor_profiles ADD COLUMN languages TEXT NOT NULL DEFAULT '';
ALTER TABLE assessor_profiles ADD COLUMN settings TEXT NOT NULL DEFAULT '';

-- Training modules an assessor attested they completed (module ids are defined in code).
CREATE TABLE assessor_training (
    user_id TEXT NOT NULL REFERENCES users(id),
    module_id TEXT NOT NULL,
    completed_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, module_id)
);

-- One line per completed scoring or adjudication; the amount is fixed when it is earned, so a
-- later change of the program's rate does not rewrite what was owed.
CREATE TABLE honorarium_lines (
    assignment_id TEXT PRIMARY KEY REFERENCES assignments(id),
    assessor_id TEXT NOT NULL REFERENCES users(id),
    kind TEXT NOT NULL,          -- scoring | adjudication
    amount_cents BIGINT NOT NULL,
    month TEXT NOT NULL,         -- YYYY-MM (UTC) of completion
    earned_at BIGINT NOT NULL,
    paid_at BIGINT,
    paid_by TEXT
);
CREATE INDEX honorarium_lines_month ON honorarium_lines(month, assessor_id);
CREATE INDEX honorarium_lines_assessor ON honorarium_lines(assessor_id, month);
