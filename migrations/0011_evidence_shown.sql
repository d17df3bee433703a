-- Evidence shown on a page or through the API to someone other than its educator (an assessor's
-- scoring page, the appeal review, the auditor's reading): the written answers and file names
-- are evidence too, so their showing is logged like the opening of a file (evidence_views).
CREATE TABLE evidence_shown (
    id TEXT PRIMARY KEY,
    submission_id TEXT NOT NULL REFERENCES submissions(id),
    viewer_id TEXT NOT NULL REFERENCES users(id),
    place TEXT NOT NULL, -- 'scoring_page' | 'assignment_api' | 'appeal_review' | 'audit_page'
    reader TEXT NOT NULL, -- evidence_reader: 'assessor' | 'appeal_lead' | 'auditor'
    at BIGINT NOT NULL
);
CREATE INDEX evidence_shown_submission ON evidence_shown(submission_id, at);
