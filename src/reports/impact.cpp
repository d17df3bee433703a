#include "reports/impact.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "platform/dates.hpp"

namespace mc::reports {

namespace {

constexpr long long kYear = 365 * 86400LL;

bool employed_at(const Job& j, long long t) { return j.started <= t && (j.ended == 0 || j.ended > t); }

// Educators holding at least one credential at time t (issued by then, not revoked by then).
std::unordered_set<std::string> holders_at(const std::vector<Held>& awards, long long t) {
    std::unordered_set<std::string> out;
    for (const auto& a : awards)
        if (a.issued_at <= t && (a.revoked_at == 0 || a.revoked_at > t)) out.insert(a.educator_id);
    return out;
}

} // namespace

ImpactCounts impact_counts(const ImpactInputs& in, long long start, long long end) {
    ImpactCounts out;
    out.start = start;
    out.end = end;
    const long long as_of = end - 1;
    auto holders = holders_at(in.awards, as_of);
    auto holders_year_ago = holders_at(in.awards, as_of - kYear);

    // Each program's ratings up to the end of the period, oldest first.
    std::unordered_map<std::string, std::vector<const Rating*>> ratings;
    std::string last_day = day_of(as_of);
    for (const auto& r : in.ratings)
        if (r.rated_on <= last_day) ratings[r.program_id].push_back(&r);
    for (auto& [p, list] : ratings)
        std::sort(list.begin(), list.end(), [](const Rating* a, const Rating* b) { return a->rated_on < b->rated_on; });

    // Staff of each program at the end.
    std::unordered_map<std::string, std::unordered_set<std::string>> staff;
    for (const auto& j : in.jobs)
        if (employed_at(j, as_of)) staff[j.program_id].insert(j.educator_id);

    out.by_stars.resize(6);
    for (int s = 0; s <= 5; ++s) out.by_stars[s].stars = s;
    out.changes = {{"rose"}, {"same"}, {"fell"}};
    for (const auto& p : in.program_ids) {
        auto it = ratings.find(p);
        int stars = it == ratings.end() || it->second.empty() ? 0 : std::clamp(it->second.back()->stars, 0, 5);
        long long n = 0, held = 0, pathway = 0;
        for (const auto& e : staff[p]) {
            ++n;
            if (holders.contains(e)) ++held;
            if (auto pc = in.pathway_completed_at.find(e); pc != in.pathway_completed_at.end() && pc->second <= as_of) ++pathway;
        }
        auto& level = out.by_stars[stars];
        ++level.programs;
        level.staff += n;
        level.credentialed += held;
        level.with_pathway += pathway;
        if (stars > 0) {
            ++out.indicators.programs_rated;
            if (stars >= in.high_quality_stars) ++out.indicators.programs_high_quality;
        }
        if (it != ratings.end() && it->second.size() >= 2) {
            int first = it->second.front()->stars, last = it->second.back()->stars;
            auto& c = out.changes[last > first ? 0 : last == first ? 1 : 2];
            ++c.programs;
            c.staff += n;
            c.credentialed += held;
        }
    }

    // Retention: every job held a year before the end; retained when the same job still runs at the end.
    for (const auto& j : in.jobs) {
        if (!employed_at(j, as_of - kYear)) continue;
        auto& r = holders_year_ago.contains(j.educator_id) ? out.credentialed : out.others;
        ++r.cohort;
        if (employed_at(j, as_of)) ++r.retained;
    }
    // Turnover: of the jobs running when the period began, those that ended within it.
    for (const auto& j : in.jobs) {
        if (!employed_at(j, start)) continue;
        ++out.indicators.staff_at_start;
        if (j.ended != 0 && j.ended < end) ++out.indicators.separations;
    }
    for (const auto& a : in.awards)
        if (a.issued_at >= start && a.issued_at < end && (a.revoked_at == 0 || a.revoked_at >= end))
            ++out.indicators.credentials_earned;
    return out;
}

std::pair<long long, long long> fiscal_year_span(int fy) {
    auto start = parse_day(std::to_string(fy - 1) + "-10-01").value_or(0);
    auto end = parse_day(std::to_string(fy) + "-10-01").value_or(0);
    return {start, end};
}

std::pair<long long, long long> quarter_span(const std::string& q) {
    if (q.size() != 7 || q[4] != '-' || q[5] != 'Q' || q[6] < '1' || q[6] > '4') return {0, 0};
    int year = 0;
    for (int i = 0; i < 4; ++i) {
        if (q[i] < '0' || q[i] > '9') return {0, 0};
        year = year * 10 + (q[i] - '0');
    }
    int n = q[6] - '0';
    char a[11], b[11];
    std::snprintf(a, sizeof a, "%04d-%02d-01", year, (n - 1) * 3 + 1);
    if (n == 4) std::snprintf(b, sizeof b, "%04d-01-01", year + 1);
    else std::snprintf(b, sizeof b, "%04d-%02d-01", year, n * 3 + 1);
    auto s = parse_day(a), e = parse_day(b);
    if (!s || !e) return {0, 0};
    return {*s, *e};
}

std::map<std::string, long long> credentials_by_setting(const ImpactInputs& in, int fiscal_year) {
    auto [start, end] = fiscal_year_span(fiscal_year);
    std::map<std::string, long long> out;
    for (const auto& a : in.awards) {
        if (a.issued_at < start || a.issued_at >= end) continue;
        auto it = in.setting_of.find(a.educator_id);
        ++out[it == in.setting_of.end() ? "" : it->second];
    }
    return out;
}

nlohmann::json impact_to_json(const ImpactCounts& c) {
    nlohmann::json stars = nlohmann::json::array(), changes = nlohmann::json::array();
    for (const auto& s : c.by_stars)
        stars.push_back({s.stars, s.programs, s.staff, s.credentialed, s.with_pathway});
    for (const auto& ch : c.changes) changes.push_back({ch.change, ch.programs, ch.staff, ch.credentialed});
    return {{"start", c.start}, {"end", c.end}, {"stars", stars}, {"changes", changes},
            {"retention", {c.credentialed.cohort, c.credentialed.retained, c.others.cohort, c.others.retained}},
            {"indicators", {c.indicators.programs_rated, c.indicators.programs_high_quality, c.indicators.staff_at_start,
                            c.indicators.separations, c.indicators.credentials_earned}}};
}

ImpactCounts impact_from_json(const nlohmann::json& j) {
    ImpactCounts c;
    if (!j.is_object()) return c;
    c.start = j.value("start", 0LL);
    c.end = j.value("end", 0LL);
    for (const auto& s : j.value("stars", nlohmann::json::array()))
        c.by_stars.push_back({s[0].get<int>(), s[1].get<long long>(), s[2].get<long long>(), s[3].get<long long>(),
                              s[4].get<long long>()});
    for (const auto& ch : j.value("changes", nlohmann::json::array()))
        c.changes.push_back({ch[0].get<std::string>(), ch[1].get<long long>(), ch[2].get<long long>(), ch[3].get<long long>()});
    auto r = j.value("retention", nlohmann::json::array());
    if (r.size() == 4) {
        c.credentialed = {r[0].get<long long>(), r[1].get<long long>()};
        c.others = {r[2].get<long long>(), r[3].get<long long>()};
    }
    auto i = j.value("indicators", nlohmann::json::array());
    if (i.size() == 5)
        c.indicators = {i[0].get<long long>(), i[1].get<long long>(), i[2].get<long long>(), i[3].get<long long>(),
                        i[4].get<long long>()};
    return c;
}

} // namespace mc::reports
