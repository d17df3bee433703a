// /coaching: a coach's referred educators; /coaching/{id}: one educator's attempts with the
// assessors' per-criterion feedback (never the evidence), the session log and its form, and
// closing; /admin/coaching: every referral for admins.
#include <set>

#include "accounts/roles.hpp"
#include "assessment/assessment_store.hpp"
#include "assessment/coaching/referrals.hpp"
#include "assessment/coaching/web.hpp"
#include "assessment/web_support.hpp"
#include "assessment/workflow.hpp"
#include "catalog/version_store.hpp"
#include "evidence/submission_store.hpp"
#include "platform/db/database.hpp"

namespace mc::assessment::coaching {

using http::AccessRule;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

const char* kModes[] = {"in_person", "phone", "video"};

std::string mode_text(const app::App& app, const Request& req, const std::string& mode) {
    if (mode == "phone") return app.t(req, "coaching.mode.phone");
    if (mode == "video") return app.t(req, "coaching.mode.video");
    return app.t(req, "coaching.mode.in_person");
}

std::string name_of(soci::session& sql, const std::string& id) {
    auto u = id.empty() ? std::nullopt : load_user(sql, id);
    return u ? u->display_name : "";
}

std::string enrollment_version(soci::session& sql, const std::string& enrollment_id) {
    return evidence::enrollment_version(sql, enrollment_id);
}

// The coach sees their own; admins see all; anyone else learns nothing.
Result<Referral> visible_referral(soci::session& sql, const Request& req) {
    auto r = TRY(load_referral(sql, req.param("id")));
    bool mine = !r.coach_id.empty() && r.coach_id == req.principal.user_id;
    if (!mine && !is_admin(req.principal)) return fail(Errc::not_found, "errors.not_found", "not this coach's");
    return r;
}

json referral_rows(const app::App& app, const Request& req, soci::session& sql, const std::vector<Referral>& list) {
    auto rows = json::array();
    for (const auto& r : list)
        rows.push_back({{"id", r.id},
                        {"educator", name_of(sql, r.educator_id)},
                        {"coach", r.coach_id.empty() ? app.t(req, "coaching.list.no_coach") : name_of(sql, r.coach_id)},
                        {"title", version_title(sql, enrollment_version(sql, r.enrollment_id), req.locale)},
                        {"open", r.status == "open"},
                        {"status", app.t(req, r.status == "open" ? "coaching.status.open" : "coaching.status.closed")},
                        {"since", format_date(r.created_at)},
                        {"sessions", sessions_of(sql, r.id).size()}});
    return rows;
}

// Each decided attempt's outcome and per-criterion levels and feedback; no evidence at all.
json attempts_view(const app::App& app, const Request& req, soci::session& sql, const Referral& r,
                   std::vector<std::pair<std::string, std::string>>& criteria) {
    auto out = json::array();
    std::set<std::string> seen;
    for (const auto& s : attempts_of(sql, r.enrollment_id)) {
        auto d = decision_for(sql, s.id);
        if (!d) continue;
        auto version = catalog::load_version(sql, s.version_id);
        if (!version) continue;
        for (const auto& c : version->content.rubric.criteria)
            if (seen.insert(c.id).second) criteria.emplace_back(c.id, c.title.in(req.locale));
        std::vector<Score> scores;
        if (!d->assignment_id.empty()) scores = load_scores(sql, d->assignment_id);
        out.push_back({{"attempt", s.attempt},
                       {"outcome", app.t(req, d->outcome == "demonstrated" ? "assessment.outcome.demonstrated"
                                                                          : "assessment.outcome.not_yet")},
                       {"decided_on", format_date(d->decided_at)},
                       {"summary", d->summary},
                       {"criteria", rubric_view(app, req, version->content, scores, {})}});
    }
    return out;
}

Result<Response> detail_page(app::App& app, Request& req, const std::vector<FieldError>& errors, int status) {
    auto sql = app.db->lease();
    auto r = TRY(visible_referral(*sql, req));
    std::vector<std::pair<std::string, std::string>> criteria;
    auto attempts = attempts_view(app, req, *sql, r, criteria);
    std::map<std::string, std::string> titles(criteria.begin(), criteria.end());
    auto sessions = json::array();
    for (const auto& s : sessions_of(*sql, r.id)) {
        std::string focus;
        for (const auto& f : s.focus) focus += (focus.empty() ? "" : ", ") + (titles.contains(f) ? titles[f] : f);
        sessions.push_back({{"held_on", s.held_on}, {"minutes", s.minutes}, {"mode", mode_text(app, req, s.mode)},
                            {"focus", focus}, {"notes", s.notes}, {"has_notes", !s.notes.empty()}});
    }
    std::set<std::string> chosen;
    for (const auto& v : req.form_values("focus")) chosen.insert(v);
    auto focus_options = json::array();
    for (const auto& [id, title] : criteria)
        focus_options.push_back({{"id", id}, {"title", title}, {"checked", chosen.contains(id)}});
    auto modes = json::array();
    for (const char* m : kModes)
        modes.push_back({{"value", m}, {"label", mode_text(app, req, m)}, {"selected", req.form_value("mode") == m}});
    auto messages = error_messages(app, req, errors);
    json field_error = json::object();
    for (const auto& e : errors) field_error[e.field] = app.t(req, e.key);
    bool coach = r.coach_id == req.principal.user_id;
    auto title = version_title(*sql, enrollment_version(*sql, r.enrollment_id), req.locale);
    json ctx{{"title", app.catalog.format(req.locale, "coaching.detail.title", {{"educator", name_of(*sql, r.educator_id)}})},
             {"id", r.id},
             {"educator", name_of(*sql, r.educator_id)},
             {"micro_credential", title},
             {"since", format_date(r.created_at)},
             {"open", r.status == "open"},
             {"status", app.t(req, r.status == "open" ? "coaching.status.open" : "coaching.status.closed")},
             {"attempts", attempts},
             {"sessions", sessions},
             {"has_sessions", !sessions.empty()},
             {"can_log", coach && r.status == "open"},
             {"can_close", r.status == "open" && (coach || is_admin(req.principal))},
             {"focus_options", focus_options},
             {"modes", modes},
             {"held_on", req.form_value("held_on")},
             {"minutes", req.form_value("minutes")},
             {"notes", req.form_value("notes")},
             {"errors", messages},
             {"field_error", field_error},
             {"done", req.query_value("done") == "logged" ? app.t(req, "coaching.done.logged")
                      : req.query_value("done") == "closed" ? app.t(req, "coaching.done.closed") : ""}};
    return app.views->page(req, "coaching/referral", ctx, status);
}

} // namespace

json coach_box(const app::App& app, const Request& req, soci::session& sql, const std::string& enrollment_id) {
    auto r = referral_of_enrollment(sql, enrollment_id);
    if (!r || r->status != "open" || r->coach_id.empty()) return nullptr;
    auto coach = load_user(sql, r->coach_id);
    if (!coach) return nullptr;
    return {{"text", app.catalog.format(req.locale, "coaching.educator.your_coach", {{"coach", coach->display_name}})}};
}

void install_coaching_pages(app::App& app) {
    app::App* self = &app;

    app.router.get("/coaching", AccessRule::roles(accounts::coach), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto rows = referral_rows(*self, req, *sql, list_referrals(*sql, req.principal.user_id));
        return self->views->page(req, "coaching/referrals",
                                 {{"title_key", "coaching.list.title"}, {"items", rows}, {"empty", rows.empty()}});
    });

    app.router.get("/admin/coaching", AccessRule::roles(accounts::any_admin), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto rows = referral_rows(*self, req, *sql, list_referrals(*sql, ""));
        return self->views->page(req, "coaching/referrals", {{"title_key", "coaching.list.admin_title"}, {"items", rows},
                                                             {"empty", rows.empty()}, {"admin", true}});
    });

    app.router.get("/coaching/{id}", AccessRule::roles(accounts::coach | accounts::any_admin),
                   [self](Request& req) -> Result<Response> { return detail_page(*self, req, {}, 200); });

    app.router.post("/coaching/{id}/sessions", AccessRule::roles(accounts::coach), [self](Request& req) -> Result<Response> {
        std::vector<FieldError> errors;
        Result<std::string> logged;
        {
            auto sql = self->db->lease();
            auto r = TRY(visible_referral(*sql, req));
            std::vector<std::string> criterion_ids;
            for (const auto& s : attempts_of(*sql, r.enrollment_id))
                if (auto v = catalog::load_version(*sql, s.version_id))
                    for (const auto& c : v->content.rubric.criteria) criterion_ids.push_back(c.id);
            SessionInput in{req.form_value("held_on"), req.form_value("minutes"), req.form_value("mode"),
                            req.form_value("notes"), req.form_values("focus")};
            db::WriteTx tx(*sql);
            logged = log_session(*sql, r.id, req.principal.user_id, in, criterion_ids, errors);
            if (logged) tx.commit();
        }
        if (logged) return Response::redirect("/coaching/" + req.param("id") + "?done=logged");
        if (logged.error().code == Errc::not_found) return std::unexpected(logged.error());
        if (errors.empty()) errors.push_back({"form", logged.error().key});
        return detail_page(*self, req, errors, form_status(logged.error().code));
    });

    app.router.post("/coaching/{id}/close", AccessRule::roles(accounts::coach | accounts::any_admin),
                    [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto r = TRY(visible_referral(*sql, req));
        db::WriteTx tx(*sql);
        TRY(close_referral(*self, *sql, r.id, req.principal.user_id));
        tx.commit();
        return Response::redirect("/coaching/" + r.id + "?done=closed");
    });
}

} // namespace mc::assessment::coaching
