// What the engine needs to know about one educator, gathered from the domains that own it:
// her lattice level (pathways/lattice_store.hpp), completed pathways (pathways/pathway_store.hpp),
// standing micro-credential awards (credentials) and her current job, hours, wage, hire date and
// program county (accounts/employment_store.hpp). Reads only through those headers.
#pragma once

#include <set>
#include <string>

#include <soci/soci.h>

#include "incentives/rules.hpp"

namespace mc::incentives {

Facts facts_for(soci::session& sql, const std::string& educator_id, const RuleSet& rules, const std::string& as_of,
                const std::set<int>& paid_fiscal_years = {});

} // namespace mc::incentives
