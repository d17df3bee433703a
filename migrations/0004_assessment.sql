CREATE TABLE assignments (
    id TEXT PRIMARY KEY,
    submission_id TEXT NOT NULL REFERENCES submissions(id),
    assessor_id TEXT NOT NULL REFERENCES users(id),
    assigned_by TEXT, -- a user id, or NULL for the auto-assigner
    status TEXT NOT NULL, -- 'assigned' | 'completed' | 'released'
    assigned_at BIGINT NOT NULL,
    completed_at BIGINT
);
CREATE INDEX assignments_assessor ON assignments(assessor_id, status);
CREATE INDEX assignments_submission ON assignments(submission_id);

-- One score per rubric criterion per assignment, with written feedback.
CREATE TABLE criterion_scores (
    assignment_id TEXT NOT NULL REFERENCES assignments(id),
    criterion_id TEXT NOT NULL,
    level_id TEXT NOT NULL,
    feedback TEXT NOT NULL DEFAULT '',
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (assignment_id, criterion_id)
);

-- The decision on one attempt, and who made it and why.
CREATE TABLE decisions (
    id TEXT PRIMARY KEY,
    submission_id TEXT NOT NULL UNIQUE REFERENCES submissions(id),
    assignment_id TEXT REFERENCES assignments(id),
    decided_by TEXT NOT NULL REFERENCES users(id),
    outcome TEXT NOT NULL, -- 'demonstrated' | 'not_yet'
    summary TEXT NOT NULL DEFAULT '',
    decided_at BIGINT NOT NULL
);
