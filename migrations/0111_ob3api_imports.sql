-- Credentials an app brought into an educator's wallet through the OB 3.0 API (POST
-- /ims/ob/v3p0/credentials, scope credential.upsert), owned by src/ob3api (import_store.cpp).
-- Each was verified on the way in; the verdict and trust it got are kept with it, as sent.
CREATE TABLE ob3_imported_credentials (
    id TEXT PRIMARY KEY,
    educator_id TEXT NOT NULL REFERENCES users(id),
    credential_key TEXT NOT NULL,      -- the credential's id, or the SHA-256 of the body without one
    body TEXT NOT NULL,                -- as sent: JSON, or a compact JWS
    body_hash TEXT NOT NULL,           -- SHA-256 of body: the same body again changes nothing
    format TEXT NOT NULL,              -- json or jws
    verdict TEXT NOT NULL,             -- credentials::Verdict name
    trust TEXT NOT NULL,               -- credentials::Trust name
    issuer_name TEXT NOT NULL DEFAULT '',
    achievement_name TEXT NOT NULL DEFAULT '',
    client_id TEXT NOT NULL REFERENCES ob3_clients(id),
    received_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX ob3_imported_credentials_key ON ob3_imported_credentials(educator_id, credential_key);
