-- Career lattices (src/pathways/lattice.hpp): an agency's levels as JSON documents, each
-- educator's current level in each lattice and the log of every change of level.
CREATE TABLE lattices (
    id TEXT PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    document TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- level_rank 0: below the first level. changed_at: when she reached this level (kept while it stands).
CREATE TABLE lattice_placements (
    educator_id TEXT NOT NULL REFERENCES users(id),
    lattice_id TEXT NOT NULL REFERENCES lattices(id),
    level_rank INTEGER NOT NULL,
    level_code TEXT NOT NULL,
    changed_at BIGINT NOT NULL,
    evaluated_at BIGINT NOT NULL,
    PRIMARY KEY (educator_id, lattice_id)
);

CREATE TABLE lattice_changes (
    id TEXT PRIMARY KEY,
    educator_id TEXT NOT NULL REFERENCES users(id),
    lattice_id TEXT NOT NULL REFERENCES lattices(id),
    from_rank INTEGER NOT NULL,
    to_rank INTEGER NOT NULL,
    to_code TEXT NOT NULL,
    seq INTEGER NOT NULL, -- per educator: several changes can share a second
    changed_at BIGINT NOT NULL
);
CREATE INDEX lattice_changes_educator ON lattice_changes(educator_id, changed_at);
