#include "assessment/reliability/agreement.hpp"

#include <cmath>
#include <cstdlib>
#include <stdexcept>

namespace mc::assessment::reliability {

Table::Table(int k) : k_(k), cells_(static_cast<std::size_t>(k > 0 ? k * k : 0), 0.0) {
    if (k < 1) throw std::invalid_argument("an agreement table needs at least one category");
}

Table Table::from_pairs(const std::vector<std::pair<int, int>>& pairs, int k) {
    Table t(k);
    for (const auto& [a, b] : pairs) t.add(a, b);
    return t;
}

bool Table::add(int first, int second, double count) {
    if (first < 0 || second < 0 || first >= k_ || second >= k_ || !(count >= 0)) return false;
    cells_[static_cast<std::size_t>(first * k_ + second)] += count;
    total_ += count;
    return true;
}

double Table::row_total(int row) const {
    double s = 0;
    for (int c = 0; c < k_; ++c) s += at(row, c);
    return s;
}

double Table::col_total(int col) const {
    double s = 0;
    for (int r = 0; r < k_; ++r) s += at(r, col);
    return s;
}

double weight(Weights w, int row, int col, int k) {
    if (row == col) return 1.0;
    if (w == Weights::none || k < 2) return 0.0;
    double d = std::abs(row - col) / static_cast<double>(k - 1);
    return w == Weights::linear ? 1.0 - d : 1.0 - d * d;
}

Agreement agreement(const Table& table, Weights weights) {
    Agreement out;
    out.n = table.total();
    if (out.n <= 0) return out;
    const int k = table.k();
    std::vector<double> rows(static_cast<std::size_t>(k)), cols(static_cast<std::size_t>(k));
    for (int i = 0; i < k; ++i) {
        rows[static_cast<std::size_t>(i)] = table.row_total(i) / out.n;
        cols[static_cast<std::size_t>(i)] = table.col_total(i) / out.n;
    }
    for (int i = 0; i < k; ++i)
        for (int j = 0; j < k; ++j) {
            double w = weight(weights, i, j, k);
            if (w == 0) continue;
            out.observed += w * table.at(i, j) / out.n;
            out.expected += w * rows[static_cast<std::size_t>(i)] * cols[static_cast<std::size_t>(j)];
        }
    // Rounding can leave 1 - 1e-17 where the exact value is 1: treat "no room above chance" as undefined.
    if (1.0 - out.expected > 1e-12) out.kappa = (out.observed - out.expected) / (1.0 - out.expected);
    return out;
}

std::optional<double> exact_agreement(const Table& table) {
    auto a = agreement(table, Weights::none);
    if (a.n <= 0) return std::nullopt;
    return a.observed;
}

std::optional<double> cohen_kappa(const Table& table) { return agreement(table, Weights::none).kappa; }

std::optional<double> weighted_kappa(const Table& table, Weights weights) { return agreement(table, weights).kappa; }

} // namespace mc::assessment::reliability
