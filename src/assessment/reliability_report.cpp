#include "assessment/reliability_report.hpp"

#include <map>
#include <set>

namespace mc::assessment {

using reliability::Rating;

Report build_report(const ReliabilityData& data, const Settings& settings, const std::string& locale) {
    Report r;
    r.settings = settings;
    reliability::Bar bar{settings.kappa_bar, static_cast<double>(settings.min_ratings)};

    std::map<std::string, std::vector<Rating>> final_by, partner_by, calibration_by;
    for (const auto& x : data.calibration) calibration_by[x.assessor_id].push_back(x);
    for (const auto& x : data.vs_final) final_by[x.assessor_id].push_back(x);
    std::set<std::string> pairs;
    for (const auto& x : data.partner) {
        partner_by[x.assessor_id].push_back(x);
        Rating swapped = x; // the partner's view of the same pair
        std::swap(swapped.level, swapped.reference_level);
        std::swap(swapped.assessor_id, swapped.partner_id);
        partner_by[swapped.assessor_id].push_back(swapped);
        pairs.insert(x.submission_id);
    }
    r.double_scored_pairs = static_cast<int>(pairs.size());

    for (const auto& a : data.assessors) {
        AssessorRow row;
        row.id = a.id;
        row.name = a.name;
        row.lead = a.lead;
        const auto& mine = final_by[a.id];
        row.vs_final = reliability::summarize(mine);
        row.vs_partner = reliability::summarize(partner_by[a.id]);
        row.vs_calibration = reliability::summarize(calibration_by[a.id]);
        row.certified_until = a.certified_until;
        // Known true scores are the better reference: use them once there are enough.
        row.judged_on_calibration = row.vs_calibration.n >= bar.min_ratings && row.vs_calibration.kappa;
        row.standing = reliability::standing(row.judged_on_calibration ? row.vs_calibration : row.vs_final, bar);
        row.months = reliability::by_month(mine);
        for (auto it = row.months.rbegin(); it != row.months.rend(); ++it) {
            auto st = reliability::standing(it->summary, bar);
            if (st == reliability::Standing::not_enough_data) continue;
            row.drift_alert = st == reliability::Standing::below;
            row.drift_month = it->month;
            row.drift_kappa = it->summary.kappa;
            break;
        }
        row.completed = a.completed;
        if (a.completed > 0) {
            row.pass_rate = static_cast<double>(a.demonstrated) / a.completed;
            row.median_turnaround_days = reliability::median(a.turnaround_days);
        }
        // Leads with no scorings of their own and nobody else's data: still listed, so an admin
        // sees every assessor, with "not enough data".
        r.assessors.push_back(std::move(row));
    }

    auto title_of = [&](const std::string& key) -> std::string {
        auto it = data.criterion_titles.find(key);
        if (it == data.criterion_titles.end()) return "";
        return locale == "es" && !it->second.second.empty() ? it->second.second : it->second.first;
    };
    std::map<std::string, std::string> credential_titles;
    for (const auto& c : data.credentials)
        credential_titles[c.id] = locale == "es" && !c.title_es.empty() ? c.title_es : c.title_en;

    for (const auto& [key, summary] : reliability::summarize_by(
             data.partner, [](const Rating& x) { return x.micro_credential_id + "/" + x.criterion_id; })) {
        CriterionRow row;
        auto slash = key.find('/');
        row.micro_credential_id = key.substr(0, slash);
        row.criterion_id = key.substr(slash + 1);
        row.credential_title = credential_titles[row.micro_credential_id];
        row.criterion_title = title_of(key);
        if (row.criterion_title.empty()) row.criterion_title = row.criterion_id;
        row.summary = summary;
        r.criteria.push_back(std::move(row));
    }

    auto inter = reliability::summarize_by(data.partner, [](const Rating& x) { return x.micro_credential_id; });
    for (const auto& c : data.credentials) {
        CredentialRow row;
        row.id = c.id;
        row.title = credential_titles[c.id];
        row.decided = c.decided;
        row.demonstrated = c.demonstrated;
        row.double_scored = c.double_scored;
        row.adjudicated = c.adjudicated;
        if (c.decided > 0) {
            row.pass_rate = static_cast<double>(c.demonstrated) / c.decided;
            row.median_turnaround_days = reliability::median(c.turnaround_days);
        }
        if (auto it = inter.find(c.id); it != inter.end()) row.summary = it->second;
        r.credentials.push_back(std::move(row));
    }
    return r;
}

} // namespace mc::assessment
