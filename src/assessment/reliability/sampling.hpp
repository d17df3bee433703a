// Double scoring policy: which submissions two assessors score independently, and when their
// two score sets count as agreeing. Pure: no storage, no HTTP.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "assessment/rules.hpp"

namespace mc::assessment::reliability {

// A number in [0, 1) that depends only on (seed, submission id): the same submission is always
// sampled the same way, on every node and after a restart, and an auditor can re-check the draw.
double draw(std::string_view seed, std::string_view submission_id);

// share in [0, 1]: 0.2 double-scores about one submission in five.
bool sampled(std::string_view seed, std::string_view submission_id, double share);

enum class PlanReason { single, sampled, first_of_version };
std::string_view reason_name(PlanReason r); // "single" | "sampled" | "first_of_version"

struct Plan {
    int scorers = 1;
    PlanReason reason = PlanReason::single;
};

// The first submission of a new micro-credential version is always double-scored (when the
// program asks for it): a new rubric is where assessors are least likely to read it the same way.
Plan plan_for(std::string_view seed, std::string_view submission_id, double share, bool first_of_version,
              bool double_first_of_version);

// What counts as a disagreement that a lead assessor must settle.
enum class DisagreementRule { outcome, any_criterion };
std::string_view rule_name(DisagreementRule r); // "outcome" | "any_criterion"
bool rule_from(std::string_view name, DisagreementRule& out);

struct ScoreSet {
    Outcome outcome = Outcome::not_yet;
    std::vector<Score> scores;
};

// True when the two independent score sets need adjudication under the rule. Outcomes always
// count; with any_criterion a different level on any criterion counts too (feedback never does).
bool disagree(const ScoreSet& first, const ScoreSet& second, DisagreementRule rule);

} // namespace mc::assessment::reliability
