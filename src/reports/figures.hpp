// The figures a dashboard publishes, from the cube's counts: the participation funnel, pass
// rate at first attempt, attempts to pass, time to credential and assessor turnaround, per
// group of a dimension and by month or quarter; equity gaps; every count through small-cell
// suppression (surveys/suppression.hpp) before it leaves this file. Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "reports/cube.hpp"
#include "surveys/results.hpp"

namespace mc::reports {

using surveys::Shown;

struct GroupFigures {
    std::string key; // group key ("" = not stated); "all" for the whole
    bool hidden = false; // the group is too small (or hides one that is)
    Shown people, enrolled, started, submitted, demonstrated, first_decided, first_passed, decisions;
    std::optional<double> completion_rate;  // demonstrated / enrolled
    std::optional<double> first_pass_rate;  // first_passed / first_decided
    std::optional<double> mean_attempts;    // over demonstrated enrollments
    std::optional<double> days_median, days_p90;         // enrolled -> demonstrated
    std::optional<double> turnaround_median, turnaround_p90; // submitted -> decided, in days
};

struct DimensionFigures {
    std::string dimension;
    std::vector<GroupFigures> groups; // ordered by key, "" last
    GroupFigures total;
    bool partition = true; // every enrollment sits in exactly one group (sums add up to the total)
};

// k: smallest count shown. partition false: groups overlap (pathways), no total is derived.
DimensionFigures dimension_figures(const std::string& dimension, const std::map<std::string, Counters>& groups,
                                   const Counters& total, long long k, bool partition = true);

struct PeriodFigures {
    std::string period; // YYYY-MM or YYYY-Qn
    Shown enrolled, submitted, demonstrated, first_decided, first_passed, decisions;
    std::optional<double> first_pass_rate, turnaround_median, days_median;
};
// quarterly: months summed into calendar quarters. Counts under k are hidden, and one more
// period whenever a single hidden one could be worked out from the total.
std::vector<PeriodFigures> trend(const std::map<std::string, Counters>& months, bool quarterly, long long k);
std::string quarter_of_month(const std::string& yyyy_mm); // "2026-05" -> "2026-Q2"

struct EquityFlag {
    std::string dimension, group, measure; // measure: completion | time_to_credential
    double value = 0, overall = 0;         // rates as fractions; times in days
    long long enrolled = 0, demonstrated = 0, people = 0;
};
struct EquityMargins {
    double completion_points = 10; // percentage points behind the whole
    double time_percent = 25;      // percent slower than the whole (median days)
};
// Groups whose completion rate or median time to credential falls behind the whole by more
// than the margins; only groups whose figures are shown (so their counts are k or more).
std::vector<EquityFlag> equity_flags(const std::vector<DimensionFigures>& dims, const EquityMargins& margins);

} // namespace mc::reports
