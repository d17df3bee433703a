// Incentive pages: an educator's estimates with the reasons in words and her applications
// (/incentives); a program director confirms her staff's job, hours and wage (/incentives/staff);
// agency staff see each funder's budget, approve or deny, read an application's audit trail and
// export the approved payment lines as CSV (/admin/incentives). Plus the dashboard cards.
#include <ctime>

#include "accounts/employment_store.hpp"
#include "accounts/roles.hpp"
#include "accounts/user_store.hpp"
#include "incentives/web.hpp"
#include "incentives/workflow.hpp"
#include "platform/dates.hpp"
#include "platform/db/database.hpp"

namespace mc::incentives {

using http::AccessRule;
using http::Request;
using http::Response;
using nlohmann::json;

long long now_seconds() { return static_cast<long long>(std::time(nullptr)); }

std::string status_label(const app::App& app, const Request& req, const std::string& status) {
    return app.t(req, "incentives.status." + status);
}

json application_json(const app::App& app, const Request& req, soci::session& sql, const Application& a,
                      const std::vector<RuleSetRecord>& rule_sets) {
    std::string title, slug;
    for (const auto& r : rule_sets)
        if (r.id == a.rule_set_id) {
            title = r.rules.title.in(req.locale);
            slug = r.rules.slug;
        }
    auto educator = accounts::find_user(sql, a.educator_id);
    auto program = accounts::find_organization(sql, a.org_id);
    return {{"id", a.id},
            {"rule_set", slug},
            {"rule_set_title", title},
            {"educator_id", a.educator_id},
            {"educator", educator ? educator->display_name : ""},
            {"program", program ? program->name : ""},
            {"fiscal_year", a.fiscal_year},
            {"status", a.status},
            {"status_label", status_label(app, req, a.status)},
            {"amount_cents", a.amount_cents},
            {"amount", money(a.amount_cents)},
            {"applied_on", day_of(a.applied_at)},
            {"reasons", reasons_in(app.catalog, a.estimate, req.locale)},
            {"decision_note", a.decision_note},
            {"is_" + a.status, true}};
}

namespace {

json estimate_json(const app::App& app, const Request& req, const RuleSetRecord& r, const Estimate& e) {
    json installments = json::array();
    for (const auto& i : e.installments)
        installments.push_back({{"number", i.number}, {"amount", money(i.cents)},
                                {"period", app.catalog.format(req.locale, "incentives.pages.period",
                                                              {{"start", i.period_start}, {"end", i.period_end}})}});
    auto estimate = estimate_to_json(e);
    return {{"slug", r.rules.slug},
            {"title", r.rules.title.in(req.locale)},
            {"funder", r.rules.funder.in(req.locale)},
            {"description", r.rules.description.in(req.locale)},
            {"eligible", e.eligible},
            {"amount", money(e.amount_cents)},
            {"reasons", reasons_in(app.catalog, estimate, req.locale)},
            {"installments", installments},
            {"has_installments", installments.size() > 1}};
}

std::string today() { return day_of(now_seconds()); }

Response mine_page(app::App& app, const Request& req, const std::string& error, int status) {
    auto sql = app.db->lease();
    auto rule_sets = all_rule_sets(*sql);
    auto mine = applications_of(*sql, req.principal.user_id);
    json sets = json::array();
    for (const auto& r : rule_sets) {
        auto e = estimate_for(*sql, req.principal.user_id, r, today());
        auto view = estimate_json(app, req, r, e);
        bool standing = false;
        for (const auto& a : mine)
            standing |= a.rule_set_id == r.id && a.status != "denied" &&
                        a.fiscal_year == (e.fiscal_year > 0 ? e.fiscal_year : fiscal_year_of(today(), r.rules.fiscal_year_start_month));
        view["can_apply"] = e.eligible && !standing;
        view["applied"] = standing;
        sets.push_back(std::move(view));
    }
    json apps = json::array();
    for (const auto& a : mine) apps.push_back(application_json(app, req, *sql, a, rule_sets));
    json ctx{{"title_key", "incentives.pages.mine.title"},
             {"rule_sets", sets},
             {"applications", apps},
             {"has_applications", !apps.empty()},
             {"error", error},
             {"notice", req.query_value("done") == "applied" ? app.t(req, "incentives.pages.mine.applied") : ""}};
    return app.views->page(req, "incentives/mine", ctx, status);
}

struct ConfirmForm {
    std::string id, hours, wage, error_hours, error_wage, error;
};

Response staff_page(app::App& app, const Request& req, const ConfirmForm& form, int status) {
    auto sql = app.db->lease();
    auto me = accounts::find_user(*sql, req.principal.user_id);
    auto rule_sets = all_rule_sets(*sql);
    json waiting = json::array(), others = json::array(), errors = json::array();
    std::string program;
    if (me && !me->employer_org_id.empty()) {
        if (auto o = accounts::find_organization(*sql, me->employer_org_id)) program = o->name;
        for (const auto& a : applications_at(*sql, me->employer_org_id)) {
            auto view = application_json(app, req, *sql, a, rule_sets);
            if (a.status != "submitted") {
                others.push_back(std::move(view));
                continue;
            }
            auto job = accounts::find_employment(*sql, a.employment_id);
            bool mine = form.id == a.id;
            view["form_hours"] = mine ? form.hours : job ? std::to_string(job->hours_per_week) : "";
            view["form_wage"] = mine ? form.wage : job ? money(job->hourly_wage_cents).substr(1) : "";
            view["error_hours"] = mine ? form.error_hours : "";
            view["error_wage"] = mine ? form.error_wage : "";
            view["job_role"] = job ? app.t(req, "accounts.employment.job_roles." + job->job_role) : "";
            view["started_on"] = job ? job->started_on : "";
            waiting.push_back(std::move(view));
        }
    }
    for (const auto& e : {form.error_hours, form.error_wage, form.error})
        if (!e.empty()) errors.push_back(e);
    json ctx{{"title_key", "incentives.pages.staff.title"},
             {"program", program},
             {"waiting", waiting},
             {"has_waiting", !waiting.empty()},
             {"others", others},
             {"has_others", !others.empty()},
             {"errors", errors},
             {"has_errors", !errors.empty()},
             {"notice", req.query_value("done") == "confirmed" ? app.t(req, "incentives.pages.staff.confirmed") : ""}};
    return app.views->page(req, "incentives/staff", ctx, status);
}

Response admin_page(app::App& app, const Request& req) {
    auto sql = app.db->lease();
    auto rule_sets = all_rule_sets(*sql);
    json budgets = json::array();
    for (const auto& r : rule_sets) {
        long long approved = approved_cents(*sql, r.id);
        budgets.push_back({{"title", r.rules.title.in(req.locale)},
                           {"funder", r.rules.funder.in(req.locale)},
                           {"has_cap", r.rules.budget_cents > 0},
                           {"budget", money(r.rules.budget_cents)},
                           {"approved", money(approved)},
                           {"remaining", money(std::max(0LL, r.rules.budget_cents - approved))}});
    }
    json open = json::array(), decided = json::array();
    for (const auto& a : all_applications(*sql, 200)) {
        auto view = application_json(app, req, *sql, a, rule_sets);
        (a.status == "submitted" || a.status == "confirmed" ? open : decided).push_back(std::move(view));
    }
    auto pending = unexported_lines(*sql);
    long long pending_cents = 0;
    for (const auto& l : pending) pending_cents += l.amount_cents;
    json exports = json::array();
    for (const auto& e : all_exports(*sql)) {
        auto by = accounts::find_user(*sql, e.created_by);
        exports.push_back({{"id", e.id},
                           {"created", moment_of(e.created_at)},
                           {"by", by ? by->display_name : ""},
                           {"summary", app.catalog.format(req.locale, "incentives.pages.admin.export_summary",
                                                          {{"count", std::to_string(e.line_count)},
                                                           {"total", money(e.total_cents)}})}});
    }
    json ctx{{"title_key", "incentives.pages.admin.title"},
             {"budgets", budgets},
             {"open", open},
             {"has_open", !open.empty()},
             {"decided", decided},
             {"has_decided", !decided.empty()},
             {"pending", pending.empty() ? app.t(req, "incentives.pages.admin.pending_none")
                                         : app.catalog.format(req.locale, "incentives.pages.admin.pending",
                                                              {{"count", std::to_string(pending.size())},
                                                               {"total", money(pending_cents)}})},
             {"can_export", !pending.empty()},
             {"exports", exports},
             {"has_exports", !exports.empty()},
             {"notice", req.query_value("done") == "exported" ? app.t(req, "incentives.pages.admin.exported")
                        : req.query_value("done") == "decided" ? app.t(req, "incentives.pages.admin.decided")
                                                               : ""}};
    return app.views->page(req, "incentives/admin", ctx);
}

std::string change_text(const app::App& app, const Request& req, const std::string& field, const json& v) {
    auto show = [&](const json& x) -> std::string {
        if (field.ends_with("_cents") && x.is_number_integer()) return money(x.get<long long>());
        if (field == "status" && x.is_string()) return status_label(app, req, x.get<std::string>());
        if (x.is_string()) return x.get<std::string>();
        if (x.is_boolean()) return app.t(req, x.get<bool>() ? "incentives.pages.yes" : "incentives.pages.no");
        return x.dump();
    };
    std::string label = app.t(req, "incentives.fields." + field);
    if (v.is_object() && v.contains("from") && v.contains("to"))
        return app.catalog.format(req.locale, "incentives.pages.change",
                                  {{"field", label}, {"from", show(v["from"])}, {"to", show(v["to"])}});
    return label + ": " + show(v);
}

Result<Response> application_page(app::App& app, const Request& req, const std::string& id, const std::string& error,
                                  int status) {
    auto sql = app.db->lease();
    auto a = find_application(*sql, id);
    if (!a) return fail(Errc::not_found, "errors.not_found", "application " + id);
    auto view = application_json(app, req, *sql, *a, all_rule_sets(*sql));
    json trail = json::array();
    for (const auto& e : audit_of(*sql, a->id)) {
        auto who = accounts::find_user(*sql, e.actor_id);
        json changes = json::array();
        if (e.detail.is_object())
            for (const auto& [k, v] : e.detail.items())
                if (!(k == "note" && v.is_string() && v.get<std::string>().empty())) changes.push_back(change_text(app, req, k, v));
        trail.push_back({{"when", moment_of(e.at)},
                         {"who", who ? who->display_name : ""},
                         {"what", app.t(req, "incentives.audit." + e.action)},
                         {"has_changes", !changes.empty()},
                         {"changes", changes}});
    }
    json lines = json::array();
    for (const auto& l : lines_of(*sql, a->id))
        lines.push_back({{"installment", l.installment},
                         {"amount", money(l.amount_cents)},
                         {"period", app.catalog.format(req.locale, "incentives.pages.period",
                                                       {{"start", l.period_start}, {"end", l.period_end}})},
                         {"exported", !l.export_id.empty()}});
    json ctx{{"title_key", "incentives.pages.application.title"},
             {"application", view},
             {"can_decide", a->status == "submitted" || a->status == "confirmed"},
             {"can_approve", a->status == "confirmed"},
             {"audit", trail},
             {"lines", lines},
             {"has_lines", !lines.empty()},
             {"form_note", req.form_value("note")},
             {"error", error}};
    return app.views->page(req, "incentives/application", ctx, status);
}

} // namespace

void install_pages(app::App& app) {
    app::App* self = &app;
    auto& r = app.router;
    r.get("/incentives", AccessRule::roles(accounts::educator), [self](Request& req) { return mine_page(*self, req, "", 200); });
    r.post("/incentives/applications", AccessRule::roles(accounts::educator), [self](Request& req) -> Result<Response> {
        auto slug = req.form_value("rule_set");
        if (slug.empty() || slug.size() > 80) return fail(Errc::bad_input, "errors.not_found", "rule_set");
        Result<std::string> id = fail(Errc::internal, "errors.internal", "");
        {
            auto sql = self->db->lease();
            db::WriteTx tx(*sql);
            id = apply(*sql, req.principal.user_id, slug, today(), now_seconds());
            if (id) tx.commit();
        }
        if (!id && id.error().code == Errc::conflict)
            return mine_page(*self, req, self->t(req, id.error().key), form_status(id.error().code));
        if (!id) return std::unexpected(id.error());
        return Response::redirect("/incentives?done=applied");
    });
    r.get("/incentives/staff", AccessRule::roles(accounts::director),
          [self](Request& req) { return staff_page(*self, req, {}, 200); });
    r.post("/incentives/applications/{id}/confirm", AccessRule::roles(accounts::director), [self](Request& req) -> Result<Response> {
        ConfirmForm form{req.param("id"), req.form_value("hours_per_week"), req.form_value("hourly_wage"), "", "", ""};
        int hours = -1;
        if (!form.hours.empty() && form.hours.size() <= 3 &&
            form.hours.find_first_not_of("0123456789") == std::string::npos)
            hours = std::stoi(form.hours);
        if (hours < 0 || hours > 100) form.error_hours = self->t(req, "incentives.errors.hours");
        auto wage = parse_hourly_wage(form.wage);
        if (!wage) form.error_wage = self->t(req, "incentives.errors.wage");
        if (!form.error_hours.empty() || !form.error_wage.empty()) {
            auto sql = self->db->lease();
            auto a = find_application(*sql, form.id);
            auto me = accounts::find_user(*sql, req.principal.user_id);
            if (!a || !me || me->employer_org_id != a->org_id)
                return fail(Errc::not_found, "errors.not_found", "application " + form.id);
            return staff_page(*self, req, form, form_status(Errc::invalid));
        }
        Result<void> done;
        {
            auto sql = self->db->lease();
            db::WriteTx tx(*sql);
            done = confirm(*sql, req.principal.user_id, form.id, hours, *wage, now_seconds());
            if (done) tx.commit();
        }
        if (!done && done.error().code == Errc::conflict) {
            form.error = self->t(req, done.error().key);
            return staff_page(*self, req, form, form_status(Errc::conflict));
        }
        if (!done) return std::unexpected(done.error());
        return Response::redirect("/incentives/staff?done=confirmed");
    });
    r.get("/admin/incentives", AccessRule::roles(accounts::any_admin), [self](Request& req) { return admin_page(*self, req); });
    r.get("/admin/incentives/applications/{id}", AccessRule::roles(accounts::any_admin),
          [self](Request& req) { return application_page(*self, req, req.param("id"), "", 200); });
    r.post("/admin/incentives/applications/{id}/decision", AccessRule::roles(accounts::any_admin),
           [self](Request& req) -> Result<Response> {
               auto id = req.param("id");
               auto decision = req.form_value("decision");
               if (decision != "approve" && decision != "deny") {
                   {
                       auto sql = self->db->lease();
                       if (!find_application(*sql, id)) return fail(Errc::not_found, "errors.not_found", "application " + id);
                   }
                   return application_page(*self, req, id, self->t(req, "incentives.errors.decision"),
                                           form_status(Errc::invalid));
               }
               Result<void> done;
               {
                   auto sql = self->db->lease();
                   db::WriteTx tx(*sql);
                   done = decide(*sql, req.principal.user_id, id, decision == "approve", req.form_value("note"), now_seconds());
                   if (done) tx.commit();
               }
               if (!done && done.error().code != Errc::not_found && done.error().code != Errc::internal)
                   return application_page(*self, req, id, self->t(req, done.error().key), form_status(done.error().code));
               if (!done) return std::unexpected(done.error());
               return Response::redirect("/admin/incentives?done=decided");
           });
    r.post("/admin/incentives/exports", AccessRule::roles(accounts::any_admin), [self](Request& req) -> Result<Response> {
        std::optional<Export> e;
        {
            auto sql = self->db->lease();
            db::WriteTx tx(*sql);
            e = export_payments(*sql, req.principal.user_id, now_seconds());
            tx.commit();
        }
        return Response::redirect(e ? "/admin/incentives?done=exported#export-" + e->id : "/admin/incentives");
    });
    r.get("/admin/incentives/exports/{id}/payments.csv", AccessRule::roles(accounts::any_admin),
          [self](Request& req) -> Result<Response> {
              auto sql = self->db->lease();
              auto e = find_export(*sql, req.param("id"));
              if (!e) return fail(Errc::not_found, "errors.not_found", "export " + req.param("id"));
              auto res = Response::text(export_csv(*sql, *e), 200, "text/csv; charset=utf-8");
              res.header("Content-Disposition", "attachment; filename=\"incentive-payments-" + day_of(e->created_at) + ".csv\"");
              res.header("Cache-Control", "private, no-store");
              return res;
          });

    app.dashboard_cards.push_back([self](const Request& req) {
        std::vector<app::DashboardCard> cards;
        auto sql = self->db->lease();
        if (req.principal.roles & accounts::educator) {
            long long best = 0;
            for (const auto& r : all_rule_sets(*sql)) {
                auto e = estimate_for(*sql, req.principal.user_id, r, today());
                if (e.eligible) best = std::max(best, e.amount_cents);
            }
            app::DashboardCard card;
            card.heading = self->t(req, "incentives.card.heading");
            card.text = best > 0 ? self->catalog.format(req.locale, "incentives.card.eligible", {{"amount", money(best)}})
                                 : self->t(req, "incentives.card.not_yet");
            card.links.push_back({"/incentives", self->t(req, "incentives.card.open")});
            cards.push_back(std::move(card));
        }
        if (req.principal.roles & accounts::director) {
            auto me = accounts::find_user(*sql, req.principal.user_id);
            int waiting = 0;
            if (me && !me->employer_org_id.empty())
                for (const auto& a : applications_at(*sql, me->employer_org_id)) waiting += a.status == "submitted";
            if (waiting > 0) {
                app::DashboardCard card;
                card.heading = self->t(req, "incentives.card.staff_heading");
                card.text = self->catalog.format(req.locale, "incentives.card.staff_waiting", {{"count", std::to_string(waiting)}});
                card.links.push_back({"/incentives/staff", self->t(req, "incentives.card.staff_open")});
                cards.push_back(std::move(card));
            }
        }
        return cards;
    });
}

} // namespace mc::incentives
