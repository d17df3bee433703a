#include "surveys/results.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "surveys/suppression.hpp"

namespace mc::surveys {

std::optional<double> median_of(std::vector<double> values) {
    if (values.empty()) return std::nullopt;
    std::sort(values.begin(), values.end());
    std::size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

namespace {

std::string group_of(const ResponseRow& r, const std::string& by) {
    if (by == "language") return r.language;
    if (by == "setting") return r.setting;
    return "all";
}

const Answer* answer_to(const ResponseRow& r, const std::string& item_id) {
    for (const auto& a : r.answers)
        if (a.item_id == item_id) return &a;
    return nullptr;
}

Shown shown(long long v, bool hidden) { return hidden ? Shown{0, true} : Shown{v, false}; }

double as_number(const Answer& a) { return a.number ? *a.number : std::stod(a.choices.front()); }

} // namespace

std::vector<ItemResult> item_results(const Survey& s, const std::vector<ResponseRow>& responses,
                                     const std::string& by, long long k) {
    // Groups in a stable order: every value seen, "not stated" ("") last.
    std::set<std::string> seen;
    for (const auto& r : responses) seen.insert(group_of(r, by));
    std::vector<std::string> groups;
    for (const auto& g : seen)
        if (!g.empty()) groups.push_back(g);
    if (seen.contains("")) groups.push_back("");
    if (groups.empty()) groups.push_back("all");
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < groups.size(); ++i) index[groups[i]] = i;
    const std::size_t G = groups.size();

    std::vector<ItemResult> out;
    for (const auto& item : s.items) {
        ItemResult res;
        res.item = &item;
        res.groups = groups;
        if (item.kind == ItemKind::likert)
            for (auto p : likert_points) res.columns.emplace_back(p);
        for (const auto& o : item.options) res.columns.push_back(o.id);
        const std::size_t C = res.columns.size();

        std::vector<long long> answered(G, 0), respondents(G, 0);
        std::vector<std::vector<long long>> chose(G, std::vector<long long>(C, 0));
        std::vector<std::vector<double>> numbers(G);
        std::vector<std::string> texts;
        for (const auto& r : responses) {
            std::size_t g = index[group_of(r, by)];
            ++respondents[g];
            const Answer* a = answer_to(r, item.id);
            if (!a) continue;
            ++answered[g];
            for (const auto& c : a->choices)
                for (std::size_t j = 0; j < C; ++j)
                    if (res.columns[j] == c) ++chose[g][j];
            if (item.kind == ItemKind::likert || item.kind == ItemKind::number) numbers[g].push_back(as_number(*a));
            if (item.kind == ItemKind::text && !a->text.empty()) texts.push_back(a->text);
        }

        std::vector<bool> hidden_group(G, false);
        res.cells.assign(G, std::vector<Shown>(C));
        res.column_total.assign(C, {});
        if (item.kind == ItemKind::multiple) {
            // Each option splits the respondents in two (chose it, did not): one table per option,
            // all sharing the group sizes.
            std::vector<CountTable> tables;
            for (std::size_t j = 0; j < C; ++j) {
                CountTable t;
                for (std::size_t g = 0; g < G; ++g) t.cells.push_back({chose[g][j], respondents[g] - chose[g][j]});
                tables.push_back(std::move(t));
            }
            long long total = 0;
            for (auto n : respondents) total += n;
            if (tables.empty()) {
                CountTable t;
                for (auto n : respondents) t.cells.push_back({n});
                tables.push_back(std::move(t));
            }
            auto masks = suppress_together(tables, k);
            for (std::size_t g = 0; g < G; ++g) {
                hidden_group[g] = masks.front().row_total[g];
                res.group_n.push_back(shown(respondents[g], hidden_group[g]));
            }
            res.total_n = shown(total, masks.front().grand_total);
            for (std::size_t j = 0; j < C; ++j) {
                long long col = 0;
                for (std::size_t g = 0; g < G; ++g) {
                    res.cells[g][j] = shown(chose[g][j], masks[j].cell[g][0]);
                    col += chose[g][j];
                }
                res.column_total[j] = shown(col, masks[j].col_total[0]);
            }
        } else {
            CountTable t;
            for (std::size_t g = 0; g < G; ++g) {
                if (C) t.cells.push_back(chose[g]);
                else t.cells.push_back({answered[g]});
            }
            auto mask = suppress(t, k);
            long long total = 0;
            for (std::size_t g = 0; g < G; ++g) {
                hidden_group[g] = mask.row_total[g];
                res.group_n.push_back(shown(answered[g], hidden_group[g]));
                total += answered[g];
                for (std::size_t j = 0; j < C; ++j) res.cells[g][j] = shown(chose[g][j], mask.cell[g][j]);
            }
            res.total_n = shown(total, mask.grand_total);
            for (std::size_t j = 0; j < C; ++j) {
                long long col = 0;
                for (std::size_t g = 0; g < G; ++g) col += chose[g][j];
                res.column_total[j] = shown(col, mask.col_total[j]);
            }
        }
        // Means and medians only where the group itself is shown (and, being shown, has k or more).
        std::vector<double> all;
        for (std::size_t g = 0; g < G; ++g) {
            all.insert(all.end(), numbers[g].begin(), numbers[g].end());
            bool show = !hidden_group[g] && !numbers[g].empty();
            double sum = 0;
            for (double v : numbers[g]) sum += v;
            res.mean.push_back(show ? std::optional<double>(sum / static_cast<double>(numbers[g].size())) : std::nullopt);
            res.median.push_back(show ? median_of(numbers[g]) : std::nullopt);
        }
        if (!res.total_n.hidden && !all.empty()) {
            double sum = 0;
            for (double v : all) sum += v;
            res.total_mean = sum / static_cast<double>(all.size());
            res.total_median = median_of(all);
        }
        if (item.kind == ItemKind::text) {
            if (static_cast<long long>(texts.size()) >= k) res.comments = std::move(texts);
            else res.comments_hidden = !texts.empty();
        }
        out.push_back(std::move(res));
    }
    return out;
}

} // namespace mc::surveys
