// SQL of career lattices (tables of migration 0062): the agency's lattice documents, each
// educator's level in each lattice and the log of changes. Other domains (recognition:
// incentives, registry export) read an educator's level through current_level / levels_of.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "pathways/lattice.hpp"

namespace mc::pathways {

struct LatticeRecord {
    std::string id;
    LatticeDefinition definition;
};

// Inserts or replaces the lattice of that slug; returns its id.
Result<std::string> save_lattice(soci::session& sql, const LatticeDefinition& l);
std::vector<LatticeRecord> all_lattices(soci::session& sql); // by slug

struct LevelPlacement {
    std::string educator_id, lattice_id, lattice_slug;
    int rank = 0;         // 0: below the first level
    std::string code;     // the level's code ("" below the first level)
    long long changed_at = 0, evaluated_at = 0;
};

// The educator's recorded level in the lattice of that slug (nullopt: never placed in it), as
// the last evaluation of her verified records left it (kept current on every award and revocation).
std::optional<LevelPlacement> current_level(soci::session& sql, const std::string& educator_id,
                                            const std::string& lattice_slug);
// Her recorded level in every lattice she was placed in, by lattice slug.
std::vector<LevelPlacement> levels_of(soci::session& sql, const std::string& educator_id);

// Records the level; a different rank than the recorded one also writes a lattice_changes row
// and moves changed_at. Returns true when the level changed (a first placement at rank 0 is no change).
bool record_level(soci::session& sql, const std::string& educator_id, const std::string& lattice_id, int rank,
                  const std::string& code, long long now);

struct LevelChange {
    std::string lattice_id;
    int from_rank = 0, to_rank = 0;
    std::string to_code;
    long long changed_at = 0;
};
std::vector<LevelChange> level_changes_of(soci::session& sql, const std::string& educator_id); // oldest first

} // namespace mc::pathways
