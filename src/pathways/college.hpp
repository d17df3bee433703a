// College credit (issue 11 section 5), the pure part: a college partner's decision on one
// credential of a portfolio, checked field by field.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pathways/rules.hpp"

namespace mc::pathways {

struct CreditDecisionInput {
    std::string award_id;
    std::string outcome;           // granted | denied
    double semester_hours = 0;     // granted: above 0, at most 60, in halves; denied: 0
    std::string course_equivalent; // optional, one line, at most 80 characters ("ECE 101")
    std::string reason;            // required, at most 1000 characters
};

// Every problem, each naming its field (outcome, semester_hours, course_equivalent, reason);
// `hours_text` is the field as typed (empty: none).
std::optional<CreditDecisionInput> check_decision(const std::string& award_id, const std::string& outcome,
                                                  const std::string& hours_text, const std::string& course,
                                                  const std::string& reason, std::vector<RuleIssue>& issues);

} // namespace mc::pathways
