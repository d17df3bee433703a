-- Organizations: the agency that runs the program and issues credentials, and the employer
-- programs (centers, family child care homes, Head Start grantees) educators and assessors
-- work for. The assigner keeps assessors away from their own employer's educators.
CREATE TABLE organizations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL, -- 'agency' | 'employer'
    created_at BIGINT NOT NULL
);

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE, -- stored lower-case
    password_hash TEXT NOT NULL, -- Argon2id string
    display_name TEXT NOT NULL,
    roles INTEGER NOT NULL DEFAULT 1, -- bitmask, see src/accounts/roles.hpp
    locale TEXT NOT NULL DEFAULT 'en',
    employer_org_id TEXT REFERENCES organizations(id),
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE educator_profiles (
    user_id TEXT PRIMARY KEY REFERENCES users(id),
    work_setting TEXT NOT NULL DEFAULT '', -- family_child_care | center | head_start | state_prek | early_intervention | home_visiting
    employer_program TEXT NOT NULL DEFAULT '',
    registry_id TEXT NOT NULL DEFAULT '',
    highest_degree TEXT NOT NULL DEFAULT '', -- none | cda | associate | bachelor | master | doctorate
    degree_field TEXT NOT NULL DEFAULT '',
    updated_at BIGINT NOT NULL
);

-- Sessions live in the database so any number of server processes can serve one user.
-- Only a hash of the cookie value is stored.
CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);

-- Failed sign-ins, by email and by client address, for rate limiting.
CREATE TABLE login_failures (
    id TEXT PRIMARY KEY,
    subject TEXT NOT NULL, -- 'email:<address>' or 'ip:<address>'
    at BIGINT NOT NULL
);
CREATE INDEX login_failures_subject ON login_failures(subject, at);

-- Who granted which role to whom, for the audit trail.
CREATE TABLE role_grants (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    roles_before INTEGER NOT NULL,
    roles_after INTEGER NOT NULL,
    granted_by TEXT NOT NULL REFERENCES users(id),
    granted_at BIGINT NOT NULL
);
