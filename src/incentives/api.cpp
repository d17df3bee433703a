// /api/v1/incentives (docs/api/incentives.yaml): the incentive pages as JSON. An educator reads
// her estimates and applies; her director confirms her job, hours and wage; agency staff decide
// within the funder's budget and read an application's audit trail. Texts in the caller's language.
#include "accounts/roles.hpp"
#include "accounts/user_store.hpp"
#include "incentives/web.hpp"
#include "incentives/workflow.hpp"
#include "platform/dates.hpp"
#include "platform/db/database.hpp"
#include "platform/http/json_body.hpp"

namespace mc::incentives {

using http::AccessRule;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

Response field_error(const app::App& app, const Request& req, const std::string& field, const std::string& key) {
    json body{{"error", {{"code", "incentives.errors.check_form"},
                         {"message", app.t(req, "incentives.errors.check_form")},
                         {"status", 422},
                         // As docs/api/openapi-base.yaml's Error: each field by name.
                         {"fields", {{field, {{"code", key}, {"message", app.t(req, key)}}}}}}}};
    return Response::json(body.dump(), 422);
}

json api_application(const app::App& app, const Request& req, soci::session& sql, const Application& a,
                     const std::vector<RuleSetRecord>& rule_sets) {
    auto j = application_json(app, req, sql, a, rule_sets);
    j.erase("is_" + a.status); // a template flag
    return j;
}

Result<Response> one(app::App& app, const Request& req, const std::string& id, int status) {
    auto sql = app.db->lease();
    auto a = find_application(*sql, id);
    if (!a) return fail(Errc::not_found, "errors.not_found", "application " + id);
    return Response::json(api_application(app, req, *sql, *a, all_rule_sets(*sql)).dump(), status);
}

} // namespace

void install_api(app::App& app) {
    app::App* self = &app;
    auto& r = app.router;
    r.get("/api/v1/incentives/estimates", AccessRule::roles(accounts::educator), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        std::string today = day_of(now_seconds());
        json items = json::array();
        for (const auto& rs : all_rule_sets(*sql)) {
            auto e = estimate_for(*sql, req.principal.user_id, rs, today);
            auto stored = estimate_to_json(e);
            json installments = json::array();
            for (const auto& i : e.installments)
                installments.push_back({{"number", i.number}, {"amount_cents", i.cents}, {"period_start", i.period_start},
                                        {"period_end", i.period_end}});
            items.push_back({{"rule_set", rs.rules.slug},
                             {"title", rs.rules.title.in(req.locale)},
                             {"funder", rs.rules.funder.in(req.locale)},
                             {"eligible", e.eligible},
                             {"amount_cents", e.amount_cents},
                             {"annual_cents", e.annual_cents},
                             {"tier", e.tier},
                             {"fiscal_year", e.fiscal_year},
                             {"installments", installments},
                             {"reasons", reasons_in(self->catalog, stored, req.locale)}});
        }
        return Response::json(json{{"as_of", today}, {"items", items}}.dump());
    });
    r.get("/api/v1/incentives/applications", AccessRule::roles(accounts::educator | accounts::director | accounts::any_admin),
          [self](Request& req) -> Result<Response> {
              auto sql = self->db->lease();
              std::vector<Application> found;
              if (req.principal.roles & accounts::any_admin) {
                  found = all_applications(*sql, 200);
              } else if (req.principal.roles & accounts::director) {
                  auto me = accounts::find_user(*sql, req.principal.user_id);
                  if (me && !me->employer_org_id.empty()) found = applications_at(*sql, me->employer_org_id);
              } else {
                  found = applications_of(*sql, req.principal.user_id);
              }
              auto rule_sets = all_rule_sets(*sql);
              json items = json::array();
              for (const auto& a : found) items.push_back(api_application(*self, req, *sql, a, rule_sets));
              return Response::json(json{{"items", items}}.dump());
          });
    r.post("/api/v1/incentives/applications", AccessRule::roles(accounts::educator), [self](Request& req) -> Result<Response> {
        auto body = TRY(http::json_object_body(req));
        auto slug = body.value("rule_set", std::string());
        if (slug.empty() || slug.size() > 80) return field_error(*self, req, "rule_set", "incentives.errors.required");
        Result<std::string> id = fail(Errc::internal, "errors.internal", "");
        {
            auto sql = self->db->lease();
            db::WriteTx tx(*sql);
            id = apply(*sql, req.principal.user_id, slug, day_of(now_seconds()), now_seconds());
            if (id) tx.commit();
        }
        if (!id) return std::unexpected(id.error());
        return one(*self, req, *id, 201);
    });
    r.post("/api/v1/incentives/applications/{id}/confirmation", AccessRule::roles(accounts::director),
           [self](Request& req) -> Result<Response> {
               auto body = TRY(http::json_object_body(req));
               auto hours = body.value("hours_per_week", -1LL);
               auto wage = body.value("hourly_wage_cents", -1LL);
               if (hours < 0 || hours > 100) return field_error(*self, req, "hours_per_week", "incentives.errors.hours");
               if (wage < 0 || wage > 100000) return field_error(*self, req, "hourly_wage_cents", "incentives.errors.wage");
               {
                   auto sql = self->db->lease();
                   db::WriteTx tx(*sql);
                   TRY(confirm(*sql, req.principal.user_id, req.param("id"), static_cast<int>(hours), wage, now_seconds()));
                   tx.commit();
               }
               return one(*self, req, req.param("id"), 200);
           });
    r.post("/api/v1/incentives/applications/{id}/decision", AccessRule::roles(accounts::any_admin),
           [self](Request& req) -> Result<Response> {
               auto body = TRY(http::json_object_body(req));
               auto decision = body.value("decision", std::string());
               auto note = body.value("note", std::string());
               if (decision != "approve" && decision != "deny")
                   return field_error(*self, req, "decision", "incentives.errors.decision");
               if (note.size() > kMaxNote) return field_error(*self, req, "note", "incentives.errors.note");
               {
                   auto sql = self->db->lease();
                   db::WriteTx tx(*sql);
                   TRY(decide(*sql, req.principal.user_id, req.param("id"), decision == "approve", note, now_seconds()));
                   tx.commit();
               }
               return one(*self, req, req.param("id"), 200);
           });
    r.get("/api/v1/incentives/applications/{id}/audit", AccessRule::roles(accounts::any_admin),
          [self](Request& req) -> Result<Response> {
              auto sql = self->db->lease();
              auto a = find_application(*sql, req.param("id"));
              if (!a) return fail(Errc::not_found, "errors.not_found", "application " + req.param("id"));
              json items = json::array(), lines = json::array();
              for (const auto& e : audit_of(*sql, a->id)) {
                  auto who = accounts::find_user(*sql, e.actor_id);
                  items.push_back({{"at", e.at}, {"actor_id", e.actor_id}, {"actor", who ? who->display_name : ""},
                                   {"action", e.action}, {"label", self->t(req, "incentives.audit." + e.action)},
                                   {"detail", e.detail}});
              }
              for (const auto& l : lines_of(*sql, a->id))
                  lines.push_back({{"installment", l.installment}, {"amount_cents", l.amount_cents},
                                   {"period_start", l.period_start}, {"period_end", l.period_end},
                                   {"exported", !l.export_id.empty()}});
              return Response::json(json{{"items", items}, {"payment_lines", lines}}.dump());
          });
}

} // namespace mc::incentives
