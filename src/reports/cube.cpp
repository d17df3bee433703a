#include "reports/cube.hpp"

#include <cmath>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "platform/dates.hpp"

namespace mc::reports {

namespace {

void merge(Histogram& into, const Histogram& from) {
    for (const auto& [v, n] : from) into[v] += n;
}

// Adds one enrollment to a group's counters (people are counted apart, as distinct educators).
void count(Counters& c, const EnrollmentFact& e) {
    ++c.enrolled;
    if (e.started) ++c.started;
    if (e.submitted_at) ++c.submitted;
    if (e.demonstrated_at) {
        ++c.demonstrated;
        ++c.attempts[e.passing_attempt];
        // Whole days from enrolling to the decision, rounded down.
        ++c.days_to_credential[std::max(0LL, (e.demonstrated_at - e.enrolled_at) / 86400)];
    }
    if (!e.first_outcome.empty()) {
        ++c.first_decided;
        if (e.first_outcome == "demonstrated") ++c.first_passed;
    }
    for (const auto& d : e.decisions) {
        ++c.decisions;
        ++c.turnaround_hours[std::max(0LL, (d.decided_at - d.submitted_at) / 3600)];
    }
}

nlohmann::json hist_json(const Histogram& h) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& [v, n] : h) out.push_back({v, n});
    return out;
}

Histogram hist_from(const nlohmann::json& j) {
    Histogram h;
    if (!j.is_array()) return h;
    for (const auto& pair : j)
        if (pair.is_array() && pair.size() == 2) h[pair[0].get<long long>()] = pair[1].get<long long>();
    return h;
}

nlohmann::json counters_json(const Counters& c) {
    return {{"people", c.people}, {"enrolled", c.enrolled}, {"started", c.started}, {"submitted", c.submitted},
            {"demonstrated", c.demonstrated}, {"first_decided", c.first_decided}, {"first_passed", c.first_passed},
            {"decisions", c.decisions}, {"attempts", hist_json(c.attempts)}, {"ttc", hist_json(c.days_to_credential)},
            {"turnaround", hist_json(c.turnaround_hours)}};
}

Counters counters_from(const nlohmann::json& j) {
    Counters c;
    c.people = j.value("people", 0LL);
    c.enrolled = j.value("enrolled", 0LL);
    c.started = j.value("started", 0LL);
    c.submitted = j.value("submitted", 0LL);
    c.demonstrated = j.value("demonstrated", 0LL);
    c.first_decided = j.value("first_decided", 0LL);
    c.first_passed = j.value("first_passed", 0LL);
    c.decisions = j.value("decisions", 0LL);
    c.attempts = hist_from(j.value("attempts", nlohmann::json::array()));
    c.days_to_credential = hist_from(j.value("ttc", nlohmann::json::array()));
    c.turnaround_hours = hist_from(j.value("turnaround", nlohmann::json::array()));
    return c;
}

} // namespace

void Counters::add(const Counters& o) {
    people += o.people;
    enrolled += o.enrolled;
    started += o.started;
    submitted += o.submitted;
    demonstrated += o.demonstrated;
    first_decided += o.first_decided;
    first_passed += o.first_passed;
    decisions += o.decisions;
    merge(attempts, o.attempts);
    merge(days_to_credential, o.days_to_credential);
    merge(turnaround_hours, o.turnaround_hours);
}

Cube build_cube(const CubeInputs& in) {
    Cube cube;
    // Distinct educators per (dimension, group).
    std::map<std::string, std::map<std::string, std::unordered_set<std::string>>> people;
    static const PersonGroups none;
    static const std::vector<std::string> no_pathways;
    for (const auto& e : *in.enrollments) {
        auto person = in.people ? in.people->find(e.educator_id) : decltype(in.people->end()){};
        const PersonGroups& groups = in.people && person != in.people->end() ? person->second : none;
        auto place = [&](const std::string& dim, const std::string& group) {
            count(cube.dims[dim][group], e);
            people[dim][group].insert(e.educator_id);
        };
        place("all", "all");
        for (const char* dim : kPersonDims) {
            auto it = groups.find(dim);
            place(dim, it == groups.end() ? "" : it->second);
        }
        place("micro_credential", e.micro_credential_id);
        std::string area;
        if (in.area_of)
            if (auto it = in.area_of->find(e.micro_credential_id); it != in.area_of->end()) area = it->second;
        place("area", area);
        const auto& pathways = in.pathways_of && in.pathways_of->contains(e.micro_credential_id)
                                   ? in.pathways_of->at(e.micro_credential_id)
                                   : no_pathways;
        for (const auto& p : pathways) place("pathway", p);
        // Enrollments counted under more than one pathway: the pathway groups overlap.
        if (pathways.size() > 1) place("pathway_overlap", "all");

        // Months: each event in the month it happened.
        Counters one;
        count(one, e);
        auto& enrolled = cube.months[month_of(e.enrolled_at)];
        ++enrolled.enrolled;
        if (e.started) ++enrolled.started;
        if (e.submitted_at) ++cube.months[month_of(e.submitted_at)].submitted;
        if (e.demonstrated_at) {
            auto& m = cube.months[month_of(e.demonstrated_at)];
            ++m.demonstrated;
            merge(m.attempts, one.attempts);
            merge(m.days_to_credential, one.days_to_credential);
        }
        if (!e.first_outcome.empty()) {
            auto& m = cube.months[month_of(e.first_decided_at)];
            ++m.first_decided;
            if (e.first_outcome == "demonstrated") ++m.first_passed;
        }
        for (const auto& d : e.decisions) {
            auto& m = cube.months[month_of(d.decided_at)];
            ++m.decisions;
            ++m.turnaround_hours[std::max(0LL, (d.decided_at - d.submitted_at) / 3600)];
        }
    }
    for (auto& [dim, groups] : people)
        for (auto& [group, ids] : groups) cube.dims[dim][group].people = static_cast<long long>(ids.size());
    return cube;
}

nlohmann::json cube_to_json(const Cube& c) {
    nlohmann::json dims = nlohmann::json::object(), months = nlohmann::json::object();
    for (const auto& [dim, groups] : c.dims)
        for (const auto& [group, counters] : groups) dims[dim][group] = counters_json(counters);
    for (const auto& [month, counters] : c.months) months[month] = counters_json(counters);
    return {{"dims", dims}, {"months", months}};
}

Cube cube_from_json(const nlohmann::json& j) {
    Cube c;
    if (!j.is_object()) return c;
    // Named, not iterated as temporaries: items() only refers to the object it is called on.
    const auto dims = j.value("dims", nlohmann::json::object());
    const auto months = j.value("months", nlohmann::json::object());
    for (const auto& [dim, groups] : dims.items())
        for (const auto& [group, counters] : groups.items()) c.dims[dim][group] = counters_from(counters);
    for (const auto& [month, counters] : months.items()) c.months[month] = counters_from(counters);
    return c;
}

long long hist_count(const Histogram& h) {
    long long n = 0;
    for (const auto& [v, k] : h) n += k;
    return n;
}

namespace {
// The value at 1-based rank r of the sorted multiset.
long long at_rank(const Histogram& h, long long r) {
    long long seen = 0;
    for (const auto& [v, k] : h) {
        seen += k;
        if (seen >= r) return v;
    }
    return h.empty() ? 0 : h.rbegin()->first;
}
} // namespace

std::optional<double> hist_median(const Histogram& h) {
    long long n = hist_count(h);
    if (n == 0) return std::nullopt;
    if (n % 2) return static_cast<double>(at_rank(h, (n + 1) / 2));
    return (static_cast<double>(at_rank(h, n / 2)) + static_cast<double>(at_rank(h, n / 2 + 1))) / 2.0;
}

std::optional<double> hist_percentile(const Histogram& h, double p) {
    long long n = hist_count(h);
    if (n == 0) return std::nullopt;
    auto rank = static_cast<long long>(std::ceil(p / 100.0 * static_cast<double>(n) - 1e-9));
    return static_cast<double>(at_rank(h, std::max(1LL, rank)));
}

} // namespace mc::reports
