-- Incentive rule sets (src/incentives/rules.hpp): each funder's incentive as a JSON document,
-- checked before it is stored. Applications, payment lines and their audit trail come next.
CREATE TABLE incentive_rule_sets (
    id TEXT PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    document TEXT NOT NULL,
    updated_by TEXT NOT NULL DEFAULT '',
    updated_at BIGINT NOT NULL
);
