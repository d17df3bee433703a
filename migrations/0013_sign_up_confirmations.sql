-- A sign-up waits for its email to be confirmed, so the sign-up form answers the same way
-- whether or not the address already has an account (the owner of an existing account gets an
-- email saying someone tried). The account is created when the link is opened. Only a hash of
-- the link's token is stored; 'existing' rows carry no token and only bound how many emails
-- one address may be sent.
CREATE TABLE sign_up_requests (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL,
    kind TEXT NOT NULL,            -- 'new' | 'existing'
    token_hash TEXT UNIQUE,        -- 'new' only
    display_name TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL DEFAULT '',
    locale TEXT NOT NULL DEFAULT 'en',
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX sign_up_requests_email ON sign_up_requests(email, created_at);
