-- Issuers an agency vouches for (the state licensing office, colleges, the CDA Council): a
-- credential counts as "issued by an issuer this agency trusts" only when both its issuer id and
-- the key that signed it are on one entry here. An id alone proves nothing: anyone can publish a
-- key under any https address they write into a credential.
CREATE TABLE trusted_issuers (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
-- kind 'issuer': an issuer id or DID, compared byte for byte; kind 'key': an Ed25519 public key
-- as multibase (z6Mk...). A did:key DID is stored as both.
CREATE TABLE trusted_issuer_values (
    trusted_issuer_id TEXT NOT NULL REFERENCES trusted_issuers(id),
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (trusted_issuer_id, kind, value)
);
CREATE INDEX trusted_issuer_values_lookup ON trusted_issuer_values (kind, value);
-- Who added, changed or removed an entry, and what it said then: trust decisions are audited.
CREATE TABLE trusted_issuer_audit (
    id TEXT PRIMARY KEY,
    trusted_issuer_id TEXT NOT NULL,
    action TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    name TEXT NOT NULL,
    detail TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX trusted_issuer_audit_at ON trusted_issuer_audit (at);
