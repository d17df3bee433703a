-- Pathways (stacks of micro-credentials that end in a pathway credential) and licensing
-- education requirements, owned by src/pathways. Definitions are JSON documents an agency
-- writes (see docs/pathways.md); each published pathway version is kept, because an educator
-- keeps the version she started under.
CREATE TABLE pathways (
    id TEXT PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);

CREATE TABLE pathway_versions (
    id TEXT PRIMARY KEY,
    pathway_id TEXT NOT NULL REFERENCES pathways(id),
    version INTEGER NOT NULL,
    document TEXT NOT NULL,
    published_at BIGINT NOT NULL,
    UNIQUE (pathway_id, version)
);

-- One row per educator and pathway once anything counts toward it: the pinned version and the
-- last evaluation (for staff lists and agency counts without re-evaluating).
CREATE TABLE pathway_progress (
    educator_id TEXT NOT NULL REFERENCES users(id),
    pathway_id TEXT NOT NULL REFERENCES pathways(id),
    version_id TEXT NOT NULL REFERENCES pathway_versions(id),
    started_at BIGINT NOT NULL,
    done_amount DOUBLE PRECISION NOT NULL DEFAULT 0,
    total_amount DOUBLE PRECISION NOT NULL DEFAULT 1,
    met INTEGER NOT NULL DEFAULT 0,
    completed_at BIGINT,
    evaluated_at BIGINT NOT NULL,
    PRIMARY KEY (educator_id, pathway_id)
);
CREATE INDEX pathway_progress_pathway ON pathway_progress(pathway_id, met);

CREATE TABLE requirements (
    id TEXT PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    document TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- A deadline reminder is sent once per educator, requirement and step (e.g. 180 and 30 days).
CREATE TABLE requirement_reminders (
    educator_id TEXT NOT NULL REFERENCES users(id),
    requirement_id TEXT NOT NULL REFERENCES requirements(id),
    step TEXT NOT NULL,
    sent_at BIGINT NOT NULL,
    PRIMARY KEY (educator_id, requirement_id, step)
);

-- Agency settings of the pathways domain, e.g. clock_hours_per_credit.
CREATE TABLE pathway_settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
