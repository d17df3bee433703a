// Small builders of educator facts for the rule tests.
#pragma once

#include <string>

#include "pathways/rules.hpp"

namespace mc::pathways::test {

inline Holding award(const std::string& slug, const std::string& area, double credits, double clock_hours = 0) {
    return {"award-" + slug, slug, area, credits, clock_hours, 0};
}

inline Rule parse(const std::string& text) {
    std::vector<RuleIssue> issues;
    auto r = rule_from_json(nlohmann::json::parse(text), issues);
    if (!issues.empty()) throw std::runtime_error("bad rule in test: " + issues.front().field + " " + issues.front().key);
    return r;
}

inline const char* kEightAreas[] = {"CGD", "CLE", "OMP", "FCP", "HSN", "INT", "PPD", "PDL"};

} // namespace mc::pathways::test
