-- The agency's issuer Profile (Open Badges 3.0) and its signing keys. Secret keys are sealed
-- with the master key (data/keys/master.key, mode 0600); retired keys stay to verify old awards.
CREATE TABLE issuers (
    id TEXT PRIMARY KEY,
    org_id TEXT REFERENCES organizations(id),
    name TEXT NOT NULL,
    url TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);

CREATE TABLE issuer_keys (
    id TEXT PRIMARY KEY,
    issuer_id TEXT NOT NULL REFERENCES issuers(id),
    algorithm TEXT NOT NULL, -- 'Ed25519' | 'ES256' | 'RS256'
    public_key TEXT NOT NULL, -- publicKeyMultibase or PEM
    sealed_secret TEXT NOT NULL, -- base64 of the sealed secret key
    created_at BIGINT NOT NULL,
    retired_at BIGINT
);

CREATE TABLE status_lists (
    id TEXT PRIMARY KEY,
    issuer_id TEXT NOT NULL REFERENCES issuers(id),
    purpose TEXT NOT NULL, -- 'revocation'
    size INTEGER NOT NULL,
    bits TEXT NOT NULL, -- base64 of the raw bitstring
    updated_at BIGINT NOT NULL
);

CREATE TABLE awards (
    id TEXT PRIMARY KEY, -- also the credential id urn:uuid:<id>
    educator_id TEXT NOT NULL REFERENCES users(id),
    submission_id TEXT REFERENCES submissions(id),
    micro_credential_id TEXT NOT NULL REFERENCES micro_credentials(id),
    version_id TEXT NOT NULL REFERENCES micro_credential_versions(id),
    issuer_id TEXT NOT NULL REFERENCES issuers(id),
    key_id TEXT NOT NULL REFERENCES issuer_keys(id),
    credential TEXT NOT NULL, -- the signed credential JSON, exactly as issued
    status_list_id TEXT REFERENCES status_lists(id),
    status_list_index INTEGER,
    valid_from BIGINT NOT NULL,
    valid_until BIGINT,
    issued_at BIGINT NOT NULL,
    revoked_at BIGINT,
    revoked_by TEXT REFERENCES users(id),
    revoked_reason TEXT
);
CREATE INDEX awards_educator ON awards(educator_id);
