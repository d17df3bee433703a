-- Facts about people and places that reports group by (issue 12); owned by accounts.

-- Self-reported, optional: an educator chooses to give these on their profile. '' means not
-- given; 'prefer_not' means they chose not to say.
CREATE TABLE educator_demographics (
    user_id TEXT PRIMARY KEY REFERENCES users(id),
    age_band TEXT NOT NULL DEFAULT '',
    gender TEXT NOT NULL DEFAULT '',
    race_ethnicity TEXT NOT NULL DEFAULT '',
    updated_at BIGINT NOT NULL
);

-- The agency's classification of counties (rural, urban, ...), uploaded as CSV. county is the
-- name as programs carry it (organizations.county), compared case-insensitively (stored lower-case).
CREATE TABLE county_classes (
    county TEXT PRIMARY KEY,
    class TEXT NOT NULL,
    updated_by TEXT,
    updated_at BIGINT NOT NULL
);
CREATE INDEX employments_started ON employments (started_on);
