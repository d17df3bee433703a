// The assessor lifecycle's pages: apply (/assessors/apply), training (/assessors/training),
// earnings (/assessors/earnings); for admins, screening and standing (/admin/assessors) and
// honoraria (/admin/honoraria, CSV). Forms post with the CSRF field; every value is escaped.
#include "accounts/roles.hpp"
#include "accounts/user_store.hpp"
#include "assessment/assessment_store.hpp"
#include "assessment/assessors/web.hpp"
#include "assessment/calibration.hpp"
#include "assessment/web_support.hpp"
#include "platform/db/database.hpp"

namespace mc::assessment::assessors {

using http::AccessRule;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

json done_notice(const app::App& app, const Request& req) {
    static const char* allowed[] = {"applied", "approved", "rejected", "paused", "resumed", "retired",
                                    "trained", "paid", "settings_saved"};
    auto done = req.query_value("done");
    for (const char* a : allowed)
        if (done == a) return app.t(req, "assessors.done." + done);
    return nullptr;
}

// Checkbox lists with their labels, checked from `chosen`.
template <class List>
json choices(const app::App& app, const Request& req, const List& all, const std::vector<std::string>& chosen,
             const std::string& prefix) {
    json out = json::array();
    for (auto v : all) {
        std::string value(v);
        out.push_back({{"value", value},
                       {"label", app.t(req, prefix + value)},
                       {"checked", std::find(chosen.begin(), chosen.end(), value) != chosen.end()}});
    }
    return out;
}

json labels(const app::App& app, const Request& req, const std::vector<std::string>& values, const std::string& prefix) {
    std::string out;
    for (const auto& v : values) out += (out.empty() ? "" : ", ") + app.t(req, prefix + v);
    return out;
}

std::string standing_label(const app::App& app, const Request& req, const std::string& standing) {
    return app.t(req, "assessors.standing." + (standing.empty() ? std::string("pending") : standing));
}

Response apply_page(app::App& app, Request& req, const Application& input, const std::vector<FieldError>& errors,
                    const std::vector<std::string>& top, int status) {
    auto sql = app.db->lease();
    auto last = latest_application(*sql, req.principal.user_id);
    std::string employer;
    if (auto me = accounts::find_user(*sql, req.principal.user_id); me && !me->employer_org_id.empty())
        if (auto org = accounts::find_organization(*sql, me->employer_org_id)) employer = org->name;
    json ctx{{"title_key", "assessors.apply.title"},
             {"done", done_notice(app, req)},
             {"employer", employer},
             {"has_employer", !employer.empty()},
             {"qualifications", input.qualifications},
             {"years_experience", input.years_experience >= 0 ? std::to_string(input.years_experience) : ""},
             {"relationships", input.relationships},
             {"related_emails", join_list(input.related_emails, '\n')},
             {"languages", choices(app, req, kLanguages, input.languages, "assessors.languages.")},
             {"settings", choices(app, req, kSettings, input.settings, "assessors.settings.")},
             {"errors", json::array()}};
    auto msgs = error_messages(app, req, errors);
    for (const auto& t : top) msgs.push_back(t);
    ctx["errors"] = msgs;
    ctx["has_errors"] = !msgs.empty();
    json fe = json::object();
    for (const auto& e : errors)
        if (!fe.contains(e.field)) fe[e.field] = app.t(req, e.key);
    ctx["field_errors"] = fe;
    bool can_apply = !last || last->status == "rejected";
    ctx["can_apply"] = can_apply;
    if (last)
        ctx["application"] = {{"status", standing_label(app, req, last->standing)},
                              {"submitted_on", format_date(last->created_at)},
                              {"rejected", last->status == "rejected"},
                              {"approved", last->status == "approved"},
                              {"reason", last->reason}};
    return app.views->page(req, "assessors/apply", ctx, status);
}

json application_view(const app::App& app, const Request& req, const ApplicationRecord& a) {
    json related = json::array();
    for (const auto& r : a.related) related.push_back({{"name", r.name}, {"email", r.email}});
    return {{"id", a.id},
            {"name", a.name},
            {"email", a.email},
            {"employer", a.employer.empty() ? app.t(req, "assessors.admin.no_employer") : a.employer},
            {"qualifications", a.qualifications},
            {"years_experience", a.years_experience},
            {"languages", labels(app, req, a.languages, "assessors.languages.")},
            {"settings", labels(app, req, a.settings, "assessors.settings.")},
            {"relationships", a.relationships},
            {"related", related},
            {"has_related", !related.empty()},
            {"standing", standing_label(app, req, a.standing)},
            {"standing_name", a.standing},
            {"pending", a.status == "pending"},
            {"approved", a.status == "approved"},
            {"active", a.standing == "approved"},
            {"paused", a.standing == "paused"},
            {"retired", a.standing == "retired"},
            {"reason", a.reason},
            {"submitted_on", format_date(a.created_at)}};
}

Result<Response> detail_page(app::App& app, Request& req, const std::string& id, const std::vector<std::string>& errors,
                             int status) {
    auto sql = app.db->lease();
    auto a = load_application(*sql, id);
    if (!a) return fail(Errc::not_found, "errors.not_found", "application " + id);
    auto ctx = application_view(app, req, *a);
    ctx["title_key"] = "assessors.admin.detail_title";
    ctx["errors"] = errors;
    ctx["has_errors"] = !errors.empty();
    ctx["done"] = done_notice(app, req);
    if (auto p = load_profile(*sql, a->user_id)) {
        ctx["status_reason"] = p->reason;
        ctx["paused_until"] = p->paused_until ? format_date(p->paused_until) : "";
    }
    ctx["trained"] = is_trained(*sql, a->user_id);
    auto cert = latest_certification(*sql, a->user_id);
    ctx["certified_until"] = cert && cert->expires_at > now_seconds() ? format_date(cert->expires_at) : "";
    return app.views->page(req, "assessors/admin_detail", ctx, status);
}

// A state change from the detail page, in one transaction; failures re-show the page with why.
template <class Step>
Result<Response> change(app::App& app, Request& req, const std::string& id, Step step, const std::string& done) {
    Result<void> r;
    {
        auto sql = app.db->lease();
        auto a = load_application(*sql, id);
        if (!a) return fail(Errc::not_found, "errors.not_found", "application " + id);
        db::WriteTx tx(*sql);
        r = step(*sql, *a);
        if (r) tx.commit();
    }
    if (!r) {
        if (r.error().code == Errc::not_found) return std::unexpected(r.error());
        return detail_page(app, req, id, {app.t(req, r.error().key)}, http_status(r.error().code));
    }
    return Response::redirect("/admin/assessors/" + id + "?done=" + done);
}

Response honoraria_page(app::App& app, Request& req) {
    auto month = month_or_current(req.query_value("month"));
    auto sql = app.db->lease();
    auto rows = honoraria_for_month(*sql, month);
    json items = json::array();
    long long total = 0;
    bool all_paid = true;
    for (const auto& r : rows) {
        items.push_back({{"name", r.name}, {"email", r.email}, {"scorings", r.scorings},
                         {"adjudications", r.adjudications}, {"amount", "$" + dollars(r.amount_cents)},
                         {"paid", app.t(req, r.paid ? "assessors.honoraria.paid_yes" : "assessors.honoraria.paid_no")}});
        total += r.amount_cents;
        all_paid = all_paid && r.paid;
    }
    auto s = load_lifecycle_settings(*sql);
    json ctx{{"title_key", "assessors.honoraria.title"},
             {"month", month},
             {"items", items},
             {"empty", items.empty()},
             {"total", "$" + dollars(total)},
             {"can_pay", !items.empty() && !all_paid},
             {"done", done_notice(app, req)},
             {"scoring_rate", "$" + dollars(s.scoring_cents)},
             {"adjudication_rate", "$" + dollars(s.adjudication_cents)}};
    return app.views->page(req, "assessors/honoraria", ctx);
}

Response admin_list(app::App& app, Request& req, const std::vector<std::string>& errors, int status) {
    std::string filter = req.query_value("status");
    if (std::find(std::begin(kFilters), std::end(kFilters), filter) == std::end(kFilters)) filter.clear();
    auto sql = app.db->lease();
    json rows = json::array();
    for (const auto& a : list_applications(*sql, filter)) rows.push_back(application_view(app, req, a));
    json filters = json::array();
    filters.push_back({{"href", "/admin/assessors"}, {"label", app.t(req, "assessors.admin.filter_all")},
                       {"current", filter.empty()}});
    for (auto f : kFilters)
        filters.push_back({{"href", "/admin/assessors?status=" + std::string(f)},
                           {"label", standing_label(app, req, std::string(f))},
                           {"current", filter == f}});
    json unscreened = json::array();
    for (const auto& u : unscreened_assessors(*sql)) unscreened.push_back({{"name", u.name}, {"email", u.email}});
    auto s = load_lifecycle_settings(*sql);
    json ctx{{"title_key", "assessors.admin.title"}, {"items", rows}, {"empty", rows.empty()}, {"filters", filters},
             {"has_unscreened", !unscreened.empty()}, {"unscreened", unscreened},
             {"done", done_notice(app, req)}, {"errors", errors}, {"has_errors", !errors.empty()},
             {"require_certification", s.require_certification},
             {"scoring_dollars", dollars(s.scoring_cents)}, {"adjudication_dollars", dollars(s.adjudication_cents)}};
    return app.views->page(req, "assessors/admin_list", ctx, status);
}

// "25" or "25.50" -> cents; -1 when it is not an amount.
long long cents_from(const std::string& s) {
    auto dot = s.find('.');
    std::string whole = s.substr(0, dot), frac = dot == std::string::npos ? "" : s.substr(dot + 1);
    if (whole.empty() || whole.size() > 7 || frac.size() > 2) return -1;
    if ((whole + frac).find_first_not_of("0123456789") != std::string::npos) return -1;
    while (frac.size() < 2) frac += '0';
    return std::stoll(whole) * 100 + std::stoll(frac);
}

} // namespace

void install_pages(app::App& app) {
    app::App* self = &app;
    auto admins = AccessRule::roles(accounts::any_admin);
    auto assessor = AccessRule::roles(accounts::assessor);

    app.router.get("/assessors/apply", AccessRule::signed_in(), [self](Request& req) -> Result<Response> {
        return apply_page(*self, req, {}, {}, {}, 200);
    });
    app.router.post("/assessors/apply", AccessRule::signed_in(), [self](Request& req) -> Result<Response> {
        auto input = application_from_form(req);
        std::vector<FieldError> errors;
        Result<std::string> r;
        {
            auto sql = self->db->lease();
            db::WriteTx tx(*sql);
            r = submit_application(*sql, req.principal.user_id, input, errors);
            if (r) tx.commit();
        }
        if (!r) {
            std::vector<std::string> top;
            if (errors.empty()) top.push_back(self->t(req, r.error().key));
            return apply_page(*self, req, input, errors, top, form_status(r.error().code));
        }
        return Response::redirect("/assessors/apply?done=applied");
    });

    app.router.get("/assessors/training", assessor, [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto log = training_log(*sql, req.principal.user_id);
        json modules = json::array();
        for (const auto& m : training_modules()) {
            std::string id(m.id);
            json item{{"id", id}, {"title", self->t(req, "assessors.training." + id + "_title")},
                      {"summary", self->t(req, "assessors.training." + id + "_summary")}, {"done", false}};
            for (const auto& [mod, at] : log)
                if (mod == id) item["done"] = true, item["completed_on"] = format_date(at);
            modules.push_back(item);
        }
        bool trained = is_trained(*sql, req.principal.user_id);
        auto cert = latest_certification(*sql, req.principal.user_id);
        json ctx{{"title_key", "assessors.training.title"}, {"modules", modules}, {"trained", trained},
                 {"done", done_notice(*self, req)},
                 {"certified_until", cert && cert->expires_at > now_seconds() ? format_date(cert->expires_at) : ""}};
        return self->views->page(req, "assessors/training", ctx);
    });
    app.router.post("/assessors/training/{module}", assessor, [self](Request& req) -> Result<Response> {
        if (req.form_value("attest") != "1") return Response::redirect("/assessors/training");
        auto sql = self->db->lease();
        db::WriteTx tx(*sql);
        TRY(attest_training(*sql, req.principal.user_id, req.param("module")));
        tx.commit();
        return Response::redirect("/assessors/training?done=trained#" + req.param("module"));
    });

    app.router.get("/assessors/earnings", assessor, [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        json items = json::array();
        for (const auto& r : earnings_of(*sql, req.principal.user_id))
            items.push_back({{"month", r.month}, {"scorings", r.scorings}, {"adjudications", r.adjudications},
                             {"amount", "$" + dollars(r.amount_cents)},
                             {"paid", self->t(req, r.paid ? "assessors.honoraria.paid_yes" : "assessors.honoraria.paid_no")}});
        json ctx{{"title_key", "assessors.earnings.title"}, {"items", items}, {"empty", items.empty()}};
        return self->views->page(req, "assessors/earnings", ctx);
    });

    app.router.get("/admin/assessors", admins, [self](Request& req) -> Result<Response> {
        return admin_list(*self, req, {}, 200);
    });
    app.router.post("/admin/assessors/settings", admins, [self](Request& req) -> Result<Response> {
        LifecycleSettings s;
        s.require_certification = req.form_value("require_certification") == "1";
        s.scoring_cents = cents_from(req.form_value("scoring_dollars"));
        s.adjudication_cents = cents_from(req.form_value("adjudication_dollars"));
        bool ok = false;
        {
            auto sql = self->db->lease();
            db::WriteTx tx(*sql);
            ok = save_lifecycle_settings(*sql, s, req.principal.user_id);
            if (ok) tx.commit();
        }
        if (!ok) return admin_list(*self, req, {self->t(req, "assessors.errors.amount_range")}, http_status(Errc::invalid));
        return Response::redirect("/admin/assessors?done=settings_saved");
    });
    app.router.get("/admin/assessors/{id}", admins, [self](Request& req) -> Result<Response> {
        return detail_page(*self, req, req.param("id"), {}, 200);
    });
    app.router.post("/admin/assessors/{id}/approve", admins, [self](Request& req) -> Result<Response> {
        return change(*self, req, req.param("id"), [&](soci::session& sql, const ApplicationRecord& a) {
            return approve(*self, sql, a.id, req.principal.user_id);
        }, "approved");
    });
    app.router.post("/admin/assessors/{id}/reject", admins, [self](Request& req) -> Result<Response> {
        auto reason = req.form_value("reason");
        return change(*self, req, req.param("id"), [&](soci::session& sql, const ApplicationRecord& a) {
            return reject(*self, sql, a.id, reason, req.principal.user_id);
        }, "rejected");
    });
    app.router.post("/admin/assessors/{id}/pause", admins, [self](Request& req) -> Result<Response> {
        long long until = date_end(req.form_value("until"));
        auto reason = req.form_value("reason");
        return change(*self, req, req.param("id"), [&](soci::session& sql, const ApplicationRecord& a) -> Result<void> {
            if (until < 0) return fail(Errc::bad_input, "assessors.errors.bad_date", "until");
            return pause(sql, a.user_id, until, reason, req.principal.user_id);
        }, "paused");
    });
    app.router.post("/admin/assessors/{id}/resume", admins, [self](Request& req) -> Result<Response> {
        return change(*self, req, req.param("id"), [&](soci::session& sql, const ApplicationRecord& a) {
            return resume(sql, a.user_id, req.principal.user_id);
        }, "resumed");
    });
    app.router.post("/admin/assessors/{id}/retire", admins, [self](Request& req) -> Result<Response> {
        auto reason = req.form_value("reason");
        return change(*self, req, req.param("id"), [&](soci::session& sql, const ApplicationRecord& a) -> Result<void> {
            TRY(retire(*self, sql, a.user_id, reason, req.principal.user_id));
            return {};
        }, "retired");
    });

    app.router.get("/admin/honoraria", admins, [self](Request& req) -> Result<Response> {
        return honoraria_page(*self, req);
    });
    app.router.get("/admin/honoraria.csv", admins, [self](Request& req) -> Result<Response> {
        auto month = month_or_current(req.query_value("month"));
        auto sql = self->db->lease();
        return Response::text(honoraria_csv(honoraria_for_month(*sql, month)), 200, "text/csv; charset=utf-8")
            .header("Content-Disposition", "attachment; filename=\"honoraria-" + month + ".csv\"");
    });
    app.router.post("/admin/honoraria/paid", admins, [self](Request& req) -> Result<Response> {
        auto month = req.form_value("month");
        if (!is_month(month)) return fail(Errc::bad_input, "assessors.errors.bad_month", "month");
        auto sql = self->db->lease();
        db::WriteTx tx(*sql);
        mark_month_paid(*sql, month, req.principal.user_id);
        tx.commit();
        return Response::redirect("/admin/honoraria?month=" + month + "&done=paid");
    });
}

} // namespace mc::assessment::assessors
