-- The Open Badges 3.0 API as an OAuth 2.0 service (issue 13 section 2), owned by src/ob3api
-- (oauth_store.cpp). Apps register themselves (RFC 7591); an educator's consent to one app is a
-- grant; codes, access tokens and refresh tokens belong to a grant and are stored only as the
-- SHA-256 of the random value handed out. Revoking the grant ends every token of it.
CREATE TABLE ob3_clients (
    id TEXT PRIMARY KEY,                   -- the client_id
    secret_hash TEXT NOT NULL DEFAULT '',  -- SHA-256 hex of the client_secret; '' for public clients
    auth_method TEXT NOT NULL,             -- client_secret_basic, client_secret_post or none
    client_name TEXT NOT NULL,
    metadata TEXT NOT NULL,                -- the registered metadata (JSON), as answered
    created_at BIGINT NOT NULL
);

CREATE TABLE ob3_grants (
    id TEXT PRIMARY KEY,
    client_id TEXT NOT NULL REFERENCES ob3_clients(id),
    educator_id TEXT NOT NULL REFERENCES users(id),
    scopes INTEGER NOT NULL,               -- bits of ob3api::Scope
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE INDEX ob3_grants_educator ON ob3_grants(educator_id, created_at);

CREATE TABLE ob3_codes (
    code_hash TEXT PRIMARY KEY,
    grant_id TEXT NOT NULL REFERENCES ob3_grants(id),
    redirect_uri TEXT NOT NULL,
    code_challenge TEXT NOT NULL,          -- PKCE S256
    expires_at BIGINT NOT NULL,            -- 10 minutes
    used_at BIGINT                         -- one use
);

CREATE TABLE ob3_access_tokens (
    token_hash TEXT PRIMARY KEY,
    grant_id TEXT NOT NULL REFERENCES ob3_grants(id),
    scopes INTEGER NOT NULL,
    expires_at BIGINT NOT NULL,            -- 1 hour
    revoked_at BIGINT
);
CREATE INDEX ob3_access_tokens_grant ON ob3_access_tokens(grant_id);

CREATE TABLE ob3_refresh_tokens (
    token_hash TEXT PRIMARY KEY,
    grant_id TEXT NOT NULL REFERENCES ob3_grants(id),
    scopes INTEGER NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT,                        -- rotated: presenting it again revokes the grant
    revoked_at BIGINT
);
CREATE INDEX ob3_refresh_tokens_grant ON ob3_refresh_tokens(grant_id);
