-- Stack credentials (an OB 3.0 AchievementCredential for a completed pathway), owned by
-- src/credentials like awards: signed by the same issuer key, revocable through the same
-- status lists (an index is unique across awards and stack awards), the constituents kept.
CREATE TABLE stack_awards (
    id TEXT PRIMARY KEY,
    educator_id TEXT NOT NULL REFERENCES users(id),
    achievement_key TEXT NOT NULL,
    name TEXT NOT NULL,
    issuer_id TEXT NOT NULL REFERENCES issuers(id),
    key_id TEXT NOT NULL REFERENCES issuer_keys(id),
    credential TEXT NOT NULL,
    constituents TEXT NOT NULL,
    status_list_id TEXT REFERENCES status_lists(id),
    status_list_index INTEGER,
    issued_at BIGINT NOT NULL,
    revoked_at BIGINT,
    revoked_reason TEXT
);
CREATE INDEX stack_awards_educator ON stack_awards(educator_id);
CREATE UNIQUE INDEX stack_awards_status_slot ON stack_awards(status_list_id, status_list_index);
