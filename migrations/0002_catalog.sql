-- Competency framework: areas and competencies, bilingual.
CREATE TABLE frameworks (
    id TEXT PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    title_en TEXT NOT NULL,
    title_es TEXT NOT NULL,
    description_en TEXT NOT NULL DEFAULT '',
    description_es TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);

CREATE TABLE competency_areas (
    id TEXT PRIMARY KEY,
    framework_id TEXT NOT NULL REFERENCES frameworks(id),
    position INTEGER NOT NULL,
    code TEXT NOT NULL,
    title_en TEXT NOT NULL,
    title_es TEXT NOT NULL,
    description_en TEXT NOT NULL DEFAULT '',
    description_es TEXT NOT NULL DEFAULT ''
);

CREATE TABLE competencies (
    id TEXT PRIMARY KEY,
    area_id TEXT NOT NULL REFERENCES competency_areas(id),
    code TEXT NOT NULL UNIQUE,
    title_en TEXT NOT NULL,
    title_es TEXT NOT NULL,
    description_en TEXT NOT NULL DEFAULT '',
    description_es TEXT NOT NULL DEFAULT ''
);

-- A micro-credential is a stable identity; what an educator works toward is one of its
-- versions. Published versions are immutable (content never changes after publish);
-- editing a published micro-credential creates a new draft version.
CREATE TABLE micro_credentials (
    id TEXT PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    competency_id TEXT NOT NULL REFERENCES competencies(id),
    created_by TEXT REFERENCES users(id),
    created_at BIGINT NOT NULL
);

CREATE TABLE micro_credential_versions (
    id TEXT PRIMARY KEY,
    micro_credential_id TEXT NOT NULL REFERENCES micro_credentials(id),
    version INTEGER NOT NULL,
    status TEXT NOT NULL, -- 'draft' | 'published' | 'retired'
    content TEXT NOT NULL, -- JSON document, see docs/catalog-content.md
    created_at BIGINT NOT NULL,
    published_at BIGINT,
    published_by TEXT REFERENCES users(id),
    UNIQUE (micro_credential_id, version)
);
