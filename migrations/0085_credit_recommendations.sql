-- College credit recommendations (issue 11 section 5), owned by src/catalog
-- (catalog/recommendation_store.cpp): what a college is advised to grant for a micro-credential
-- or a pathway. subject_kind is 'micro_credential' or 'pathway'; subject_slug is its slug (every
-- version). The whole list of one subject is replaced at once; effective_to '' is open-ended.
CREATE TABLE credit_recommendations (
    id TEXT PRIMARY KEY,
    subject_kind TEXT NOT NULL,
    subject_slug TEXT NOT NULL,
    position INTEGER NOT NULL,
    semester_hours DOUBLE PRECISION NOT NULL,
    level TEXT NOT NULL,
    subject TEXT NOT NULL,
    effective_from TEXT NOT NULL,
    effective_to TEXT NOT NULL DEFAULT '',
    updated_by TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX credit_recommendations_subject ON credit_recommendations(subject_kind, subject_slug, position);
