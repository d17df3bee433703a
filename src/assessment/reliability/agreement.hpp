// Agreement between two sets of ratings of the same things: exact agreement, Cohen's kappa and
// weighted kappa (linear and quadratic) for ordered rubric levels. The same functions measure
// two assessors against each other (double scoring) and one assessor against known "true"
// scores (calibration). Pure arithmetic: no storage, no HTTP.
#pragma once

#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

namespace mc::assessment::reliability {

// A k x k table of counts: row = the first rater's category, column = the second's.
// Categories are ordered 0..k-1 (a rubric's levels, lowest first), which weighted kappa uses.
class Table {
public:
    explicit Table(int k);
    // Out-of-range categories are not counted (the caller decides what "unknown" means).
    static Table from_pairs(const std::vector<std::pair<int, int>>& pairs, int k);

    // Returns false (and counts nothing) when a category is outside 0..k-1.
    bool add(int first, int second, double count = 1.0);
    int k() const { return k_; }
    double total() const { return total_; }
    double at(int row, int col) const { return cells_[static_cast<std::size_t>(row * k_ + col)]; }
    double row_total(int row) const;
    double col_total(int col) const;

private:
    int k_;
    double total_ = 0;
    std::vector<double> cells_;
};

enum class Weights { none, linear, quadratic };

// Agreement weight of a (row, col) cell: 1 on the diagonal; unweighted kappa gives 0 elsewhere,
// linear 1 - |i-j|/(k-1), quadratic 1 - (i-j)^2/(k-1)^2 (Cohen 1968; Fleiss & Cohen 1973).
double weight(Weights w, int row, int col, int k);

struct Agreement {
    double n = 0;                 // rated pairs
    double observed = 0;          // p_o (weighted when weights are used)
    double expected = 0;          // p_e, agreement expected by chance from the two sets of marginals
    std::optional<double> kappa;  // (p_o - p_e) / (1 - p_e); empty when there is nothing to measure
};

// Empty table: n = 0 and no kappa. When chance agreement is already perfect (both raters used one
// and the same category for everything) kappa is 0/0 and left empty; observed still says 1.
Agreement agreement(const Table& table, Weights weights = Weights::none);

// Shorthands. Empty optional when the table is empty (or, for kappa, undefined as above).
std::optional<double> exact_agreement(const Table& table);
std::optional<double> cohen_kappa(const Table& table);
std::optional<double> weighted_kappa(const Table& table, Weights weights);

} // namespace mc::assessment::reliability
