-- The child care programs educators work in, and who works where. Pathways (licensing
-- requirements due some years after hire), incentives (hours, wage, months in the same
-- program), registry exchange and the agency's retention figures all read these rows.
-- kind of organizations gains 'college' (college partners) beside 'agency' and 'employer'.
ALTER TABLE organizations ADD COLUMN setting_type TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN county TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN license_number TEXT NOT NULL DEFAULT '';

-- One row per job an educator holds or held. A director's confirmation (or a registry import)
-- makes the row count for incentives; the educator's own entry is shown as unconfirmed.
CREATE TABLE employments (
    id TEXT PRIMARY KEY,
    educator_id TEXT NOT NULL REFERENCES users(id),
    org_id TEXT NOT NULL REFERENCES organizations(id),
    job_role TEXT NOT NULL,
    started_on TEXT NOT NULL,
    ended_on TEXT NOT NULL DEFAULT '',
    hours_per_week INTEGER NOT NULL DEFAULT 0,
    hourly_wage_cents INTEGER NOT NULL DEFAULT 0,
    source TEXT NOT NULL,
    confirmed_by TEXT REFERENCES users(id),
    confirmed_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX employments_educator ON employments (educator_id);
CREATE INDEX employments_org ON employments (org_id, ended_on);
