#include "assessment/reliability_store.hpp"

#include <limits>

#include <charconv>
#include <map>
#include <set>

#include "accounts/roles.hpp"
#include "assessment/assessment_store.hpp"
#include "assessment/calibration.hpp"
#include "catalog/version_store.hpp"

namespace mc::assessment {

namespace {

std::optional<double> number(const std::string& s) {
    double v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || p != s.data() + s.size()) return std::nullopt;
    return v;
}

std::string shortest(double v) {
    char buf[32];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, p);
}

} // namespace

std::map<std::string, std::string> setting_values(soci::session& sql) {
    std::map<std::string, std::string> out;
    std::string name, value;
    soci::statement st = (sql.prepare << "SELECT name, value FROM assessment_settings", soci::into(name), soci::into(value));
    st.execute();
    while (st.fetch()) out[name] = value;
    return out;
}

void put_setting(soci::session& sql, const std::string& name, const std::string& value, const std::string& by,
                 long long now) {
    // One upsert statement: two admins saving at once cannot collide (SQLite and PostgreSQL both have it).
    soci::indicator by_ind = by.empty() ? soci::i_null : soci::i_ok;
    sql << "INSERT INTO assessment_settings (name, value, updated_by, updated_at) VALUES (:n, :v, :b, :t) "
           "ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, "
           "updated_at = excluded.updated_at",
        soci::use(name), soci::use(value), soci::use(by, by_ind), soci::use(now);
}

Settings load_settings(soci::session& sql) {
    Settings s;
    auto raw = setting_values(sql);
    auto num = [&](const char* n, double& into) {
        if (auto it = raw.find(n); it != raw.end())
            if (auto v = number(it->second)) into = *v;
    };
    num("double_share", s.double_share);
    num("kappa_bar", s.kappa_bar);
    double min = s.min_ratings;
    num("min_ratings", min);
    s.min_ratings = static_cast<int>(min);
    double cert = s.certification_days;
    num("certification_days", cert);
    s.certification_days = static_cast<int>(cert);
    if (auto it = raw.find("double_first_of_version"); it != raw.end()) s.double_first_of_version = it->second == "1";
    if (auto it = raw.find("disagreement_rule"); it != raw.end()) reliability::rule_from(it->second, s.rule);
    if (auto it = raw.find("seed"); it != raw.end() && !it->second.empty()) s.seed = it->second;
    return s;
}

std::vector<std::pair<std::string, std::string>> validate_settings(const Settings& s) {
    std::vector<std::pair<std::string, std::string>> errors;
    if (!(s.double_share >= 0 && s.double_share <= 1))
        errors.emplace_back("double_share", "assessment.errors.share_range");
    if (!(s.kappa_bar >= 0 && s.kappa_bar <= 1)) errors.emplace_back("kappa_bar", "assessment.errors.bar_range");
    if (s.min_ratings < 1 || s.min_ratings > 10000) errors.emplace_back("min_ratings", "assessment.errors.min_ratings_range");
    if (s.seed.empty() || s.seed.size() > 100) errors.emplace_back("seed", "assessment.errors.seed_length");
    if (s.certification_days < 1 || s.certification_days > 3650)
        errors.emplace_back("certification_days", "assessment.errors.certification_days_range");
    return errors;
}

void save_settings(soci::session& sql, const Settings& s, const std::string& by) {
    long long now = now_seconds();
    put_setting(sql, "double_share", shortest(s.double_share), by, now);
    put_setting(sql, "double_first_of_version", s.double_first_of_version ? "1" : "0", by, now);
    put_setting(sql, "disagreement_rule", std::string(reliability::rule_name(s.rule)), by, now);
    put_setting(sql, "kappa_bar", shortest(s.kappa_bar), by, now);
    put_setting(sql, "min_ratings", std::to_string(s.min_ratings), by, now);
    put_setting(sql, "seed", s.seed, by, now);
    put_setting(sql, "certification_days", std::to_string(s.certification_days), by, now);
}

bool is_lead(soci::session& sql, const std::string& user_id) {
    int lead = 0;
    sql << "SELECT lead FROM assessor_profiles WHERE user_id = :u", soci::use(user_id), soci::into(lead);
    return sql.got_data() && lead != 0;
}

void set_lead(soci::session& sql, const std::string& user_id, bool lead, const std::string& by) {
    long long now = now_seconds();
    int flag = lead ? 1 : 0;
    soci::indicator by_ind = by.empty() ? soci::i_null : soci::i_ok;
    // An update first: the profile also holds the assessor's standing, languages and settings.
    soci::statement st = (sql.prepare << "UPDATE assessor_profiles SET lead = :l, updated_by = :b, updated_at = :t "
                                         "WHERE user_id = :u",
                          soci::use(flag), soci::use(by, by_ind), soci::use(now), soci::use(user_id));
    st.execute(true);
    if (st.get_affected_rows() == 0)
        sql << "INSERT INTO assessor_profiles (user_id, lead, updated_by, updated_at) VALUES (:u, :l, :b, :t)",
            soci::use(user_id), soci::use(flag), soci::use(by, by_ind), soci::use(now);
}

std::optional<ReviewPlan> load_plan(soci::session& sql, const std::string& submission_id) {
    ReviewPlan p;
    sql << "SELECT submission_id, scorers, reason, stage FROM review_plans WHERE submission_id = :s",
        soci::use(submission_id), soci::into(p.submission_id), soci::into(p.scorers), soci::into(p.reason),
        soci::into(p.stage);
    if (!sql.got_data()) return std::nullopt;
    return p;
}

ReviewPlan ensure_plan(soci::session& sql, const std::string& submission_id, const std::string& version_id,
                       long long submitted_at) {
    if (auto p = load_plan(sql, submission_id)) return *p;
    auto settings = load_settings(sql);
    // First of its version: no other submission of the version was submitted before it.
    long long earlier = 0;
    // A submission already under review counts as earlier whatever its timestamp says.
    sql << "SELECT COUNT(*) FROM submissions s WHERE s.version_id = :v AND s.id <> :id AND s.submitted_at IS NOT NULL "
           "AND (s.submitted_at < :t OR (s.submitted_at = :t2 AND s.id < :id2) "
           "OR EXISTS (SELECT 1 FROM review_plans p WHERE p.submission_id = s.id))",
        soci::use(version_id), soci::use(submission_id), soci::use(submitted_at), soci::use(submitted_at),
        soci::use(submission_id), soci::into(earlier);
    auto plan = reliability::plan_for(settings.seed, submission_id, settings.double_share, earlier == 0,
                                      settings.double_first_of_version);
    ReviewPlan p{submission_id, plan.scorers, std::string(reliability::reason_name(plan.reason)), "scoring"};
    long long now = now_seconds();
    sql << "INSERT INTO review_plans (submission_id, scorers, reason, stage, created_at) VALUES (:s, :n, :r, :st, :t)",
        soci::use(p.submission_id), soci::use(p.scorers), soci::use(p.reason), soci::use(p.stage), soci::use(now);
    return p;
}

void set_stage(soci::session& sql, const std::string& submission_id, const std::string& stage) {
    if (!load_plan(sql, submission_id)) {
        long long now = now_seconds();
        sql << "INSERT INTO review_plans (submission_id, scorers, reason, stage, created_at) "
               "VALUES (:s, 1, 'single', :st, :t)",
            soci::use(submission_id), soci::use(stage), soci::use(now);
        return;
    }
    sql << "UPDATE review_plans SET stage = :st WHERE submission_id = :s", soci::use(stage), soci::use(submission_id);
}

std::vector<Slot> active_slots(soci::session& sql, const std::string& submission_id) {
    std::vector<Slot> out;
    Slot s;
    soci::indicator c_ind, o_ind, sum_ind;
    soci::statement st =
        (sql.prepare << "SELECT a.id, a.assessor_id, u.display_name, a.kind, a.status, a.outcome, a.summary, "
                        "a.assigned_at, a.completed_at FROM assignments a JOIN users u ON u.id = a.assessor_id "
                        "WHERE a.submission_id = :s AND a.status <> 'released' AND a.kind <> 'calibration' "
                        "ORDER BY a.assigned_at, a.id",
         soci::use(submission_id), soci::into(s.id), soci::into(s.assessor_id), soci::into(s.assessor_name),
         soci::into(s.kind), soci::into(s.status), soci::into(s.outcome, o_ind), soci::into(s.summary, sum_ind),
         soci::into(s.assigned_at), soci::into(s.completed_at, c_ind));
    st.execute();
    while (st.fetch()) {
        Slot copy = s;
        if (o_ind != soci::i_ok) copy.outcome.clear();
        if (sum_ind != soci::i_ok) copy.summary.clear();
        if (c_ind != soci::i_ok) copy.completed_at = 0;
        out.push_back(std::move(copy));
    }
    return out;
}

std::vector<std::string> submissions_needing_assessors(soci::session& sql, int limit) {
    std::vector<std::string> out;
    std::string id;
    soci::statement st =
        (sql.prepare << "SELECT s.id FROM submissions s LEFT JOIN review_plans p ON p.submission_id = s.id "
                        "WHERE s.status = 'submitted' "
                        "OR (s.status = 'in_review' AND p.stage = 'scoring' AND (SELECT COUNT(*) FROM assignments a "
                        "    WHERE a.submission_id = s.id AND a.kind = 'scoring' AND a.status <> 'released') < p.scorers) "
                        "OR (s.status = 'in_review' AND p.stage = 'adjudication' AND NOT EXISTS (SELECT 1 FROM "
                        "    assignments a WHERE a.submission_id = s.id AND a.kind = 'adjudication' "
                        "    AND a.status <> 'released')) "
                        "ORDER BY COALESCE(s.submitted_at, s.created_at), s.id LIMIT :n",
         soci::use(limit), soci::into(id));
    st.execute();
    while (st.fetch()) out.push_back(id);
    return out;
}

namespace {

struct Rubrics {
    soci::session& sql;
    std::map<std::string, std::optional<catalog::VersionRecord>> cache;
    const catalog::VersionRecord* get(const std::string& version_id) {
        auto it = cache.find(version_id);
        if (it == cache.end()) {
            auto v = catalog::load_version(sql, version_id);
            it = cache.emplace(version_id, v ? std::optional(std::move(*v)) : std::nullopt).first;
        }
        return it->second ? &*it->second : nullptr;
    }
};

struct ScoredAssignment {
    std::string id, submission_id, assessor_id, version_id, micro_credential_id, outcome;
    long long completed_at = 0;
    std::map<std::string, std::string> levels; // criterion -> level
};

} // namespace

ReliabilityData gather_reliability(soci::session& sql, long long since, long long until) {
    ReliabilityData data;
    // One bound the SQL can always compare against, so every query keeps one shape.
    if (until <= 0) until = std::numeric_limits<long long>::max();
    Rubrics rubrics{sql, {}};

    // Completed scorings (not adjudications), with their criterion levels.
    std::map<std::string, ScoredAssignment> scored;
    std::map<std::string, std::vector<std::string>> by_submission; // submission -> assignment ids, oldest first
    {
        ScoredAssignment a;
        soci::indicator o_ind, c_ind;
        soci::statement st =
            (sql.prepare << "SELECT a.id, a.submission_id, a.assessor_id, s.version_id, v.micro_credential_id, "
                            "a.outcome, a.completed_at FROM assignments a JOIN submissions s ON s.id = a.submission_id "
                            "JOIN micro_credential_versions v ON v.id = s.version_id "
                            "WHERE a.kind = 'scoring' AND a.status = 'completed' AND COALESCE(a.completed_at, 0) >= :since "
                            "AND COALESCE(a.completed_at, 0) < :until ORDER BY a.assigned_at, a.id",
             soci::use(since), soci::use(until), soci::into(a.id), soci::into(a.submission_id), soci::into(a.assessor_id),
             soci::into(a.version_id), soci::into(a.micro_credential_id), soci::into(a.outcome, o_ind),
             soci::into(a.completed_at, c_ind));
        st.execute();
        while (st.fetch()) {
            ScoredAssignment copy = a;
            if (o_ind != soci::i_ok) copy.outcome.clear();
            if (c_ind != soci::i_ok) copy.completed_at = 0;
            by_submission[copy.submission_id].push_back(copy.id);
            scored.emplace(copy.id, std::move(copy));
        }
    }
    // Levels of every completed assignment (scorings and adjudications: decisions may rest on either).
    std::map<std::string, std::map<std::string, std::string>> levels;
    {
        std::string assignment, criterion, level;
        soci::statement st = (sql.prepare << "SELECT cs.assignment_id, cs.criterion_id, cs.level_id FROM criterion_scores cs "
                                             "JOIN assignments a ON a.id = cs.assignment_id WHERE a.status = 'completed'",
                              soci::into(assignment), soci::into(criterion), soci::into(level));
        st.execute();
        while (st.fetch()) levels[assignment][criterion] = level;
    }
    for (auto& [id, a] : scored)
        if (auto it = levels.find(id); it != levels.end()) a.levels = it->second;

    // Decisions: which assignment's scores each stands on.
    std::map<std::string, std::string> decision_assignment; // submission -> assignment id
    {
        std::string submission, assignment;
        soci::indicator a_ind;
        soci::statement st = (sql.prepare << "SELECT submission_id, assignment_id FROM decisions",
                              soci::into(submission), soci::into(assignment, a_ind));
        st.execute();
        while (st.fetch())
            if (a_ind == soci::i_ok) decision_assignment[submission] = assignment;
    }

    auto make = [&](const ScoredAssignment& who, const std::string& criterion, const catalog::Rubric& rubric,
                    const std::string& reference_level, reliability::Reference ref) -> std::optional<reliability::Rating> {
        auto it = who.levels.find(criterion);
        if (it == who.levels.end()) return std::nullopt;
        int mine = rubric.level_rank(it->second), theirs = rubric.level_rank(reference_level);
        if (mine < 0 || theirs < 0) return std::nullopt;
        reliability::Rating r;
        r.assessor_id = who.assessor_id;
        r.micro_credential_id = who.micro_credential_id;
        r.criterion_id = criterion;
        r.submission_id = who.submission_id;
        r.level = mine;
        r.reference_level = theirs;
        r.k = static_cast<int>(rubric.levels.size());
        r.at = who.completed_at;
        r.reference = ref;
        return r;
    };

    for (const auto& [submission, ids] : by_submission) {
        if (ids.size() < 2) continue;
        const auto& first = scored.at(ids[0]);
        const auto& second = scored.at(ids[1]);
        const auto* version = rubrics.get(first.version_id);
        if (!version) continue;
        const auto& rubric = version->content.rubric;
        for (const auto& c : rubric.criteria) {
            auto b = second.levels.find(c.id);
            if (b == second.levels.end()) continue;
            if (auto r = make(first, c.id, rubric, b->second, reliability::Reference::partner)) {
                r->partner_id = second.assessor_id;
                r->at = std::max(first.completed_at, second.completed_at);
                data.partner.push_back(*r);
            }
        }
        // Each scorer against the scores the decision stands on; when the decision stands on the
        // scorer's own scores, against the other scorer's instead (never against oneself).
        auto d = decision_assignment.find(submission);
        if (d == decision_assignment.end()) continue;
        auto final_levels = levels.find(d->second);
        for (const auto* who : {&first, &second}) {
            const auto* other = who == &first ? &second : &first;
            const auto& reference = d->second == who->id || final_levels == levels.end() ? other->levels
                                                                                        : final_levels->second;
            for (const auto& c : rubric.criteria) {
                auto ref = reference.find(c.id);
                if (ref == reference.end()) continue;
                if (auto r = make(*who, c.id, rubric, ref->second, reliability::Reference::final_score))
                    data.vs_final.push_back(*r);
            }
        }
    }

    data.calibration = calibration_ratings(sql, since);
    std::erase_if(data.calibration, [until](const reliability::Rating& r) { return r.at >= until; });

    // Per assessor: completed scorings, outcomes, turnaround.
    {
        std::map<std::string, AssessorFacts> facts;
        std::string id, name;
        int lead = 0;
        int mask = static_cast<int>(accounts::assessor);
        soci::indicator l_ind;
        soci::statement st = (sql.prepare << "SELECT u.id, u.display_name, p.lead FROM users u "
                                             "LEFT JOIN assessor_profiles p ON p.user_id = u.id "
                                             "WHERE (u.roles & :m) <> 0 ORDER BY u.display_name, u.id",
                              soci::use(mask), soci::into(id), soci::into(name), soci::into(lead, l_ind));
        st.execute();
        std::vector<std::string> order;
        while (st.fetch()) {
            facts[id] = {.id = id, .name = name, .lead = l_ind == soci::i_ok && lead != 0, .turnaround_days = {}};
            order.push_back(id);
        }
        std::string assessor;
        long long assigned = 0, completed = 0;
        soci::indicator o_ind;
        std::string outcome;
        soci::statement t = (sql.prepare << "SELECT assessor_id, outcome, assigned_at, completed_at FROM assignments "
                                            "WHERE kind = 'scoring' AND status = 'completed' AND COALESCE(completed_at, 0) >= :since "
                                            "AND COALESCE(completed_at, 0) < :until",
                             soci::use(since), soci::use(until), soci::into(assessor), soci::into(outcome, o_ind), soci::into(assigned),
                             soci::into(completed));
        t.execute();
        while (t.fetch()) {
            auto it = facts.find(assessor);
            if (it == facts.end()) continue;
            ++it->second.completed;
            if (o_ind == soci::i_ok && outcome == "demonstrated") ++it->second.demonstrated;
            it->second.turnaround_days.push_back(static_cast<double>(completed - assigned) / 86400.0);
        }
        for (auto& [who, f] : facts)
            if (auto c = latest_certification(sql, who)) f.certified_until = c->expires_at;
        for (const auto& i : order) data.assessors.push_back(std::move(facts[i]));
    }

    // Per micro-credential: decisions, pass rate, double scoring, turnaround.
    {
        std::map<std::string, CredentialFacts> facts;
        std::string mc, version, outcome, basis, submission;
        long long submitted = 0, decided = 0;
        soci::indicator sub_ind;
        soci::statement st =
            (sql.prepare << "SELECT v.micro_credential_id, s.version_id, d.outcome, d.basis, s.id, s.submitted_at, "
                            "d.decided_at FROM decisions d JOIN submissions s ON s.id = d.submission_id "
                            "JOIN micro_credential_versions v ON v.id = s.version_id WHERE d.decided_at >= :since "
                            "AND d.decided_at < :until ORDER BY v.micro_credential_id",
             soci::use(since), soci::use(until), soci::into(mc), soci::into(version), soci::into(outcome), soci::into(basis),
             soci::into(submission), soci::into(submitted, sub_ind), soci::into(decided));
        st.execute();
        while (st.fetch()) {
            auto& f = facts[mc];
            if (f.id.empty()) {
                f.id = mc;
                if (const auto* v = rubrics.get(version)) {
                    f.title_en = v->content.title.in("en");
                    f.title_es = v->content.title.in("es");
                    for (const auto& c : v->content.rubric.criteria)
                        data.criterion_titles[mc + "/" + c.id] = {c.title.in("en"), c.title.in("es")};
                }
            }
            ++f.decided;
            if (outcome == "demonstrated") ++f.demonstrated;
            if (basis != "single") ++f.double_scored;
            if (basis == "adjudicated") ++f.adjudicated;
            if (sub_ind == soci::i_ok && submitted > 0)
                f.turnaround_days.push_back(static_cast<double>(decided - submitted) / 86400.0);
        }
        for (auto& [id, f] : facts) data.credentials.push_back(std::move(f));
    }
    return data;
}

} // namespace mc::assessment
