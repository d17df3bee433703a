// SQL of incentive rule sets (migration 0090): a funder's rule set stored as its checked JSON
// document, one per slug. The only place the incentive_rule_sets table is touched.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "incentives/rules.hpp"
#include "platform/error.hpp"

namespace mc::incentives {

struct RuleSetRecord {
    std::string id;
    RuleSet rules;
    std::string updated_by;
    long long updated_at = 0;
};

// Checks the document (bad_input naming the first field: Error.detail is the JSON path, the key
// its locale text) and inserts it or replaces the rule set of that slug; returns its id.
Result<std::string> save_rule_set(soci::session& sql, const nlohmann::json& document, const std::string& by,
                                  long long now);
std::vector<RuleSetRecord> all_rule_sets(soci::session& sql); // by slug
std::optional<RuleSetRecord> find_rule_set(soci::session& sql, const std::string& slug);

} // namespace mc::incentives
