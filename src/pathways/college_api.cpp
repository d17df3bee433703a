// /api/v1/college (docs/api/pathways.yaml): the college credit pages as JSON. Educators send,
// read and withdraw their own portfolios; college partners read those sent to their college and
// record decisions; admins read the credit granted by college.
#include "accounts/roles.hpp"
#include "accounts/user_store.hpp"
#include "platform/http/json_body.hpp"
#include "pathways/college_flow.hpp"
#include "pathways/web.hpp"

namespace mc::pathways {

using http::AccessRule;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

Response field_errors(const app::App& app, const Request& req, const std::vector<RuleIssue>& issues) {
    json fields = json::array();
    for (const auto& i : issues) fields.push_back({{"field", i.field}, {"code", i.key}, {"message", app.t(req, i.key)}});
    json body{{"error", {{"code", "pathways.college.errors.check_form"},
                         {"message", app.t(req, "pathways.college.errors.check_form")}, {"status", 422}, {"fields", fields}}}};
    return Response::json(body.dump(), 422);
}

// A JSON member as text: strings as they are, numbers as written ("3", "1.5"), anything else "".
std::string member_text(const json& body, const char* name) {
    auto it = body.find(name);
    if (it == body.end() || it->is_null()) return "";
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number()) {
        auto s = it->dump();
        return s.size() > 8 ? "x" : s;
    }
    return "x"; // the wrong type: the check names the field
}

} // namespace

void install_college_api(app::App& app) {
    app::App* self = &app;
    auto& r = app.router;
    r.get("/api/v1/college/colleges", AccessRule::signed_in(), [self](Request&) -> Result<Response> {
        auto sql = self->db->lease();
        json items = json::array();
        for (const auto& o : accounts::organizations(*sql, "college")) items.push_back({{"id", o.id}, {"name", o.name}});
        return Response::json(json{{"items", items}}.dump());
    });
    r.get("/api/v1/college/portfolios", AccessRule::roles(accounts::educator), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        json items = json::array();
        for (const auto& p : portfolios_of(*sql, req.principal.user_id)) items.push_back(portfolio_view(*self, req.locale, *sql, p));
        return Response::json(json{{"items", items}}.dump());
    });
    r.post("/api/v1/college/portfolios", AccessRule::roles(accounts::educator), [self](Request& req) -> Result<Response> {
        auto body = TRY(http::json_object_body(req));
        auto college = member_text(body, "college_id");
        if (college.empty())
            return field_errors(*self, req, {{"college_id", "pathways.college.errors.no_college"}});
        auto sql = self->db->lease();
        auto id = TRY(send_portfolio(*self, *sql, req.principal.user_id, college, req.locale));
        auto p = find_portfolio(*sql, id);
        return Response::json(portfolio_view(*self, req.locale, *sql, *p).dump(), 201);
    });
    r.post("/api/v1/college/portfolios/{id}/withdraw", AccessRule::roles(accounts::educator), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        TRY(withdraw_own(*sql, req.principal.user_id, req.param("id")));
        auto p = find_portfolio(*sql, req.param("id"));
        return Response::json(portfolio_view(*self, req.locale, *sql, *p).dump());
    });
    r.get("/api/v1/college/inbox", AccessRule::roles(accounts::college_partner), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto user = accounts::find_user(*sql, req.principal.user_id);
        json items = json::array();
        if (user && !user->employer_org_id.empty())
            for (const auto& p : portfolios_at(*sql, user->employer_org_id)) {
                auto v = portfolio_view(*self, req.locale, *sql, p);
                items.push_back({{"id", p.id}, {"educator", p.educator_name}, {"sent_on", v["sent_on"]},
                                 {"count", v["count"]}, {"decided_count", v["decided_count"]}});
            }
        return Response::json(json{{"items", items}}.dump());
    });
    r.get("/api/v1/college/inbox/{id}", AccessRule::roles(accounts::college_partner), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto p = TRY(portfolio_for_partner(*sql, req.principal.user_id, req.param("id")));
        {
            db::WriteTx tx(*sql);
            audit(*sql, p.id, req.principal.user_id, "viewed", "api", college_now());
            tx.commit();
        }
        auto view = portfolio_view(*self, req.locale, *sql, p);
        view["clr"] = p.clr;
        return Response::json(view.dump());
    });
    r.put("/api/v1/college/inbox/{id}/decisions/{award}", AccessRule::roles(accounts::college_partner),
          [self](Request& req) -> Result<Response> {
              auto body = TRY(http::json_object_body(req));
              auto sql = self->db->lease();
              auto p = TRY(portfolio_for_partner(*sql, req.principal.user_id, req.param("id")));
              std::vector<RuleIssue> issues;
              auto done = decide(*sql, req.principal.user_id, p, req.param("award"), member_text(body, "outcome"),
                                 member_text(body, "semester_hours"), member_text(body, "course_equivalent"),
                                 member_text(body, "reason"), issues);
              if (!done && done.error().code == Errc::bad_input) return field_errors(*self, req, issues);
              if (!done) return std::unexpected(done.error());
              return Response::json(portfolio_view(*self, req.locale, *sql, p).dump());
          });
    r.get("/api/v1/college/report", AccessRule::roles(accounts::any_admin), [self](Request&) -> Result<Response> {
        auto sql = self->db->lease();
        json items = json::array();
        for (const auto& c : credit_by_college(*sql))
            items.push_back({{"college_id", c.college_org_id}, {"college", c.college_name}, {"portfolios", c.portfolios},
                             {"granted", c.granted}, {"denied", c.denied}, {"semester_hours", c.hours}});
        return Response::json(json{{"items", items}}.dump());
    });
}

} // namespace mc::pathways
