-- Turnaround targets, completeness returns and appeals (issue 4). Portable SQLite + PostgreSQL.
-- Program-wide numbers (turnaround_days, appeal_window_days) live in assessment_settings by name.

-- A micro-credential whose evidence takes longer to judge (long videos, portfolios) may carry
-- its own target; absent rows take the program's.
CREATE TABLE turnaround_overrides (
    micro_credential_id TEXT PRIMARY KEY REFERENCES micro_credentials(id),
    days INTEGER NOT NULL,
    updated_by TEXT,
    updated_at BIGINT NOT NULL
);

-- One row per reminder sent, so a restart (or a second app node) never sends it again.
-- kind: 'assessor_75' | 'assessor_overdue' | 'admins_overdue'.
CREATE TABLE turnaround_reminders (
    assignment_id TEXT NOT NULL REFERENCES assignments(id),
    kind TEXT NOT NULL,
    sent_at BIGINT NOT NULL,
    PRIMARY KEY (assignment_id, kind)
);

-- An assessor sent the evidence back before scoring because it could not be judged as sent.
-- reasons: JSON array of {"part_id", "problem"} with problem 'missing' | 'unplayable' | 'wrong_content'.
-- The submission goes back to draft on the same attempt; resolved_at is set when it is sent again.
CREATE TABLE completeness_returns (
    id TEXT PRIMARY KEY,
    submission_id TEXT NOT NULL REFERENCES submissions(id),
    assignment_id TEXT NOT NULL REFERENCES assignments(id),
    assessor_id TEXT NOT NULL REFERENCES users(id),
    reasons TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    returned_at BIGINT NOT NULL,
    resolved_at BIGINT
);
CREATE INDEX completeness_returns_submission ON completeness_returns(submission_id);

-- An educator's appeal of a "Not yet" decision, reviewed by a lead assessor who had no part in it.
-- The decision row itself changes on overturn (basis 'appeal'); the original is kept here.
CREATE TABLE appeals (
    id TEXT PRIMARY KEY,
    decision_id TEXT NOT NULL UNIQUE REFERENCES decisions(id),
    submission_id TEXT NOT NULL REFERENCES submissions(id),
    educator_id TEXT NOT NULL REFERENCES users(id),
    reason TEXT NOT NULL,
    reviewer_id TEXT REFERENCES users(id), -- NULL until a lead without a conflict is free
    status TEXT NOT NULL,                  -- 'open' | 'upheld' | 'overturned'
    response TEXT NOT NULL DEFAULT '',
    original_outcome TEXT NOT NULL,
    original_decided_by TEXT NOT NULL,
    original_assignment_id TEXT,
    filed_at BIGINT NOT NULL,
    resolved_at BIGINT
);
CREATE INDEX appeals_reviewer ON appeals(reviewer_id, status);
CREATE INDEX appeals_educator ON appeals(educator_id);

-- After coach_referral_after "Not yet" decisions on one enrollment (a program setting), the
-- educator is referred to a coach: one referral per enrollment. coach_id is NULL while no coach
-- without a conflict is available.
CREATE TABLE coach_referrals (
    id TEXT PRIMARY KEY,
    enrollment_id TEXT NOT NULL UNIQUE REFERENCES enrollments(id),
    educator_id TEXT NOT NULL REFERENCES users(id),
    coach_id TEXT REFERENCES users(id),
    status TEXT NOT NULL,            -- 'open' | 'closed'
    not_yet_count INTEGER NOT NULL,  -- the count that triggered it
    created_at BIGINT NOT NULL,
    closed_at BIGINT,
    closed_by TEXT
);
CREATE INDEX coach_referrals_coach ON coach_referrals(coach_id, status);

-- What a coach logged: never evidence, only the session's facts and the coach's notes.
-- focus: JSON array of rubric criterion ids.
CREATE TABLE coaching_sessions (
    id TEXT PRIMARY KEY,
    referral_id TEXT NOT NULL REFERENCES coach_referrals(id),
    coach_id TEXT NOT NULL REFERENCES users(id),
    held_on TEXT NOT NULL,           -- YYYY-MM-DD
    minutes INTEGER NOT NULL,
    mode TEXT NOT NULL,              -- 'in_person' | 'phone' | 'video'
    focus TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX coaching_sessions_referral ON coaching_sessions(referral_id);
