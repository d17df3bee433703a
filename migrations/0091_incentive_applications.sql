-- Incentive applications (issue 11 section 6), owned by src/incentives (application_store.cpp).
-- An educator applies under a rule set with the engine's estimate as it was (estimate: JSON with
-- the amount, installments and each reason); her director confirms the job, hours and wage; agency
-- staff approve within the funder's budget or deny. open_key is the fiscal year while the
-- application stands and its own id once denied, so she applies at most once a fiscal year per
-- rule set unless denied. Approval writes one payment line per installment, never twice
-- (application, installment); an export takes every line not yet exported. Every step is in
-- incentive_audit: who, when, what changed (detail: JSON).
CREATE TABLE incentive_applications (
    id TEXT PRIMARY KEY,
    rule_set_id TEXT NOT NULL REFERENCES incentive_rule_sets(id),
    educator_id TEXT NOT NULL REFERENCES users(id),
    employment_id TEXT NOT NULL,
    org_id TEXT NOT NULL REFERENCES organizations(id),
    fiscal_year INTEGER NOT NULL,
    open_key TEXT NOT NULL,
    status TEXT NOT NULL,
    amount_cents BIGINT NOT NULL,
    estimate TEXT NOT NULL,
    applied_at BIGINT NOT NULL,
    confirmed_by TEXT NOT NULL DEFAULT '',
    confirmed_at BIGINT NOT NULL DEFAULT 0,
    decided_by TEXT NOT NULL DEFAULT '',
    decided_at BIGINT NOT NULL DEFAULT 0,
    decision_note TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX incentive_applications_open ON incentive_applications(rule_set_id, educator_id, open_key);
CREATE INDEX incentive_applications_org ON incentive_applications(org_id, status);
CREATE INDEX incentive_applications_status ON incentive_applications(status, applied_at);

CREATE TABLE incentive_exports (
    id TEXT PRIMARY KEY,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    line_count INTEGER NOT NULL,
    total_cents BIGINT NOT NULL
);

CREATE TABLE incentive_payment_lines (
    id TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES incentive_applications(id),
    installment INTEGER NOT NULL,
    amount_cents BIGINT NOT NULL,
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    export_id TEXT REFERENCES incentive_exports(id)
);
CREATE UNIQUE INDEX incentive_payment_lines_once ON incentive_payment_lines(application_id, installment);
CREATE INDEX incentive_payment_lines_export ON incentive_payment_lines(export_id);

CREATE TABLE incentive_audit (
    id TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES incentive_applications(id),
    seq INTEGER NOT NULL,
    actor_id TEXT NOT NULL REFERENCES users(id),
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '{}',
    at BIGINT NOT NULL
);
CREATE UNIQUE INDEX incentive_audit_order ON incentive_audit(application_id, seq);
