// College credit pages: an educator sends her portfolio to a college, sees the decisions and
// can withdraw it (/college); a college partner sees the portfolios sent to her college and
// records credit granted or denied per credential (/college/inbox).
#include "accounts/roles.hpp"
#include "accounts/user_store.hpp"
#include "pathways/college_flow.hpp"
#include "pathways/web.hpp"

namespace mc::pathways {

using http::AccessRule;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

Response educator_page(app::App& app, const Request& req) {
    auto sql = app.db->lease();
    json colleges = json::array();
    for (const auto& o : accounts::organizations(*sql, "college")) colleges.push_back({{"id", o.id}, {"name", o.name}});
    json portfolios = json::array();
    for (const auto& p : portfolios_of(*sql, req.principal.user_id))
        portfolios.push_back(portfolio_view(app, req.locale, *sql, p));
    auto summary = evidence_summary(*sql, req.principal.user_id);
    json ctx{{"title_key", "pathways.college.mine.title"},
             {"colleges", colleges},
             {"has_colleges", !colleges.empty()},
             {"credential_count", summary["items"].size()},
             {"can_send", !summary["items"].empty() && !colleges.empty()},
             {"portfolios", portfolios},
             {"has_portfolios", !portfolios.empty()},
             {"notice", req.query_value("done") == "sent"        ? app.t(req, "pathways.college.notice.sent")
                        : req.query_value("done") == "withdrawn" ? app.t(req, "pathways.college.notice.withdrawn")
                                                                 : ""}};
    return app.views->page(req, "pathways/college_mine", ctx);
}

Response inbox_page(app::App& app, const Request& req) {
    auto sql = app.db->lease();
    auto user = accounts::find_user(*sql, req.principal.user_id);
    json rows = json::array();
    std::string college;
    if (user && !user->employer_org_id.empty()) {
        if (auto o = accounts::find_organization(*sql, user->employer_org_id)) college = o->name;
        for (const auto& p : portfolios_at(*sql, user->employer_org_id)) {
            auto v = portfolio_view(app, req.locale, *sql, p);
            rows.push_back({{"id", p.id}, {"educator", p.educator_name}, {"sent_on", v["sent_on"]},
                            {"count", v["count"]}, {"decided_count", v["decided_count"]}});
        }
    }
    json ctx{{"title_key", "pathways.college.inbox.title"}, {"college", college}, {"portfolios", rows},
             {"empty", rows.empty()}};
    return app.views->page(req, "pathways/college_inbox", ctx);
}

Response portfolio_page(app::App& app, const Request& req, soci::session& sql, const Portfolio& p,
                        const std::string& failed_award, const std::vector<RuleIssue>& issues, int status) {
    auto view = portfolio_view(app, req.locale, sql, p);
    json errors = json::array();
    for (auto& item : view["items"]) {
        bool mine = item["award_id"] == failed_award;
        auto pick = [&](const char* form_name, const char* decision_name) -> json {
            if (mine) return req.form_value(form_name);
            if (item.contains("decision")) return item["decision"][decision_name];
            return "";
        };
        item["form_outcome"] = pick("outcome", "outcome");
        item["granted_checked"] = item["form_outcome"] == "granted";
        item["denied_checked"] = item["form_outcome"] == "denied";
        item["form_hours"] = pick("semester_hours", "hours_text");
        item["form_course"] = pick("course_equivalent", "course_equivalent");
        item["form_reason"] = pick("reason", "reason");
        for (const auto& f : {"outcome", "semester_hours", "course_equivalent", "reason"}) {
            std::string message;
            if (mine)
                for (const auto& i : issues)
                    if (i.field == f) message = app.t(req, i.key);
            item[std::string("error_") + f] = message;
            if (!message.empty()) errors.push_back(message);
        }
    }
    json ctx{{"title_key", "pathways.college.portfolio.title"},
             {"portfolio", view},
             {"errors", errors},
             {"has_errors", !errors.empty()},
             {"saved", req.query_value("done") == "decided"}};
    return app.views->page(req, "pathways/college_portfolio", ctx, status);
}

} // namespace

void install_college_pages(app::App& app) {
    app::App* self = &app;
    auto& r = app.router;
    r.get("/college", AccessRule::roles(accounts::educator), [self](Request& req) { return educator_page(*self, req); });
    r.post("/college/portfolios", AccessRule::roles(accounts::educator), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        TRY(send_portfolio(*self, *sql, req.principal.user_id, req.form_value("college_id"), req.locale));
        return Response::redirect("/college?done=sent");
    });
    r.post("/college/portfolios/{id}/withdraw", AccessRule::roles(accounts::educator), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        TRY(withdraw_own(*sql, req.principal.user_id, req.param("id")));
        return Response::redirect("/college?done=withdrawn");
    });
    r.get("/college/inbox", AccessRule::roles(accounts::college_partner), [self](Request& req) { return inbox_page(*self, req); });
    r.get("/college/inbox/{id}", AccessRule::roles(accounts::college_partner), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto p = TRY(portfolio_for_partner(*sql, req.principal.user_id, req.param("id")));
        {
            db::WriteTx tx(*sql);
            audit(*sql, p.id, req.principal.user_id, "viewed", "", college_now());
            tx.commit();
        }
        return portfolio_page(*self, req, *sql, p, "", {}, 200);
    });
    r.get("/college/inbox/{id}/clr.json", AccessRule::roles(accounts::college_partner), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto p = TRY(portfolio_for_partner(*sql, req.principal.user_id, req.param("id")));
        {
            db::WriteTx tx(*sql);
            audit(*sql, p.id, req.principal.user_id, "clr_downloaded", "", college_now());
            tx.commit();
        }
        Response res;
        res.body = p.clr.dump(2);
        res.header("Content-Type", "application/ld+json");
        res.header("Cache-Control", "private, no-store");
        res.header("Content-Disposition", "attachment; filename=\"learner-record.json\"");
        return res;
    });
    r.post("/college/inbox/{id}/decisions", AccessRule::roles(accounts::college_partner), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto p = TRY(portfolio_for_partner(*sql, req.principal.user_id, req.param("id")));
        std::vector<RuleIssue> issues;
        auto award = req.form_value("award_id");
        auto done = decide(*sql, req.principal.user_id, p, award, req.form_value("outcome"), req.form_value("semester_hours"),
                           req.form_value("course_equivalent"), req.form_value("reason"), issues);
        if (!done && done.error().code == Errc::bad_input) return portfolio_page(*self, req, *sql, p, award, issues, 422);
        if (!done) return std::unexpected(done.error());
        return Response::redirect("/college/inbox/" + p.id + "?done=decided#credential-" + award);
    });
}

} // namespace mc::pathways
