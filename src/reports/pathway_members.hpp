// Which micro-credentials count toward which pathway, for the pathway dimension of the cube:
// an enrollment in a micro-credential is placed in every pathway whose rule it can help meet.
// Pure: the pathways' rules and the catalog in, micro-credential id -> pathway slugs out.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "pathways/definitions.hpp"

namespace mc::reports {

struct CatalogEntry {
    std::string id, slug, area; // area: competency area code ("" when unknown)
};

// A micro-credential counts toward a pathway when its rule (or a prerequisite) names it, names
// its competency area (credits, clock hours, each of these areas), asks for credits or clock
// hours in any area, or names another pathway it counts toward (followed, cycles ignored).
std::map<std::string, std::vector<std::string>> pathways_by_micro_credential(
    const std::vector<pathways::PathwayDefinition>& pathways, const std::vector<CatalogEntry>& catalog);

} // namespace mc::reports
