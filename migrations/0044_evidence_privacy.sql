-- Child privacy (issue 4): evidence files are removed after a retention period that follows the
-- decision, and at once when the educator withdraws. The row stays (the history of attempts and
-- of who viewed what keeps its meaning), only the bytes go, and the row says when and why.
ALTER TABLE evidence_files ADD COLUMN removed_at BIGINT;
-- removed_reason: 'retention' | 'withdrawn'
ALTER TABLE evidence_files ADD COLUMN removed_reason TEXT;

-- The educator's choice to let a decided submission train assessors as a calibration exemplar.
-- Separate from the consent to submit, it can be given or taken back at any time.
ALTER TABLE submissions ADD COLUMN exemplar_consent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE submissions ADD COLUMN exemplar_consent_at BIGINT;

-- Evidence policy set by the agency (retention_days), by name, absent names take defaults.
CREATE TABLE evidence_settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_by TEXT,
    updated_at BIGINT NOT NULL
);

-- The auditor's log reads views newest first, and by file.
CREATE INDEX evidence_views_at ON evidence_views(at);
CREATE INDEX evidence_views_file ON evidence_views(file_id);
CREATE INDEX evidence_files_sha ON evidence_files(sha256);
