#include "reports/sources.hpp"

#include <cctype>
#include <unordered_set>

#include "accounts/workforce_facts_store.hpp"
#include "assessment/outcome_facts_store.hpp"
#include "catalog/catalog_store.hpp"
#include "credentials/web/award_facts_store.hpp"
#include "pathways/pathway_store.hpp"
#include "platform/dates.hpp"
#include "reports/pathway_members.hpp"
#include "reports/report_store.hpp"

namespace mc::reports {

namespace {

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// Attempt rows of one enrollment arrive together (ordered by enrollment, then attempt).
void add_attempt(std::vector<EnrollmentFact>& out, const assessment::AttemptFact& a) {
    if (out.empty() || out.back().id != a.enrollment_id) {
        EnrollmentFact e;
        e.id = a.enrollment_id;
        e.educator_id = a.educator_id;
        e.micro_credential_id = a.micro_credential_id;
        e.enrolled_at = a.enrolled_at;
        out.push_back(std::move(e));
    }
    auto& e = out.back();
    if (a.attempt == 0) return;
    e.started = true;
    if (a.submitted_at && (!e.submitted_at || a.submitted_at < e.submitted_at)) e.submitted_at = a.submitted_at;
    if (a.outcome.empty()) return;
    if (a.attempt == 1) {
        e.first_outcome = a.outcome;
        e.first_decided_at = a.decided_at;
    }
    if (a.submitted_at) e.decisions.push_back({a.submitted_at, a.decided_at});
    if (a.outcome == "demonstrated" && !e.demonstrated_at) {
        e.demonstrated_at = a.decided_at;
        e.passing_attempt = a.attempt;
    }
}

} // namespace


Sources load_sources(soci::session& sql, const std::string& program_id) {
    Sources s;
    std::map<std::string, std::string> county_of;
    std::vector<std::string> program_ids;
    for (const auto& p : accounts::programs(sql)) {
        county_of[p.id] = p.county;
        if (program_id.empty() || p.id == program_id) program_ids.push_back(p.id);
    }
    auto classes = accounts::county_classes(sql);
    accounts::for_each_person(sql, [&](const accounts::PersonFacts& f) {
        PersonGroups g;
        g["setting"] = f.work_setting;
        g["language"] = f.locale;
        auto county = county_of.contains(f.program_id) ? county_of[f.program_id] : "";
        g["county"] = county;
        auto cls = classes.find(lower(county));
        g["rurality"] = cls == classes.end() ? "" : cls->second;
        g["program"] = f.program_id;
        g["job_role"] = f.job_role;
        g["age_band"] = f.age_band;
        g["gender"] = f.gender;
        g["race_ethnicity"] = f.race_ethnicity;
        s.impact.setting_of[f.id] = f.work_setting;
        s.people.emplace(f.id, std::move(g));
    }, program_id);

    auto collect = [&](const assessment::AttemptFact& a) { add_attempt(s.enrollments, a); };
    if (program_id.empty()) {
        assessment::for_each_attempt(sql, collect);
    } else {
        for (const auto& [educator, groups] : s.people) assessment::for_each_attempt(sql, collect, educator);
    }

    std::map<std::string, std::string> area_of_competency;
    if (auto fw = catalog::load_framework(sql))
        for (const auto& area : fw->areas)
            for (const auto& c : area.competencies) area_of_competency[c.code] = area.code;
    std::vector<CatalogEntry> entries;
    for (const auto& entry : catalog::list_for_authoring(sql)) {
        s.area_of[entry.micro_credential_id] = area_of_competency[entry.competency_code];
        entries.push_back({entry.micro_credential_id, entry.slug, area_of_competency[entry.competency_code]});
    }
    // Pathways by slug (the key the pathway dimension is grouped by); their titles are labels.
    std::vector<pathways::PathwayDefinition> defs;
    std::map<std::string, std::string> slug_of_pathway;
    for (auto& v : pathways::current_pathways(sql)) {
        slug_of_pathway[v.pathway_id] = v.definition.slug;
        defs.push_back(std::move(v.definition));
    }
    s.pathways_of = pathways_by_micro_credential(defs, entries);

    s.impact.program_ids = program_ids;
    std::unordered_set<std::string> programs(program_ids.begin(), program_ids.end());
    for (auto& r : all_ratings(sql))
        if (programs.contains(r.program_id)) s.impact.ratings.push_back(std::move(r));
    accounts::for_each_employment(sql, [&](const accounts::Employment& e) {
        if (!programs.contains(e.org_id)) return;
        auto start = parse_day(e.started_on);
        if (!start) return; // a malformed date cannot be placed in time
        auto end = e.ended_on.empty() ? std::optional<long long>(0) : parse_day(e.ended_on);
        s.impact.jobs.push_back({e.educator_id, e.org_id, *start, end.value_or(0)});
    });
    credentials::for_each_award(sql, [&](const credentials::AwardFact& a) {
        if (!program_id.empty() && !s.people.contains(a.educator_id)) return;
        s.impact.awards.push_back({a.educator_id, a.issued_at, a.revoked_at});
    });
    // The first pathway each educator of the scope completed (any pathway counts).
    for (const auto& c : pathways::all_completions(sql)) {
        if (!s.people.contains(c.educator_id) || !slug_of_pathway.contains(c.pathway_id)) continue;
        auto [it, added] = s.impact.pathway_completed_at.emplace(c.educator_id, c.completed_at);
        if (!added) it->second = std::min(it->second, c.completed_at);
    }
    s.impact.high_quality_stars = load_settings(sql).high_quality_stars;
    return s;
}

} // namespace mc::reports
