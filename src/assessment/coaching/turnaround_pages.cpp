// /admin/turnaround: the program's turnaround target and appeal window, and per-micro-credential
// turnaround overrides. Program admins only (agency admins read it).
#include "accounts/roles.hpp"
#include "assessment/coaching/rules.hpp"
#include "assessment/coaching/settings_store.hpp"
#include "assessment/coaching/web.hpp"
#include "assessment/workflow.hpp"
#include "catalog/version_store.hpp"
#include "platform/db/database.hpp"

namespace mc::assessment::coaching {

using http::AccessRule;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

Response settings_page(app::App& app, Request& req, const json& fields, const std::vector<std::string>& errors,
                       int status) {
    auto sql = app.db->lease();
    auto times = load_times(*sql);
    auto overrides = load_overrides(*sql);
    auto rows = json::array();
    for (const auto& m : catalog::latest_versions(*sql)) {
        auto it = overrides.find(m.micro_credential_id);
        rows.push_back({{"id", m.micro_credential_id},
                        {"title", version_title(*sql, m.version_id, req.locale)},
                        {"days", it == overrides.end() ? std::string() : std::to_string(it->second)}});
    }
    json ctx{{"title_key", "turnaround.settings.title"},
             {"turnaround_days", fields.value("turnaround_days", std::to_string(times.turnaround_days))},
             {"appeal_window_days", fields.value("appeal_window_days", std::to_string(times.appeal_window_days))},
             {"coach_referral_after", fields.value("coach_referral_after", std::to_string(times.coach_referral_after))},
             {"overrides", rows},
             {"errors", errors},
             {"can_edit", (req.principal.roles & accounts::program_admin) != 0},
             {"saved", req.query_value("done") == "saved"}};
    return app.views->page(req, "coaching/turnaround_settings", ctx, status);
}

} // namespace

void install_turnaround_pages(app::App& app) {
    app::App* self = &app;
    app.router.get("/admin/turnaround", AccessRule::roles(accounts::any_admin), [self](Request& req) -> Result<Response> {
        return settings_page(*self, req, json::object(), {}, 200);
    });

    app.router.post("/admin/turnaround", AccessRule::roles(accounts::program_admin), [self](Request& req) -> Result<Response> {
        ProgramTimes t;
        {
            auto sql = self->db->lease();
            t = load_times(*sql);
        }
        // A field the form did not send keeps its value; one it sent must be a whole number in
        // range (the referral count too: the same parser bounds it).
        auto take = [&](const char* name, int& into) {
            if (req.form_values(name).empty()) return;
            into = parse_days(req.form_value(name));
        };
        take("turnaround_days", t.turnaround_days);
        take("appeal_window_days", t.appeal_window_days);
        take("coach_referral_after", t.coach_referral_after);
        if (t.turnaround_days < 0 || t.appeal_window_days < 0 || t.coach_referral_after < 0)
            return settings_page(*self, req, {{"turnaround_days", req.form_value("turnaround_days")},
                                              {"appeal_window_days", req.form_value("appeal_window_days")},
                                              {"coach_referral_after", req.form_value("coach_referral_after")}},
                                 {self->t(req, "turnaround.errors.days")}, http_status(Errc::invalid));
        auto sql = self->db->lease();
        db::WriteTx tx(*sql);
        save_times(*sql, t, req.principal.user_id);
        tx.commit();
        return Response::redirect("/admin/turnaround?done=saved");
    });

    app.router.post("/admin/turnaround/{mc}", AccessRule::roles(accounts::program_admin), [self](Request& req) -> Result<Response> {
        auto mc = req.param("mc");
        auto text = req.form_value("days");
        int days = text.empty() ? 0 : parse_days(text); // empty: back to the program's target
        if (days < 0) return settings_page(*self, req, json::object(), {self->t(req, "turnaround.errors.days")}, http_status(Errc::invalid));
        auto sql = self->db->lease();
        if (!catalog::micro_credential_exists(*sql, mc)) return fail(Errc::not_found, "errors.not_found", "micro-credential " + mc);
        db::WriteTx tx(*sql);
        save_override(*sql, mc, days, req.principal.user_id);
        tx.commit();
        return Response::redirect("/admin/turnaround?done=saved");
    });
}

} // namespace mc::assessment::coaching
