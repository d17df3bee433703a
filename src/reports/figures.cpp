#include "reports/figures.hpp"

#include "surveys/suppression.hpp"

namespace mc::reports {

namespace {

using surveys::CountTable;

bool dimension_is_person(const std::string& d) {
    for (const char* p : kPersonDims)
        if (d == p) return true;
    return false;
}

Shown shown(long long v, bool hidden) { return hidden ? Shown{0, true} : Shown{v, false}; }

std::optional<double> ratio(const Shown& part, const Shown& whole) {
    if (part.hidden || whole.hidden || whole.value <= 0) return std::nullopt;
    return static_cast<double>(part.value) / static_cast<double>(whole.value);
}

std::optional<double> hours_to_days(std::optional<double> h) {
    if (!h) return std::nullopt;
    return *h / 24.0;
}

// Figures from counts and the suppression masks of its row in each table.
GroupFigures fill(const std::string& key, const Counters& c, bool group_hidden, bool started_hidden,
                  bool submitted_hidden, bool demonstrated_hidden, bool first_hidden, bool first_passed_hidden,
                  bool decisions_hidden, bool people_hidden) {
    GroupFigures g;
    g.key = key;
    g.hidden = group_hidden;
    g.people = shown(c.people, people_hidden || group_hidden);
    g.enrolled = shown(c.enrolled, group_hidden);
    g.started = shown(c.started, started_hidden);
    g.submitted = shown(c.submitted, submitted_hidden);
    g.demonstrated = shown(c.demonstrated, demonstrated_hidden);
    g.first_decided = shown(c.first_decided, first_hidden);
    g.first_passed = shown(c.first_passed, first_passed_hidden);
    g.decisions = shown(c.decisions, decisions_hidden);
    g.completion_rate = ratio(g.demonstrated, g.enrolled);
    g.first_pass_rate = ratio(g.first_passed, g.first_decided);
    // Distributions only behind a shown count: a median of fewer than k values is not shown.
    if (!g.demonstrated.hidden && c.demonstrated > 0) {
        double sum = 0;
        for (const auto& [attempt, n] : c.attempts) sum += static_cast<double>(attempt * n);
        g.mean_attempts = sum / static_cast<double>(c.demonstrated);
        g.days_median = hist_median(c.days_to_credential);
        g.days_p90 = hist_percentile(c.days_to_credential, 90);
    }
    if (!g.decisions.hidden && c.decisions > 0) {
        g.turnaround_median = hours_to_days(hist_median(c.turnaround_hours));
        g.turnaround_p90 = hours_to_days(hist_percentile(c.turnaround_hours, 90));
    }
    return g;
}

} // namespace

DimensionFigures dimension_figures(const std::string& dimension, const std::map<std::string, Counters>& groups,
                                   const Counters& total, long long k, bool partition) {
    DimensionFigures out;
    out.dimension = dimension;
    out.partition = partition;
    std::vector<std::string> keys;
    for (const auto& [key, c] : groups)
        if (!key.empty()) keys.push_back(key);
    if (groups.contains("")) keys.push_back("");
    const std::size_t G = keys.size();

    // A group with fewer than k people is hidden whole, whatever its enrollments.
    std::vector<bool> preset(G, false);
    for (std::size_t g = 0; g < G; ++g) {
        const auto& c = groups.at(keys[g]);
        if (c.people > 0 && c.people < k) preset[g] = true;
    }
    // Funnel stages share the group sizes (enrollments): suppressed together.
    CountTable started, submitted, demonstrated, first, decisions, people;
    for (const auto& key : keys) {
        const auto& c = groups.at(key);
        started.cells.push_back({c.started, c.enrolled - c.started});
        submitted.cells.push_back({c.submitted, c.enrolled - c.submitted});
        demonstrated.cells.push_back({c.demonstrated, c.enrolled - c.demonstrated});
        first.cells.push_back({c.first_passed, c.first_decided - c.first_passed});
        decisions.cells.push_back({c.decisions});
        people.cells.push_back({c.people});
    }
    auto funnel = surveys::suppress_together({started, submitted, demonstrated}, k, preset);
    std::vector<bool> hidden_rows = funnel[0].row_total;
    auto first_mask = surveys::suppress(first, k, hidden_rows);
    auto decision_mask = surveys::suppress(decisions, k, hidden_rows);
    // People overlap across groups of enrollment dimensions (one educator, several micro-credentials):
    // their column has no total to protect there.
    auto people_mask = surveys::suppress(people, k, hidden_rows);
    for (std::size_t g = 0; g < G; ++g) {
        const auto& c = groups.at(keys[g]);
        bool hidden = hidden_rows[g];
        out.groups.push_back(fill(keys[g], c, hidden, funnel[0].cell[g][0], funnel[1].cell[g][0], funnel[2].cell[g][0],
                                  first_mask.row_total[g] || hidden, first_mask.cell[g][0] || hidden,
                                  decision_mask.cell[g][0] || hidden,
                                  partition && dimension_is_person(dimension) ? people_mask.cell[g][0] : hidden));
    }
    // The whole: its own counts, hidden only when they are small themselves.
    auto whole_started = surveys::suppress(CountTable{{{total.started, total.enrolled - total.started}}}, k);
    auto whole_submitted = surveys::suppress(CountTable{{{total.submitted, total.enrolled - total.submitted}}}, k);
    auto whole_demonstrated = surveys::suppress(CountTable{{{total.demonstrated, total.enrolled - total.demonstrated}}}, k);
    auto whole_first = surveys::suppress(CountTable{{{total.first_passed, total.first_decided - total.first_passed}}}, k);
    bool tiny = total.enrolled < k || (total.people > 0 && total.people < k);
    out.total = fill("all", total, tiny, tiny || whole_started.cell[0][0], tiny || whole_submitted.cell[0][0],
                     tiny || whole_demonstrated.cell[0][0], tiny || whole_first.row_total[0],
                     tiny || whole_first.cell[0][0], tiny || (total.decisions > 0 && total.decisions < k),
                     tiny || (total.people > 0 && total.people < k));
    return out;
}

std::string quarter_of_month(const std::string& m) {
    if (m.size() != 7) return m;
    int month = std::stoi(m.substr(5, 2));
    return m.substr(0, 4) + "-Q" + std::to_string((month - 1) / 3 + 1);
}

std::vector<PeriodFigures> trend(const std::map<std::string, Counters>& months, bool quarterly, long long k) {
    std::map<std::string, Counters> periods;
    for (const auto& [m, c] : months) periods[quarterly ? quarter_of_month(m) : m].add(c);
    CountTable enrolled, submitted, demonstrated, first, decisions;
    std::vector<std::string> keys;
    for (const auto& [p, c] : periods) {
        keys.push_back(p);
        enrolled.cells.push_back({c.enrolled});
        submitted.cells.push_back({c.submitted});
        demonstrated.cells.push_back({c.demonstrated});
        first.cells.push_back({c.first_passed, c.first_decided - c.first_passed});
        decisions.cells.push_back({c.decisions});
    }
    auto me = surveys::suppress(enrolled, k), ms = surveys::suppress(submitted, k), md = surveys::suppress(demonstrated, k),
         mf = surveys::suppress(first, k), mdec = surveys::suppress(decisions, k);
    std::vector<PeriodFigures> out;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const auto& c = periods[keys[i]];
        PeriodFigures p;
        p.period = keys[i];
        p.enrolled = shown(c.enrolled, me.cell[i][0]);
        p.submitted = shown(c.submitted, ms.cell[i][0]);
        p.demonstrated = shown(c.demonstrated, md.cell[i][0]);
        p.first_decided = shown(c.first_decided, mf.row_total[i]);
        p.first_passed = shown(c.first_passed, mf.cell[i][0]);
        p.decisions = shown(c.decisions, mdec.cell[i][0]);
        p.first_pass_rate = ratio(p.first_passed, p.first_decided);
        if (!p.decisions.hidden && c.decisions > 0) p.turnaround_median = hours_to_days(hist_median(c.turnaround_hours));
        if (!p.demonstrated.hidden && c.demonstrated > 0) p.days_median = hist_median(c.days_to_credential);
        out.push_back(p);
    }
    return out;
}

std::vector<EquityFlag> equity_flags(const std::vector<DimensionFigures>& dims, const EquityMargins& margins) {
    std::vector<EquityFlag> out;
    for (const auto& d : dims) {
        if (d.dimension == "all") continue;
        const auto& whole = d.total;
        for (const auto& g : d.groups) {
            if (g.hidden || g.key.empty()) continue;
            if (g.completion_rate && whole.completion_rate &&
                (*whole.completion_rate - *g.completion_rate) * 100.0 > margins.completion_points)
                out.push_back({d.dimension, g.key, "completion", *g.completion_rate, *whole.completion_rate,
                               g.enrolled.value, g.demonstrated.value, g.people.hidden ? 0 : g.people.value});
            if (g.days_median && whole.days_median && *whole.days_median > 0 &&
                (*g.days_median / *whole.days_median - 1.0) * 100.0 > margins.time_percent)
                out.push_back({d.dimension, g.key, "time_to_credential", *g.days_median, *whole.days_median,
                               g.enrolled.value, g.demonstrated.value, g.people.hidden ? 0 : g.people.value});
        }
    }
    return out;
}

} // namespace mc::reports
