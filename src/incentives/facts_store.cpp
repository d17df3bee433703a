#include "incentives/facts_store.hpp"

#include <map>

#include "accounts/employment_store.hpp"
#include "credentials/web/award_store.hpp"
#include "pathways/lattice_store.hpp"
#include "pathways/pathway_store.hpp"

namespace mc::incentives {

Facts facts_for(soci::session& sql, const std::string& educator_id, const RuleSet& rules, const std::string& as_of,
                const std::set<int>& paid_fiscal_years) {
    Facts f;
    f.as_of = as_of;
    f.paid_fiscal_years = paid_fiscal_years;
    if (rules.basis == Basis::lattice_level) {
        for (const auto& l : pathways::all_lattices(sql))
            if (l.definition.slug == rules.lattice)
                for (const auto& level : l.definition.levels) f.ladder.push_back({level.rank, level.code});
        if (auto p = pathways::current_level(sql, educator_id, rules.lattice)) {
            f.level_rank = p->rank;
            f.level_code = p->code;
        }
    }
    std::map<std::string, std::string> slug_of;
    for (const auto& v : pathways::current_pathways(sql)) slug_of[v.pathway_id] = v.definition.slug;
    for (const auto& p : pathways::progress_of(sql, educator_id))
        if (p.met && slug_of.contains(p.pathway_id)) f.pathways.insert(slug_of[p.pathway_id]);
    std::set<std::string> held;
    for (const auto& a : credentials::awards_of(sql, educator_id))
        if (!a.revoked_at && !a.micro_credential_id.empty()) held.insert(a.micro_credential_id);
    f.micro_credentials = static_cast<int>(held.size());
    if (auto job = accounts::current_employment(sql, educator_id)) {
        f.employed = true;
        f.hours_per_week = job->hours_per_week;
        f.hourly_wage_cents = job->hourly_wage_cents;
        f.program_started_on = job->started_on;
        f.county = accounts::program_facts(sql, job->org_id).county;
    }
    return f;
}

} // namespace mc::incentives
