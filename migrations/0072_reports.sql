-- Reports (issue 12): quality ratings imported per program and date, the refreshed aggregates
-- dashboards read, settings, and what was learned when a micro-credential was revised.

-- QRIS star levels over time, one per program and rating date (an import of the same pair
-- replaces the stars).
CREATE TABLE qris_ratings (
    program_id TEXT NOT NULL REFERENCES organizations(id),
    rated_on TEXT NOT NULL,
    stars INTEGER NOT NULL,
    imported_by TEXT,
    imported_at BIGINT NOT NULL,
    PRIMARY KEY (program_id, rated_on)
);

-- The aggregates of one refresh (JSON), by scope ('agency'); computed_at shows their freshness.
CREATE TABLE report_snapshots (
    scope TEXT PRIMARY KEY,
    computed_at BIGINT NOT NULL,
    seconds DOUBLE PRECISION NOT NULL,
    body TEXT NOT NULL
);

CREATE TABLE report_settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_by TEXT,
    updated_at BIGINT NOT NULL
);

-- A revision started from the report of a micro-credential: the findings it was based on (JSON)
-- and the draft version it created.
CREATE TABLE revision_notes (
    id TEXT PRIMARY KEY,
    micro_credential_id TEXT NOT NULL REFERENCES micro_credentials(id),
    draft_version_id TEXT NOT NULL REFERENCES micro_credential_versions(id),
    findings TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_by TEXT REFERENCES users(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX revision_notes_mc ON revision_notes (micro_credential_id, created_at);
