// Places an educator in every lattice from her verified records (awards that stand, completed
// pathways, verified external credentials) and records a change of level with its date.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pathways/evaluation.hpp"
#include "pathways/lattice_store.hpp"

namespace mc::pathways {

struct LatticeView {
    LatticeRecord lattice;
    Placement placement;
    std::optional<LevelPlacement> recorded; // after this evaluation when applied
    std::vector<std::string> next;          // suggested micro-credentials toward the next level
};

// The facts of a lattice: hers, plus the pathways the evaluation found complete.
Facts with_completed(Facts facts, const std::vector<PathwayView>& pathways);

// With `apply` (inside the caller's transaction) records her level in each lattice.
std::vector<LatticeView> evaluate_lattices(soci::session& sql, const std::string& educator_id, const Facts& facts,
                                           const OfferIndex& offers, bool apply, long long now);

} // namespace mc::pathways
