#include "pathways/everyone.hpp"

#include <unordered_map>

#include "accounts/employment_store.hpp"
#include "accounts/workforce_facts_store.hpp"
#include "credentials/web/award_facts_store.hpp"
#include "pathways/evaluation.hpp"
#include "platform/dates.hpp"

namespace mc::pathways {

EveryoneCounts evaluate_everyone(soci::session& sql, long long now) {
    EveryoneCounts counts;
    auto offers = load_offers(sql);
    std::unordered_map<std::string, Facts> facts;
    credentials::for_each_award(sql, [&](const credentials::AwardFact& a) {
        if (a.revoked_at != 0) return;
        auto it = offers.by_id.find(a.micro_credential_id);
        if (it == offers.by_id.end()) return;
        facts[a.educator_id].earned.push_back({"", it->second.slug, it->second.area, it->second.credits,
                                               it->second.clock_hours, a.issued_at});
        ++counts.holdings;
    });
    struct Job {
        std::string role, org;
        long long hired = 0;
    };
    std::unordered_map<std::string, Job> jobs;
    accounts::for_each_employment(sql, [&](const accounts::Employment& e) {
        if (e.current()) jobs[e.educator_id] = {e.job_role, e.org_id, parse_day(e.started_on).value_or(0)};
    });
    std::unordered_map<std::string, std::string> settings; // program -> setting type, in one query
    for (const auto& p : accounts::programs(sql)) settings[p.id] = p.setting_type;

    auto pathways = current_pathways(sql);
    // Pathways that name other pathways after those they name, worked out once for everyone.
    auto order = dependency_order(pathways);
    auto requirements = all_requirements(sql);
    for (const auto& [id, job] : jobs) facts.try_emplace(id); // a job's requirement counts without any award
    for (auto& [educator, f] : facts) {
        ++counts.educators;
        for (const auto* p : order)
            if (evaluate(p->definition.rule, f).met) f.pathways_completed.insert(p->definition.slug);
        counts.pathways_met += static_cast<long long>(f.pathways_completed.size());
        auto job = jobs.find(educator);
        if (job == jobs.end()) continue;
        const auto& setting = settings[job->second.org];
        for (const auto& r : requirements) {
            if (!applies_to(r.definition, job->second.role, setting)) continue;
            auto s = requirement_status(r.definition, f, job->second.hired, now);
            ++counts.requirements_evaluated;
            counts.requirements_met += s.standing == Standing::met;
            counts.requirements_at_risk += s.standing == Standing::at_risk || s.standing == Standing::overdue;
        }
    }
    return counts;
}

} // namespace mc::pathways
