#include "surveys/suppression.hpp"

#include <cstddef>

namespace mc::surveys {

bool Suppressed::any() const {
    if (grand_total) return true;
    for (bool b : row_total)
        if (b) return true;
    for (bool b : col_total)
        if (b) return true;
    for (const auto& row : cell)
        for (bool b : row)
            if (b) return true;
    return false;
}

namespace {

// The table with its totals as one (R+1) x (C+1) grid: the last column holds row totals, the
// last row column totals, the corner the grand total. Every row and column of it is a "line"
// whose members add up to its last entry.
struct Grid {
    std::size_t rows = 0, cols = 0; // without the totals
    std::vector<std::vector<long long>> v;
    std::vector<std::vector<bool>> hidden;
};

// Makes one line hold: returns true when it hid something.
template <class Get, class Hide>
bool protect_line(std::size_t n, bool total_hidden, long long k, Get get, Hide hide_total) {
    if (total_hidden) return false;
    std::size_t hidden = 0;
    long long hidden_sum = 0;
    for (std::size_t i = 0; i < n; ++i) {
        auto [value, is_hidden] = get(i);
        if (is_hidden) ++hidden, hidden_sum += value;
    }
    if (hidden == 0 || (hidden >= 2 && hidden_sum >= k)) return false;
    std::size_t pick = n;
    long long smallest = 0;
    for (std::size_t i = 0; i < n; ++i) {
        auto [value, is_hidden] = get(i);
        if (is_hidden || value <= 0) continue;
        if (pick == n || value < smallest) pick = i, smallest = value;
    }
    if (pick < n) {
        get.hide(pick);
        return true;
    }
    hide_total();
    return true;
}

} // namespace

Suppressed suppress(const CountTable& table, long long k, const std::vector<bool>& preset_rows) {
    Grid g;
    g.rows = table.cells.size();
    g.cols = g.rows ? table.cells[0].size() : 0;
    g.v.assign(g.rows + 1, std::vector<long long>(g.cols + 1, 0));
    g.hidden.assign(g.rows + 1, std::vector<bool>(g.cols + 1, false));
    for (std::size_t r = 0; r < g.rows; ++r)
        for (std::size_t c = 0; c < g.cols; ++c) {
            long long x = c < table.cells[r].size() ? table.cells[r][c] : 0;
            g.v[r][c] = x;
            g.v[r][g.cols] += x;
            g.v[g.rows][c] += x;
            g.v[g.rows][g.cols] += x;
        }
    // 1. Primary.
    for (std::size_t r = 0; r <= g.rows; ++r)
        for (std::size_t c = 0; c <= g.cols; ++c)
            if (g.v[r][c] > 0 && g.v[r][c] < k) g.hidden[r][c] = true;
    for (std::size_t r = 0; r < g.rows && r < preset_rows.size(); ++r)
        if (preset_rows[r]) g.hidden[r][g.cols] = true;
    for (std::size_t r = 0; r < g.rows; ++r)
        if (g.hidden[r][g.cols])
            for (std::size_t c = 0; c < g.cols; ++c) g.hidden[r][c] = true;
    for (std::size_t c = 0; c < g.cols; ++c)
        if (g.hidden[g.rows][c])
            for (std::size_t r = 0; r < g.rows; ++r) g.hidden[r][c] = true;

    // 2. Complementary, until every line holds (each pass hides at least one more value).
    struct RowLine {
        Grid& g;
        std::size_t r;
        std::pair<long long, bool> operator()(std::size_t c) const { return {g.v[r][c], g.hidden[r][c]}; }
        void hide(std::size_t c) const { g.hidden[r][c] = true; }
    };
    struct ColLine {
        Grid& g;
        std::size_t c;
        std::pair<long long, bool> operator()(std::size_t r) const { return {g.v[r][c], g.hidden[r][c]}; }
        void hide(std::size_t r) const { g.hidden[r][c] = true; }
    };
    for (bool changed = true; changed;) {
        changed = false;
        for (std::size_t r = 0; r <= g.rows; ++r)
            changed |= protect_line(g.cols, g.hidden[r][g.cols], k, RowLine{g, r},
                                    [&] { g.hidden[r][g.cols] = true; });
        for (std::size_t c = 0; c <= g.cols; ++c)
            changed |= protect_line(g.rows, g.hidden[g.rows][c], k, ColLine{g, c},
                                    [&] { g.hidden[g.rows][c] = true; });
    }

    Suppressed out;
    out.cell.assign(g.rows, std::vector<bool>(g.cols, false));
    out.row_total.assign(g.rows, false);
    out.col_total.assign(g.cols, false);
    for (std::size_t r = 0; r < g.rows; ++r) {
        for (std::size_t c = 0; c < g.cols; ++c) out.cell[r][c] = g.hidden[r][c];
        out.row_total[r] = g.hidden[r][g.cols];
    }
    for (std::size_t c = 0; c < g.cols; ++c) out.col_total[c] = g.hidden[g.rows][c];
    out.grand_total = g.hidden[g.rows][g.cols];
    return out;
}

std::vector<Suppressed> suppress_together(const std::vector<CountTable>& tables, long long k,
                                          std::vector<bool> preset_rows) {
    std::vector<Suppressed> out;
    for (bool changed = true; changed;) {
        changed = false;
        out.clear();
        for (const auto& t : tables) {
            out.push_back(suppress(t, k, preset_rows));
            const auto& rows = out.back().row_total;
            if (preset_rows.size() < rows.size()) preset_rows.resize(rows.size(), false);
            for (std::size_t r = 0; r < rows.size(); ++r)
                if (rows[r] && !preset_rows[r]) preset_rows[r] = true, changed = true;
        }
    }
    return out;
}

} // namespace mc::surveys
