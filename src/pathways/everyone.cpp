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
    std::unordered_map<std::string, std::string> settings; // program -> setting type
    for (const auto& [id, job] : jobs)
        if (!settings.contains(job.org)) settings[job.org] = accounts::program_facts(sql, job.org).setting_type;

    auto pathways = current_pathways(sql);
    auto requirements = all_requirements(sql);
    for (auto& [educator, f] : facts) {
        ++counts.educators;
        // Pathway leaves come after the pathways they name: current_pathways is by slug, so
        // repeat until nothing new is met (at most one pass per pathway).
        for (std::size_t pass = 0; pass < pathways.size(); ++pass) {
            std::size_t before = f.pathways_completed.size();
            for (const auto& p : pathways)
                if (!f.pathways_completed.contains(p.definition.slug) && evaluate(p.definition.rule, f).met)
                    f.pathways_completed.insert(p.definition.slug);
            if (f.pathways_completed.size() == before) break;
        }
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
