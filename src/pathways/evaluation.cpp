#include "pathways/evaluation.hpp"

#include <ctime>

#include "accounts/employment_store.hpp"
#include "accounts/notifications.hpp"
#include "accounts/workforce_facts_store.hpp"
#include "catalog/catalog_store.hpp"
#include "credentials/web/award_store.hpp"
#include "evidence/start_checks.hpp"
#include "evidence/submission_store.hpp"
#include "platform/dates.hpp"
#include "pathways/lattice_evaluation.hpp"

namespace mc::pathways {

const std::string& OfferIndex::title(const std::string& slug, std::string_view locale) const {
    static const std::string none;
    auto it = titles.find(slug);
    if (it == titles.end()) return none;
    return locale == "es" && !it->second.second.empty() ? it->second.second : it->second.first;
}

OfferIndex load_offers(soci::session& sql) {
    OfferIndex index;
    double rate = clock_hours_per_credit(sql);
    for (const auto& e : catalog::list_published(sql)) {
        const auto& credit = e.version.content.credit;
        Offer o{e.version.slug, e.area.code, credits_of(credit.college_credit_hours, credit.clock_hours, rate),
                credit.clock_hours};
        index.by_id[e.version.micro_credential_id] = o;
        index.titles[o.slug] = {e.version.content.title.en, e.version.content.title.es};
        index.offers.push_back(o);
    }
    return index;
}

Facts facts_of(soci::session& sql, const std::string& educator_id, const OfferIndex& offers) {
    Facts f;
    for (const auto& a : credentials::awards_of(sql, educator_id)) {
        if (a.revoked_at) continue;
        auto it = offers.by_id.find(a.micro_credential_id);
        if (it == offers.by_id.end()) continue; // retired from the catalog: counts no longer known
        f.earned.push_back({a.id, it->second.slug, it->second.area, it->second.credits, it->second.clock_hours, a.issued_at});
    }
    for (const auto& s : evidence::latest_attempts(sql, educator_id)) {
        if (s.status != "submitted" && s.status != "in_review") continue;
        auto it = offers.by_id.find(s.micro_credential_id);
        if (it == offers.by_id.end()) continue;
        f.in_review.push_back({"", it->second.slug, it->second.area, it->second.credits, it->second.clock_hours, 0});
    }
    return f;
}

std::string stack_key(const std::string& pathway_slug) { return "pathway:" + pathway_slug; }

// Pathways that name other pathways come after them (a pass per level, at most one per pathway).
std::vector<const PathwayVersion*> dependency_order(const std::vector<PathwayVersion>& versions) {
    std::vector<const PathwayVersion*> order, left;
    for (const auto& v : versions) left.push_back(&v);
    std::set<std::string> placed;
    for (std::size_t pass = 0; pass <= versions.size() && !left.empty(); ++pass) {
        std::vector<const PathwayVersion*> later;
        for (const auto* v : left) {
            std::set<std::string> mcs, paths;
            referenced(v->definition.rule, mcs, paths);
            bool ready = pass == versions.size() || // a cycle: evaluate anyway (its pathway leaves stay unmet)
                         std::ranges::all_of(paths, [&](const std::string& s) { return placed.contains(s); });
            if (ready) order.push_back(v);
            else later.push_back(v);
        }
        for (const auto* v : order) placed.insert(v->definition.slug);
        left = std::move(later);
    }
    return order;
}

namespace {

long long now_seconds() { return static_cast<long long>(std::time(nullptr)); }

std::string locale_of(soci::session& sql, const std::string& educator_id) {
    auto person = accounts::person_facts(sql, educator_id);
    return person && person->locale == "es" ? "es" : "en";
}

} // namespace

Result<std::vector<PathwayView>> evaluate_pathways(app::App& app, soci::session& sql, const std::string& educator_id,
                                                   bool apply) {
    auto offers = load_offers(sql);
    auto facts = facts_of(sql, educator_id, offers);
    auto current = current_pathways(sql);
    std::map<std::string, Progress> progress;
    for (auto& p : progress_of(sql, educator_id)) progress[p.pathway_id] = p;
    // The version she started under, where she started one.
    std::vector<PathwayVersion> versions;
    for (const auto& v : current) {
        auto it = progress.find(v.pathway_id);
        std::optional<PathwayVersion> pinned;
        if (it != progress.end() && it->second.version_id != v.id) pinned = load_pathway_version(sql, it->second.version_id);
        versions.push_back(pinned ? *pinned : v);
    }
    std::map<std::string, credentials::StackAwardRecord> standing;
    for (auto& s : credentials::stack_awards_of(sql, educator_id))
        if (!s.revoked_at) standing[s.achievement_key] = s;

    std::vector<PathwayView> out;
    long long now = now_seconds();
    std::string locale;
    for (const auto* v : dependency_order(versions)) {
        const auto& def = v->definition;
        PathwayView view{*v, evaluate(def.rule, facts), {}, {}, std::nullopt, progress.contains(v->pathway_id)};
        auto held = standing.find(stack_key(def.slug));
        bool has_award = held != standing.end();
        if (apply) {
            if (view.outcome.met && !has_award && def.awards_credential) {
                if (locale.empty()) locale = locale_of(sql, educator_id);
                credentials::StackAchievement what;
                what.educator_id = educator_id;
                what.key = stack_key(def.slug);
                what.achievement_id = app.config.base_url + "/pathways/" + def.slug + "/v" + std::to_string(def.version);
                what.locale = locale;
                what.name = def.title.in(locale);
                what.description = def.description.in(locale);
                what.criteria = app.catalog.text(locale, "pathways.credential.criteria") + " " + def.description.in(locale);
                what.constituent_award_ids.assign(view.outcome.used_awards.begin(), view.outcome.used_awards.end());
                std::set<std::string> mcs, paths;
                referenced(def.rule, mcs, paths);
                for (const auto& p : paths)
                    if (auto s = standing.find(stack_key(p)); s != standing.end()) what.constituent_stack_ids.push_back(s->second.id);
                auto id = TRY(credentials::issue_stack_credential(app, sql, what));
                auto record = TRY(credentials::find_stack_award(sql, id));
                held = standing.emplace(what.key, record).first;
                has_award = true;
                TRY(accounts::notify(app, sql, educator_id, "pathway_completed", {{"pathway", what.name}}, "/pathways"));
            } else if (!view.outcome.met && has_award && def.on_revoked == RevocationPolicy::revoke_if_unmet) {
                if (locale.empty()) locale = locale_of(sql, educator_id);
                TRY(credentials::revoke_stack_award(sql, held->second.id, "constituent revoked"));
                TRY(accounts::notify(app, sql, educator_id, "pathway_revoked", {{"pathway", def.title.in(locale)}},
                                     "/pathways"));
                standing.erase(held);
                held = standing.end();
                has_award = false;
            }
            bool counts = view.outcome.met || view.outcome.done > 0 || !view.outcome.in_review.empty();
            auto it = progress.find(v->pathway_id);
            if (counts || it != progress.end()) {
                Progress p = it != progress.end() ? it->second : Progress{educator_id, v->pathway_id, v->id, now};
                p.done = view.outcome.done;
                p.total = view.outcome.total;
                // Kept by policy: a pathway whose credential stands stays complete.
                p.met = view.outcome.met || has_award;
                if (p.met && p.completed_at == 0) p.completed_at = now;
                if (!p.met) p.completed_at = 0;
                p.evaluated_at = now;
                save_progress(sql, p);
                view.started = true;
            }
        }
        if (has_award) view.award = held->second;
        if (view.outcome.met || has_award) facts.pathways_completed.insert(def.slug);
        for (const auto& h : facts.earned)
            if (view.outcome.used_awards.contains(h.award_id)) view.done.push_back(h.slug);
        view.next = suggestions(view.outcome, facts, offers.offers);
        out.push_back(std::move(view));
    }
    return out;
}

std::vector<RequirementView> requirement_views(soci::session& sql, const std::string& educator_id, const Facts& facts,
                                               long long now) {
    std::vector<RequirementView> out;
    auto job = accounts::current_employment(sql, educator_id);
    if (!job) return out;
    auto setting = accounts::program_facts(sql, job->org_id).setting_type;
    long long hired = parse_day(job->started_on).value_or(0);
    for (auto& r : all_requirements(sql)) {
        if (!applies_to(r.definition, job->job_role, setting)) continue;
        auto status = requirement_status(r.definition, facts, hired, now);
        out.push_back({std::move(r), std::move(status)});
    }
    return out;
}

Result<void> check_prerequisites(soci::session& sql, const std::string& educator_id,
                                 const std::string& micro_credential_id) {
    auto offers = load_offers(sql);
    auto it = offers.by_id.find(micro_credential_id);
    if (it == offers.by_id.end()) return {};
    std::optional<Facts> facts; // read only when some pathway orders this micro-credential
    std::map<std::string, std::string> pinned;
    for (const auto& p : progress_of(sql, educator_id)) pinned[p.pathway_id] = p.version_id;
    for (const auto& current : current_pathways(sql)) {
        auto version = pinned.contains(current.pathway_id) && pinned[current.pathway_id] != current.id
                           ? load_pathway_version(sql, pinned[current.pathway_id])
                           : std::optional<PathwayVersion>(current);
        if (!version) continue;
        const auto& def = version->definition;
        if (std::ranges::none_of(def.prerequisites, [&](const Prerequisite& p) { return p.micro_credential == it->second.slug; }))
            continue;
        if (!facts) facts = facts_of(sql, educator_id, offers);
        if (auto waiting = unmet_prerequisite(def, it->second.slug, *facts)) {
            std::string names;
            for (const auto& s : waiting->wanted_slugs) names += (names.empty() ? "" : ", ") + s;
            return fail(Errc::conflict, "pathways.errors.prerequisite",
                        it->second.slug + " waits on " + (names.empty() ? def.slug : names));
        }
    }
    return {};
}

void install_evaluation(app::App& app) {
    // An App at the address of a destroyed one (tests) must not inherit its checks twice.
    evidence::drop_start_checks(app);
    evidence::add_start_check(app, check_prerequisites);
    app::App* self = &app;
    app.event_handlers.push_back([self](soci::session& sql, const app::DomainEvent& e) -> Result<void> {
        if ((e.kind != "award_issued" && e.kind != "award_revoked") || e.educator_id.empty()) return {};
        auto views = TRY(evaluate_pathways(*self, sql, e.educator_id, true));
        // Her level follows in the same transaction: a revoked award that lowers it is logged with the revocation.
        auto offers = load_offers(sql);
        evaluate_lattices(sql, e.educator_id, with_completed(facts_of(sql, e.educator_id, offers), views), offers, true,
                          now_seconds());
        return {};
    });
}

} // namespace mc::pathways
