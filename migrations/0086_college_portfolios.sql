-- College credit (issue 11 section 5), owned by src/pathways (college_store.cpp). An educator
-- sends a portfolio to one college: the signed CLR of her standing credentials and an evidence
-- summary (titles, criteria met, levels scored), both as they were when sent; never children's
-- media. The college partner records credit granted or denied per credential; every step is
-- written to college_audit.
CREATE TABLE college_portfolios (
    id TEXT PRIMARY KEY,
    educator_id TEXT NOT NULL REFERENCES users(id),
    college_org_id TEXT NOT NULL REFERENCES organizations(id),
    clr TEXT NOT NULL,
    summary TEXT NOT NULL,
    sent_at BIGINT NOT NULL,
    withdrawn_at BIGINT
);
CREATE INDEX college_portfolios_college ON college_portfolios(college_org_id, sent_at);
CREATE INDEX college_portfolios_educator ON college_portfolios(educator_id, sent_at);

CREATE TABLE college_credit_decisions (
    portfolio_id TEXT NOT NULL REFERENCES college_portfolios(id),
    award_id TEXT NOT NULL,
    outcome TEXT NOT NULL,
    semester_hours DOUBLE PRECISION NOT NULL DEFAULT 0,
    course_equivalent TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL,
    decided_by TEXT NOT NULL REFERENCES users(id),
    decided_at BIGINT NOT NULL,
    PRIMARY KEY (portfolio_id, award_id)
);

CREATE TABLE college_audit (
    id TEXT PRIMARY KEY,
    portfolio_id TEXT NOT NULL REFERENCES college_portfolios(id),
    seq INTEGER NOT NULL, -- order within the portfolio (several steps can share a second)
    actor_id TEXT NOT NULL REFERENCES users(id),
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    at BIGINT NOT NULL
);
CREATE UNIQUE INDEX college_audit_portfolio ON college_audit(portfolio_id, seq);
