// Small-cell suppression for every published count (survey results and dashboards alike), so
// that no answer or outcome can be traced to a person.
//
// A table has groups as rows and categories as columns that together make up each group (the
// answers to one question, or "reached / did not reach" a stage); row totals, column totals and
// the grand total are shown beside the cells. Two rules, in order:
//  1. Primary: any count from 1 to k-1 is hidden, wherever it sits (a cell or a total). A group
//     whose total is hidden has all its cells hidden (even zeros, which would say "none of these
//     few people ..."); likewise a category whose total is hidden.
//  2. Complementary: a shown total would give a hidden value back by subtraction. So in every
//     row and every column whose total is shown, the hidden values must be at least two and
//     add up to k or more; otherwise the smallest shown non-zero value of that line is hidden
//     too, or, when none is left, the line's total. Repeated until every line holds.
// Pure, no I/O; k comes from the agency's setting (10 unless changed).
#pragma once

#include <vector>

namespace mc::surveys {

struct CountTable {
    std::vector<std::vector<long long>> cells; // [group][category], every row the same width
};

struct Suppressed {
    std::vector<std::vector<bool>> cell;
    std::vector<bool> row_total, col_total;
    bool grand_total = false;
    bool any() const;
};

// preset_rows[r] true: that group's total is already hidden in another table that shares it
// (the same group's size), so it is hidden here too.
Suppressed suppress(const CountTable& table, long long k, const std::vector<bool>& preset_rows = {});

// Several tables over the same groups whose row totals are the same numbers (one per stage of a
// funnel): suppressed together until a group hidden in one is hidden in all.
std::vector<Suppressed> suppress_together(const std::vector<CountTable>& tables, long long k,
                                          std::vector<bool> preset_rows = {});

} // namespace mc::surveys
