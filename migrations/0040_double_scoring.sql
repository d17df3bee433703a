-- Double scoring and adjudication (issue 4). A share of submissions is scored by two assessors
-- independently; when they disagree a lead assessor adjudicates. Portable SQLite + PostgreSQL.

-- 'scoring' (one of the one or two independent scorings) or 'adjudication' (a lead's final say).
ALTER TABLE assignments ADD COLUMN kind TEXT NOT NULL DEFAULT 'scoring';
-- What this assessor concluded, kept even when the decision rests on someone else's scores:
-- the reliability analytics compare these. NULL until the assignment is completed.
ALTER TABLE assignments ADD COLUMN outcome TEXT;
ALTER TABLE assignments ADD COLUMN summary TEXT;

-- Why the decision stands: 'single' (one scorer), 'agreed' (two scorers agreed) or
-- 'adjudicated' (a lead assessor settled a disagreement); rationale is the lead's reason,
-- for the program's records (the educator reads the summary).
ALTER TABLE decisions ADD COLUMN basis TEXT NOT NULL DEFAULT 'single';
ALTER TABLE decisions ADD COLUMN rationale TEXT NOT NULL DEFAULT '';

-- How a submission is reviewed, fixed when it is first assigned (the draw is reproducible).
CREATE TABLE review_plans (
    submission_id TEXT PRIMARY KEY REFERENCES submissions(id),
    scorers INTEGER NOT NULL,      -- 1 or 2
    reason TEXT NOT NULL,          -- 'single' | 'sampled' | 'first_of_version'
    stage TEXT NOT NULL,           -- 'scoring' | 'adjudication' | 'decided'
    created_at BIGINT NOT NULL
);
CREATE INDEX review_plans_stage ON review_plans(stage);

-- Assessor standing beyond the role bit: lead assessors adjudicate disagreements.
CREATE TABLE assessor_profiles (
    user_id TEXT PRIMARY KEY REFERENCES users(id),
    lead INTEGER NOT NULL DEFAULT 0,
    updated_by TEXT,
    updated_at BIGINT NOT NULL
);

-- Program settings for assessment (double-scoring share, disagreement rule, kappa bar), by name;
-- absent names take their defaults.
CREATE TABLE assessment_settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_by TEXT,
    updated_at BIGINT NOT NULL
);
