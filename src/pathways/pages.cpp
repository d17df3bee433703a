// Pathway pages: an educator's own progress (/pathways) and her stack credentials, a program
// director's staff with their requirement status, most urgent first (/pathways/staff), and the
// agency's counts per pathway (/pathways/agency). Plus the educator's dashboard card.
#include <algorithm>
#include <cmath>
#include <ctime>

#include "accounts/employment_store.hpp"
#include "accounts/roles.hpp"
#include "accounts/user_store.hpp"
#include "catalog/recommendation_store.hpp"
#include "catalog/recommendation_view.hpp"
#include "platform/dates.hpp"
#include "platform/db/database.hpp"
#include "pathways/college_store.hpp"
#include "pathways/web.hpp"

namespace mc::pathways {

using http::AccessRule;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

long long now_seconds() { return static_cast<long long>(std::time(nullptr)); }

std::string amount_text(double v) {
    double rounded = std::round(v * 10) / 10;
    if (std::abs(rounded - std::round(rounded)) < 1e-9) return std::to_string(static_cast<long long>(std::round(rounded)));
    auto s = std::to_string(rounded);
    return s.substr(0, s.find('.') + 2);
}

json offer_links(const OfferIndex& offers, std::string_view locale, const std::vector<std::string>& slugs) {
    json out = json::array();
    for (const auto& s : slugs) out.push_back({{"slug", s}, {"title", offers.title(s, locale)}, {"href", "/catalog/" + s}});
    return out;
}

// Percent for the progress bar: whole numbers keep the element simple and the label exact.
int percent(const Outcome& o) { return static_cast<int>(std::floor(o.fraction() * 100 + 1e-9)); }

} // namespace

std::string progress_text(const app::App& app, std::string_view locale, const Outcome& o) {
    return app.catalog.format(locale, "pathways.units." + std::string(unit_name(o.unit)),
                              {{"done", amount_text(o.done)}, {"total", amount_text(o.total)}});
}

json pathway_view_json(const app::App& app, std::string_view locale, const PathwayView& v, const OfferIndex& offers) {
    const auto& def = v.version.definition;
    json view{{"slug", def.slug},
              {"title", def.title.in(locale)},
              {"description", def.description.in(locale)},
              {"version", def.version},
              {"met", v.outcome.met || v.award.has_value()},
              {"percent", percent(v.outcome)},
              {"progress", progress_text(app, locale, v.outcome)},
              {"done", offer_links(offers, locale, v.done)},
              {"in_review", offer_links(offers, locale, v.outcome.in_review)},
              {"next", offer_links(offers, locale, v.next)},
              {"policy", app.catalog.text(locale, def.on_revoked == RevocationPolicy::keep ? "pathways.policy.keep"
                                                                                           : "pathways.policy.revoke_if_unmet")}};
    json missing = json::array();
    for (const auto& a : v.outcome.areas_missing) missing.push_back(a);
    view["areas_missing"] = missing;
    if (v.award) {
        view["award"] = {{"id", v.award->id},
                         {"href", "/pathways/credentials/" + v.award->id},
                         {"issued_on", day_of(v.award->issued_at)}};
    }
    return view;
}

json requirement_view_json(const app::App& app, std::string_view locale, const RequirementView& v) {
    const auto& def = v.requirement.definition;
    std::string standing(standing_name(v.status.standing));
    json view{{"slug", def.slug},
              {"title", def.title.in(locale)},
              {"description", def.description.in(locale)},
              {"standing", standing},
              {"standing_label", app.catalog.text(locale, "pathways.standing." + standing)},
              {"urgent", v.status.standing == Standing::overdue || v.status.standing == Standing::at_risk},
              {"met", v.status.standing == Standing::met},
              {"percent", percent(v.status.outcome)},
              {"progress", progress_text(app, locale, v.status.outcome)}};
    if (v.status.due_at > 0) {
        view["due_on"] = day_of(v.status.due_at);
        view["summary"] = app.catalog.format(locale, "pathways.requirement.summary",
                                             {{"progress", progress_text(app, locale, v.status.outcome)},
                                              {"date", day_of(v.status.due_at)}});
    } else {
        view["summary"] = progress_text(app, locale, v.status.outcome);
    }
    return view;
}

std::vector<LatticeView> lattice_views(app::App&, soci::session& sql, const std::string& educator_id,
                                       const std::vector<PathwayView>& pathways, const OfferIndex& offers) {
    auto facts = with_completed(facts_of(sql, educator_id, offers), pathways);
    return evaluate_lattices(sql, educator_id, facts, offers, false, now_seconds());
}

json lattice_view_json(const app::App& app, std::string_view locale, const LatticeView& v, const OfferIndex& offers) {
    const auto& def = v.lattice.definition;
    const auto& p = v.placement;
    json view{{"slug", def.slug},
              {"title", def.title.in(locale)},
              {"description", def.description.in(locale)},
              {"rank", p.rank},
              {"placed", p.level >= 0},
              {"top", p.next < 0}};
    if (p.level >= 0) {
        view["code"] = def.levels[p.level].code;
        view["level_title"] = def.levels[p.level].title.in(locale);
    }
    // The date it changed is the recorded one; it stands only while the record agrees with now.
    if (v.recorded && v.recorded->rank == p.rank && v.recorded->changed_at > 0 && p.level >= 0)
        view["changed_on"] = day_of(v.recorded->changed_at);
    if (p.next >= 0) {
        const auto& next = def.levels[p.next];
        json missing = json::array();
        for (const auto& a : p.next_best.wanted_areas)
            if (!a.empty()) missing.push_back(a); // "" is "any area"
        view["next"] = {{"rank", next.rank},
                        {"code", next.code},
                        {"title", next.title.in(locale)},
                        {"heading", app.catalog.format(locale, "pathways.lattice.next", {{"level", next.title.in(locale)}})},
                        {"percent", percent(p.next_best)},
                        {"progress", progress_text(app, locale, p.next_best)},
                        {"areas_missing", missing},
                        {"suggested", offer_links(offers, locale, v.next)},
                        {"has_suggested", !v.next.empty()}};
    }
    return view;
}

std::vector<StaffStatus> staff_status(soci::session& sql, const std::string& org_id, long long now) {
    std::vector<StaffStatus> out;
    auto offers = load_offers(sql);
    for (const auto& job : accounts::staff_of(sql, org_id)) {
        auto user = accounts::find_user(sql, job.educator_id);
        if (!user) continue;
        StaffStatus s{job.educator_id, user->display_name, job.job_role, {}, Standing::met};
        auto facts = facts_of(sql, job.educator_id, offers);
        s.requirements = requirement_views(sql, job.educator_id, facts, now);
        for (const auto& r : s.requirements) s.worst = std::min(s.worst, r.status.standing);
        out.push_back(std::move(s));
    }
    // At risk first: overdue, then at risk, on track, met; the nearest deadline first within each.
    auto due = [](const StaffStatus& s) {
        long long d = 0;
        for (const auto& r : s.requirements)
            if (r.status.due_at > 0 && (d == 0 || r.status.due_at < d)) d = r.status.due_at;
        return d == 0 ? (1LL << 62) : d;
    };
    std::ranges::stable_sort(out, [&](const StaffStatus& a, const StaffStatus& b) {
        if (a.worst != b.worst) return a.worst < b.worst;
        if (due(a) != due(b)) return due(a) < due(b);
        return a.name < b.name;
    });
    return out;
}

namespace {

Response my_page(app::App& app, const Request& req) {
    auto sql = app.db->lease();
    auto views = evaluate_pathways(app, *sql, req.principal.user_id, false);
    if (!views) return app.error_response(req, views.error());
    auto offers = load_offers(*sql);
    auto facts = facts_of(*sql, req.principal.user_id, offers);
    json pathways = json::array(), requirements = json::array();
    for (const auto& v : *views) {
        auto view = pathway_view_json(app, req.locale, v, offers);
        // What colleges are advised to grant for the whole pathway (issue 11 section 5).
        view.update(catalog::recommendations_view(
            app, req.locale, catalog::recommendations_for(*sql, catalog::kPathway, v.version.definition.slug),
            day_of(now_seconds())));
        pathways.push_back(view);
    }
    for (const auto& r : requirement_views(*sql, req.principal.user_id, facts, now_seconds()))
        requirements.push_back(requirement_view_json(app, req.locale, r));
    json lattices = json::array();
    for (const auto& l : lattice_views(app, *sql, req.principal.user_id, *views, offers))
        lattices.push_back(lattice_view_json(app, req.locale, l, offers));
    json ctx{{"title_key", "pathways.mine.title"},
             {"pathways", pathways},
             {"lattices", lattices},
             {"has_lattices", !lattices.empty()},
             {"requirements", requirements},
             {"has_requirements", !requirements.empty()}};
    return app.views->page(req, "pathways/mine", ctx);
}

Response staff_page(app::App& app, const Request& req) {
    auto sql = app.db->lease();
    auto user = accounts::find_user(*sql, req.principal.user_id);
    if (!user || user->employer_org_id.empty())
        return app.error_response(req, Error{Errc::not_found, "pathways.errors.no_program", "director without a program"});
    json staff = json::array();
    for (const auto& s : staff_status(*sql, user->employer_org_id, now_seconds())) {
        json reqs = json::array();
        for (const auto& r : s.requirements) reqs.push_back(requirement_view_json(app, req.locale, r));
        staff.push_back({{"name", s.name},
                         {"job_role", app.t(req, "accounts.employment.job_roles." + s.job_role)},
                         {"standing", std::string(standing_name(s.worst))},
                         {"standing_label", app.t(req, "pathways.standing." + std::string(standing_name(s.worst)))},
                         {"urgent", s.worst == Standing::overdue || s.worst == Standing::at_risk},
                         {"requirements", reqs},
                         {"has_requirements", !reqs.empty()}});
    }
    json ctx{{"title_key", "pathways.staff.title"}, {"staff", staff}, {"empty", staff.empty()}};
    return app.views->page(req, "pathways/staff", ctx);
}

Response agency_page(app::App& app, const Request& req) {
    auto sql = app.db->lease();
    std::map<std::string, PathwayCounts> counts;
    for (const auto& c : counts_per_pathway(*sql)) counts[c.pathway_id] = c;
    json rows = json::array();
    for (const auto& v : current_pathways(*sql)) {
        auto c = counts[v.pathway_id];
        rows.push_back({{"title", v.definition.title.in(req.locale)},
                        {"slug", v.definition.slug},
                        {"version", v.definition.version},
                        {"started", c.started},
                        {"completed", c.completed}});
    }
    json reqs = json::array();
    for (const auto& r : all_requirements(*sql))
        reqs.push_back({{"title", r.definition.title.in(req.locale)}, {"description", r.definition.description.in(req.locale)}});
    json colleges = json::array();
    for (const auto& c : credit_by_college(*sql))
        colleges.push_back({{"college", c.college_name}, {"portfolios", c.portfolios}, {"granted", c.granted},
                            {"denied", c.denied}, {"hours", amount_text(c.hours)}});
    json ctx{{"title_key", "pathways.agency.title"}, {"pathways", rows}, {"requirements", reqs},
             {"colleges", colleges}, {"has_colleges", !colleges.empty()}};
    return app.views->page(req, "pathways/agency", ctx);
}

} // namespace

void install_pages(app::App& app) {
    app::App* self = &app;
    app.router.get("/pathways", AccessRule::signed_in(), [self](Request& req) { return my_page(*self, req); });
    app.router.get("/pathways/staff", AccessRule::roles(accounts::director | accounts::any_admin),
                   [self](Request& req) { return staff_page(*self, req); });
    app.router.get("/pathways/agency", AccessRule::roles(accounts::any_admin),
                   [self](Request& req) { return agency_page(*self, req); });
    // The signed stack credential, for its holder only (anyone else: 404).
    app.router.get("/pathways/credentials/{id}", AccessRule::signed_in(), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto award = credentials::find_stack_award(*sql, req.param("id"));
        if (!award || award->educator_id != req.principal.user_id)
            return fail(Errc::not_found, "errors.not_found", "stack award " + req.param("id"));
        auto res = Response::json(award->credential.dump(2));
        res.headers.emplace_back("Content-Disposition", "attachment; filename=\"pathway-credential.json\"");
        return res;
    });

    app.dashboard_cards.push_back([self](const Request& req) {
        std::vector<app::DashboardCard> cards;
        auto sql = self->db->lease();
        auto views = evaluate_pathways(*self, *sql, req.principal.user_id, false);
        if (!views) return cards;
        auto offers = load_offers(*sql);
        // The pathway she is furthest along without having finished it, else her latest finished one.
        const PathwayView* best = nullptr;
        for (const auto& v : *views) {
            if (!v.started && v.outcome.done == 0) continue;
            bool finished = v.outcome.met || v.award;
            bool best_finished = best && (best->outcome.met || best->award);
            if (!best || (best_finished && !finished) ||
                (finished == best_finished && v.outcome.fraction() > best->outcome.fraction()))
                best = &v;
        }
        if (best) {
            app::DashboardCard card;
            card.heading = best->version.definition.title.in(req.locale);
            bool finished = best->outcome.met || best->award;
            card.text = finished ? self->t(req, "pathways.card.finished")
                                 : self->catalog.format(req.locale, "pathways.card.text",
                                                        {{"in_review", std::to_string(best->outcome.in_review.size())}});
            card.progress_done = finished ? 100 : percent(best->outcome);
            card.progress_total = 100;
            card.progress_label = progress_text(*self, req.locale, best->outcome);
            card.links.push_back({"/pathways", self->t(req, "pathways.card.open")});
            if (!finished && !best->next.empty())
                card.links.push_back({"/catalog/" + best->next.front(),
                                      self->catalog.format(req.locale, "pathways.card.next",
                                                           {{"title", offers.title(best->next.front(), req.locale)}})});
            cards.push_back(std::move(card));
        }
        auto facts = facts_of(*sql, req.principal.user_id, offers);
        for (const auto& r : requirement_views(*sql, req.principal.user_id, facts, now_seconds())) {
            if (r.status.standing == Standing::met) continue;
            app::DashboardCard card;
            card.heading = r.requirement.definition.title.in(req.locale);
            card.text = requirement_view_json(*self, req.locale, r)["summary"].get<std::string>();
            card.progress_done = percent(r.status.outcome);
            card.progress_total = 100;
            card.progress_label = progress_text(*self, req.locale, r.status.outcome);
            card.links.push_back({"/pathways#requirements", self->t(req, "pathways.card.requirement")});
            cards.push_back(std::move(card));
        }
        return cards;
    });
}

} // namespace mc::pathways
