#include "assessment/reliability/analytics.hpp"
#include "platform/dates.hpp"

#include <algorithm>
#include <ctime>

namespace mc::assessment::reliability {

Summary summarize(const std::vector<Rating>& ratings) {
    Summary s;
    if (ratings.empty()) return s;
    int k = 2;
    for (const auto& r : ratings) k = std::max(k, r.k);
    Table t(k);
    for (const auto& r : ratings) t.add(r.level, r.reference_level);
    auto plain = agreement(t, Weights::none);
    s.n = plain.n;
    if (plain.n > 0) s.exact = plain.observed;
    s.kappa = plain.kappa;
    s.linear = weighted_kappa(t, Weights::linear);
    s.quadratic = weighted_kappa(t, Weights::quadratic);
    return s;
}

std::map<std::string, Summary> summarize_by(const std::vector<Rating>& ratings,
                                            const std::function<std::string(const Rating&)>& key) {
    std::map<std::string, std::vector<Rating>> groups;
    for (const auto& r : ratings) groups[key(r)].push_back(r);
    std::map<std::string, Summary> out;
    for (const auto& [k, list] : groups) out[k] = summarize(list);
    return out;
}


Standing standing(const Summary& s, const Bar& bar) {
    if (s.n < bar.min_ratings || !s.kappa) return Standing::not_enough_data;
    return *s.kappa < bar.kappa ? Standing::below : Standing::meets;
}

std::vector<MonthPoint> by_month(const std::vector<Rating>& ratings) {
    std::vector<MonthPoint> out;
    for (auto& [month, summary] : summarize_by(ratings, [](const Rating& r) { return month_of(r.at); }))
        out.push_back({month, summary});
    return out;
}

bool drifted_below(const std::vector<MonthPoint>& months, const Bar& bar) {
    for (auto it = months.rbegin(); it != months.rend(); ++it) {
        auto st = standing(it->summary, bar);
        if (st == Standing::not_enough_data) continue;
        return st == Standing::below;
    }
    return false;
}

double median(std::vector<double> values) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    std::size_t mid = values.size() / 2;
    return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

} // namespace mc::assessment::reliability
