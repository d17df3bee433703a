// The demo rule sets (web/demo/incentives/rule_sets.json) and the ladders they price, for the engine tests.
#pragma once

#include <fstream>
#include <stdexcept>
#include <string>

#include "incentives/rules.hpp"
#include "mc_source_dir.hpp"

namespace mc::incentives::test {

inline RuleSet demo(const std::string& slug) {
    std::ifstream in(std::string(MC_SOURCE_DIR) + "/web/demo/incentives/rule_sets.json");
    auto doc = nlohmann::json::parse(in);
    for (const auto& r : doc.at("rule_sets"))
        if (r.at("slug") == slug) {
            std::vector<Issue> issues;
            auto rules = rule_set_from_json(r, issues);
            if (!rules) throw std::runtime_error("demo rule set " + slug + ": " + issues.front().field);
            return *rules;
        }
    throw std::runtime_error("no demo rule set " + slug);
}

// The 17-level Registry-shaped lattice (codes "1".."17") and a lettered one (A lowest .. G).
inline std::vector<LadderStep> registry_ladder() {
    std::vector<LadderStep> l;
    for (int i = 1; i <= 17; ++i) l.push_back({i, std::to_string(i)});
    return l;
}
inline std::vector<LadderStep> letter_ladder() {
    std::vector<LadderStep> l;
    for (int i = 0; i < 7; ++i) l.push_back({i + 1, std::string(1, static_cast<char>('A' + i))});
    return l;
}

// A full-time educator at registry level `rank`, $18.00 an hour, two years in her program.
inline Facts educator(int rank, const std::vector<LadderStep>& ladder = registry_ladder()) {
    Facts f;
    f.ladder = ladder;
    f.level_rank = rank;
    f.level_code = rank > 0 ? ladder.at(rank - 1).code : "";
    f.employed = true;
    f.hours_per_week = 40;
    f.hourly_wage_cents = 1800;
    f.program_started_on = "2024-12-01";
    f.county = "Sauk";
    f.as_of = "2026-12-06";
    return f;
}

} // namespace mc::incentives::test
