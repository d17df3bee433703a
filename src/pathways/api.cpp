// /api/v1/pathways and /api/v1/requirements (docs/api/pathways.yaml): the same views as the
// pages. Every signed-in person reads the definitions and their own progress; agency admins
// publish definitions (a pathway gets a new version, a requirement is replaced); directors read
// their staff's requirement status.
#include <ctime>

#include "accounts/roles.hpp"
#include "accounts/user_store.hpp"
#include "catalog/recommendation_store.hpp"
#include "platform/dates.hpp"
#include "platform/db/database.hpp"
#include "platform/http/json_body.hpp"
#include "pathways/web.hpp"

namespace mc::pathways {

using http::AccessRule;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

long long now_seconds() { return static_cast<long long>(std::time(nullptr)); }

Response unprocessable(const app::App& app, const Request& req, const std::vector<RuleIssue>& issues) {
    // As docs/api/openapi-base.yaml's Error: each field by name (the JSON path of the document).
    json fields = json::object();
    for (const auto& e : issues)
        if (!fields.contains(e.field)) fields[e.field] = {{"code", e.key}, {"message", app.t(req, e.key)}};
    json body{{"error", {{"code", "pathways.errors.check_form"}, {"message", app.t(req, "pathways.errors.check_form")},
                         {"status", http_status(Errc::invalid)}, {"fields", fields}}}};
    return Response::json(body.dump(), http_status(Errc::invalid));
}

json progress_json(const app::App& app, const Request& req, const PathwayView& v, const OfferIndex& offers) {
    auto view = pathway_view_json(app, req.locale, v, offers);
    view["done_amount"] = v.outcome.done;
    view["total_amount"] = v.outcome.total;
    view["unit"] = std::string(unit_name(v.outcome.unit));
    return view;
}

json requirement_status_json(const app::App& app, const Request& req, const RequirementView& v) {
    auto view = requirement_view_json(app, req.locale, v);
    view["done_amount"] = v.status.outcome.done;
    view["total_amount"] = v.status.outcome.total;
    view["unit"] = std::string(unit_name(v.status.outcome.unit));
    view["areas_met"] = v.status.outcome.areas_met;
    view["areas_missing"] = v.status.outcome.areas_missing;
    return view;
}

} // namespace

void install_api(app::App& app) {
    app::App* self = &app;
    auto& r = app.router;

    r.get("/api/v1/pathways", AccessRule::signed_in(), [self](Request&) -> Result<Response> {
        auto sql = self->db->lease();
        json items = json::array();
        for (const auto& v : current_pathways(*sql)) items.push_back(pathway_to_json(v.definition));
        return Response::json(json{{"items", items}}.dump());
    });
    r.get("/api/v1/pathways/progress", AccessRule::signed_in(), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto views = TRY(evaluate_pathways(*self, *sql, req.principal.user_id, false));
        auto offers = load_offers(*sql);
        json items = json::array();
        for (const auto& v : views) items.push_back(progress_json(*self, req, v, offers));
        return Response::json(json{{"items", items}}.dump());
    });
    r.get("/api/v1/pathways/{slug}", AccessRule::signed_in(), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto v = current_pathway(*sql, req.param("slug"));
        if (!v) return fail(Errc::not_found, "errors.not_found", "pathway " + req.param("slug"));
        return Response::json(pathway_to_json(v->definition).dump());
    });
    // College credit recommended for a whole pathway (issue 11 section 5); stored by catalog.
    r.get("/api/v1/pathways/{slug}/credit-recommendations", AccessRule::signed_in(), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        if (!current_pathway(*sql, req.param("slug")))
            return fail(Errc::not_found, "errors.not_found", "pathway " + req.param("slug"));
        return Response::json(
            catalog::recommendations_to_json(catalog::recommendations_for(*sql, catalog::kPathway, req.param("slug"))).dump());
    });
    r.put("/api/v1/pathways/{slug}/credit-recommendations", AccessRule::roles(accounts::agency_admin),
          [self](Request& req) -> Result<Response> {
              auto body = TRY(http::json_object_body(req));
              std::vector<catalog::ContentIssue> issues;
              auto list = catalog::recommendations_from_json(body, issues);
              if (!list) {
                  std::vector<RuleIssue> named;
                  for (const auto& i : issues) named.push_back({i.field, i.key});
                  return unprocessable(*self, req, named);
              }
              auto sql = self->db->lease();
              if (!current_pathway(*sql, req.param("slug")))
                  return fail(Errc::not_found, "errors.not_found", "pathway " + req.param("slug"));
              db::WriteTx tx(*sql);
              catalog::replace_recommendations(*sql, catalog::kPathway, req.param("slug"), *list, req.principal.user_id,
                                               now_seconds());
              tx.commit();
              return Response::json(
                  catalog::recommendations_to_json(catalog::recommendations_for(*sql, catalog::kPathway, req.param("slug")))
                      .dump());
          });
    r.post("/api/v1/pathways", AccessRule::roles(accounts::agency_admin), [self](Request& req) -> Result<Response> {
        auto body = TRY(http::json_object_body(req));
        std::vector<RuleIssue> issues;
        auto def = pathway_from_json(body, issues);
        if (!def) return unprocessable(*self, req, issues);
        auto sql = self->db->lease();
        db::WriteTx tx(*sql);
        TRY(publish_pathway(*sql, *def));
        tx.commit();
        auto v = current_pathway(*sql, def->slug);
        return Response::json(pathway_to_json(v->definition).dump(), 201);
    });

    // The caller's level in every lattice, evaluated now, with the recorded date and log of changes.
    r.get("/api/v1/lattice", AccessRule::signed_in(), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto pathways = TRY(evaluate_pathways(*self, *sql, req.principal.user_id, false));
        auto offers = load_offers(*sql);
        auto changes = level_changes_of(*sql, req.principal.user_id);
        json items = json::array();
        for (const auto& l : lattice_views(*self, *sql, req.principal.user_id, pathways, offers)) {
            auto view = lattice_view_json(*self, req.locale, l, offers);
            json log = json::array();
            for (const auto& c : changes)
                if (c.lattice_id == l.lattice.id)
                    log.push_back({{"from_rank", c.from_rank}, {"to_rank", c.to_rank}, {"to_code", c.to_code},
                                   {"changed_on", day_of(c.changed_at)}});
            view["changes"] = log;
            items.push_back(view);
        }
        return Response::json(json{{"items", items}}.dump());
    });
    r.get("/api/v1/lattice/definitions", AccessRule::signed_in(), [self](Request&) -> Result<Response> {
        auto sql = self->db->lease();
        json items = json::array();
        for (const auto& l : all_lattices(*sql)) items.push_back(lattice_to_json(l.definition));
        return Response::json(json{{"items", items}}.dump());
    });
    r.post("/api/v1/lattice/definitions", AccessRule::roles(accounts::agency_admin),
           [self](Request& req) -> Result<Response> {
               auto body = TRY(http::json_object_body(req));
               std::vector<RuleIssue> issues;
               auto def = lattice_from_json(body, issues);
               if (!def) return unprocessable(*self, req, issues);
               auto sql = self->db->lease();
               db::WriteTx tx(*sql);
               TRY(save_lattice(*sql, *def));
               tx.commit();
               return Response::json(lattice_to_json(*def).dump(), 201);
           });

    r.get("/api/v1/requirements", AccessRule::signed_in(), [self](Request&) -> Result<Response> {
        auto sql = self->db->lease();
        json items = json::array();
        for (const auto& rq : all_requirements(*sql)) items.push_back(requirement_to_json(rq.definition));
        return Response::json(json{{"items", items}}.dump());
    });
    r.post("/api/v1/requirements", AccessRule::roles(accounts::agency_admin), [self](Request& req) -> Result<Response> {
        auto body = TRY(http::json_object_body(req));
        std::vector<RuleIssue> issues;
        auto def = requirement_from_json(body, issues);
        if (!def) return unprocessable(*self, req, issues);
        auto sql = self->db->lease();
        db::WriteTx tx(*sql);
        TRY(save_requirement(*sql, *def));
        tx.commit();
        return Response::json(requirement_to_json(*def).dump(), 201);
    });
    r.get("/api/v1/requirements/status", AccessRule::signed_in(), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto offers = load_offers(*sql);
        auto facts = facts_of(*sql, req.principal.user_id, offers);
        json items = json::array();
        for (const auto& v : requirement_views(*sql, req.principal.user_id, facts, now_seconds()))
            items.push_back(requirement_status_json(*self, req, v));
        return Response::json(json{{"items", items}}.dump());
    });
    r.get("/api/v1/requirements/staff", AccessRule::roles(accounts::director), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto user = accounts::find_user(*sql, req.principal.user_id);
        if (!user || user->employer_org_id.empty())
            return fail(Errc::not_found, "pathways.errors.no_program", "director without a program");
        json items = json::array();
        for (const auto& s : staff_status(*sql, user->employer_org_id, now_seconds())) {
            json reqs = json::array();
            for (const auto& v : s.requirements) reqs.push_back(requirement_status_json(*self, req, v));
            items.push_back({{"educator_id", s.educator_id},
                             {"name", s.name},
                             {"job_role", s.job_role},
                             {"standing", std::string(standing_name(s.worst))},
                             {"requirements", reqs}});
        }
        return Response::json(json{{"items", items}}.dump());
    });
}

} // namespace mc::pathways
