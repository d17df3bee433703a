// A career lattice: levels an agency defines from verified records. A level lists requirement
// sets; meeting any one set places a person at that level (as the Wisconsin Registry does), and
// she stands at the highest level she reaches. Pure, like the rule engine: each set is a Rule, so
// holding one more credential can only keep or raise her level; only a revocation lowers it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pathways/definitions.hpp"

namespace mc::pathways {

inline constexpr std::size_t kMaxLatticeLevels = 40;
inline constexpr std::size_t kMaxSetsPerLevel = 16;

struct LatticeLevel {
    int rank = 0;      // 1 is the first level; ranks rise strictly in the document's order
    std::string code;  // as the agency names it: "3", "10", "G"
    Bilingual title;
    std::vector<Rule> sets; // any one places a person here
};

struct LatticeDefinition {
    std::string slug;
    Bilingual title, description;
    std::vector<LatticeLevel> levels; // by rank
};

std::optional<LatticeDefinition> lattice_from_json(const nlohmann::json& doc, std::vector<RuleIssue>& issues);
nlohmann::json lattice_to_json(const LatticeDefinition& l);

struct Placement {
    int rank = 0;                   // 0: below the first level
    int level = -1;                 // index in lattice.levels of her level (-1: none)
    int next = -1;                  // index of the level above, if any
    Outcome next_best;              // the set of `next` closest to met ("what gets you there")
    int next_set = -1;              // its index in that level's sets
};

// Where the facts place a person (indices into `lattice.levels`).
Placement place(const LatticeDefinition& lattice, const Facts& facts);

} // namespace mc::pathways
