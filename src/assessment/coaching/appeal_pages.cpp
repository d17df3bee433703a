// Appeals through the pages: the educator's form (/submissions/{id}/appeal), the lead's list and
// review (/appeals, /appeals/{id}) and the admins' overview (/admin/appeals).
#include "accounts/roles.hpp"
#include "assessment/assessment_store.hpp"
#include "assessment/coaching/appeals.hpp"
#include "assessment/coaching/rules.hpp"
#include "assessment/coaching/settings_store.hpp"
#include "assessment/coaching/web.hpp"
#include "assessment/web_support.hpp"
#include "assessment/workflow.hpp"
#include "catalog/version_store.hpp"
#include "evidence/evidence_view.hpp"
#include "platform/db/database.hpp"

namespace mc::assessment::coaching {

using http::AccessRule;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

const char* status_key(const std::string& s) {
    if (s == "upheld") return "appeals.status.upheld";
    if (s == "overturned") return "appeals.status.overturned";
    return "appeals.status.open";
}

std::string done_text(const app::App& app, const Request& req) {
    auto done = req.query_value("done");
    if (done == "filed") return app.t(req, "appeals.done.filed");
    if (done == "upheld") return app.t(req, "appeals.done.upheld");
    if (done == "overturned") return app.t(req, "appeals.done.overturned");
    return "";
}

std::string name_of(soci::session& sql, const std::string& user_id) {
    if (user_id.empty()) return "";
    auto u = load_user(sql, user_id);
    return u ? u->display_name : "";
}

Result<Response> educator_page(app::App& app, Request& req, const std::string& submission_id, const std::string& reason,
                               const std::string& error, int status) {
    auto sql = app.db->lease();
    auto sub = TRY(load_submission(*sql, submission_id));
    if (sub.educator_id != req.principal.user_id) return fail(Errc::not_found, "errors.not_found", "not theirs");
    auto title = version_title(*sql, sub.version_id, req.locale);
    json ctx{{"title", app.catalog.format(req.locale, "appeals.educator.title", {{"micro_credential", title}})},
             {"micro_credential", title},
             {"submission_id", sub.id},
             {"result_url", "/submissions/" + sub.id + "/result"},
             {"reason", reason},
             {"error", error},
             {"done", done_text(app, req)},
             {"max", kMaxAppealText}};
    if (auto a = appeal_of_submission(*sql, sub.id)) {
        ctx["appeal"] = {{"status", app.t(req, status_key(a->status))},
                         {"open", a->status == "open"},
                         {"reason", a->reason},
                         {"response", a->response},
                         {"has_response", !a->response.empty()},
                         {"filed_on", format_date(a->filed_at)},
                         {"overturned", a->status == "overturned"}};
    } else {
        auto refusal = appeal_refusal(*sql, sub.id, req.principal.user_id, now_seconds());
        if (refusal.empty()) {
            auto d = decision_for(*sql, sub.id);
            ctx["can_appeal"] = true;
            ctx["deadline"] = format_date(d->decided_at + load_times(*sql).appeal_window_days * kDay);
        } else {
            ctx["refusal"] = app.t(req, refusal);
        }
    }
    return app.views->page(req, "coaching/appeal_educator", ctx, status);
}

// The reviewer (may act) or an admin (reads); anyone else gets 404.
Result<Appeal> visible_appeal(soci::session& sql, const Request& req) {
    auto a = TRY(load_appeal(sql, req.param("id")));
    bool reviewer = !a.reviewer_id.empty() && a.reviewer_id == req.principal.user_id;
    if (!reviewer && !is_admin(req.principal)) return fail(Errc::not_found, "errors.not_found", "not the reviewer");
    return a;
}

Result<Response> review_page(app::App& app, Request& req, const Appeal& a, const std::vector<Score>& scores,
                             const std::vector<FieldError>& errors, const std::string& response,
                             const std::vector<std::string>& extra, int status) {
    auto sql = app.db->lease();
    auto sub = TRY(load_submission(*sql, a.submission_id));
    auto version = TRY(catalog::load_version(*sql, sub.version_id));
    std::vector<Score> original;
    if (!a.original_assignment_id.empty()) original = load_scores(*sql, a.original_assignment_id);
    auto messages = error_messages(app, req, errors);
    for (const auto& e : extra) messages.push_back(e);
    std::string response_error;
    for (const auto& e : errors)
        if (e.field == "response") response_error = app.t(req, e.key);
    bool can_act = a.status == "open" && a.reviewer_id == req.principal.user_id;
    auto title = version.content.title.in(req.locale);
    // The evidence policy (evidence/access.hpp): the reviewing lead while the appeal is open;
    // administrators reading the appeal never.
    auto parts = TRY(evidence::evidence_parts_for(*sql, sub.id, req.locale, req.principal.user_id, req.principal.roles,
                                                  "appeal_review"));
    json ctx{{"title", app.catalog.format(req.locale, "appeals.review.title", {{"micro_credential", title}})},
             {"id", a.id},
             {"micro_credential", title},
             {"attempt", sub.attempt},
             {"evidence_lang", sub.evidence_language},
             {"status", app.t(req, status_key(a.status))},
             {"reason", a.reason},
             {"filed_on", format_date(a.filed_at)},
             {"original_outcome", app.t(req, a.original_outcome == "demonstrated" ? "assessment.outcome.demonstrated"
                                                                                  : "assessment.outcome.not_yet")},
             {"original", rubric_view(app, req, version.content, original, {})},
             {"sees_evidence", !parts.empty()},
             {"parts", parts},
             {"criteria", rubric_view(app, req, version.content, scores, errors)},
             {"response", response.empty() ? a.response : response},
             {"response_error", response_error},
             {"errors", messages},
             {"can_act", can_act},
             {"done", done_text(app, req)}};
    return app.views->page(req, "coaching/appeal_review", ctx, status);
}

json appeal_rows(const app::App& app, const Request& req, soci::session& sql, const std::vector<Appeal>& list) {
    auto rows = json::array();
    for (const auto& a : list) {
        auto sub = load_submission(sql, a.submission_id);
        rows.push_back({{"id", a.id},
                        {"title", sub ? version_title(sql, sub->version_id, req.locale) : ""},
                        {"status", app.t(req, status_key(a.status))},
                        {"open", a.status == "open"},
                        {"filed_on", format_date(a.filed_at)},
                        {"reviewer", a.reviewer_id.empty() ? app.t(req, "appeals.list.no_reviewer")
                                                           : name_of(sql, a.reviewer_id)}});
    }
    return rows;
}

} // namespace

json appeal_box(const app::App& app, const Request& req, soci::session& sql, const std::string& submission_id) {
    auto a = appeal_of_submission(sql, submission_id);
    if (a) return {{"url", "/submissions/" + submission_id + "/appeal"}, {"status", app.t(req, status_key(a->status))}};
    if (!appeal_refusal(sql, submission_id, req.principal.user_id, now_seconds()).empty()) return nullptr;
    return {{"url", "/submissions/" + submission_id + "/appeal"}, {"can_appeal", true}};
}

void install_appeal_pages(app::App& app) {
    app::App* self = &app;

    app.router.get("/submissions/{id}/appeal", AccessRule::signed_in(), [self](Request& req) -> Result<Response> {
        return educator_page(*self, req, req.param("id"), "", "", 200);
    });

    app.router.post("/submissions/{id}/appeal", AccessRule::signed_in(), [self](Request& req) -> Result<Response> {
        auto id = req.param("id");
        auto reason = req.form_value("reason");
        Result<std::string> filed;
        {
            auto sql = self->db->lease();
            db::WriteTx tx(*sql);
            filed = file_appeal(*self, *sql, id, req.principal.user_id, reason, now_seconds());
            if (filed) tx.commit();
        }
        if (filed) return Response::redirect("/submissions/" + id + "/appeal?done=filed");
        const auto& e = filed.error();
        if (e.code == Errc::not_found) return std::unexpected(e);
        return educator_page(*self, req, id, reason, self->t(req, e.key), form_status(e.code));
    });

    app.router.get("/appeals", AccessRule::roles(accounts::assessor), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto rows = appeal_rows(*self, req, *sql, list_appeals(*sql, req.principal.user_id));
        return self->views->page(req, "coaching/appeal_list",
                                 {{"title_key", "appeals.list.title"}, {"items", rows}, {"empty", rows.empty()}});
    });

    app.router.get("/admin/appeals", AccessRule::roles(accounts::any_admin), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto rows = appeal_rows(*self, req, *sql, list_appeals(*sql, ""));
        return self->views->page(req, "coaching/appeal_list", {{"title_key", "appeals.list.admin_title"},
                                                                {"items", rows}, {"empty", rows.empty()}, {"admin", true}});
    });

    app.router.get("/appeals/{id}", AccessRule::roles(accounts::assessor | accounts::any_admin),
                   [self](Request& req) -> Result<Response> {
        Appeal a;
        std::vector<Score> scores;
        {
            auto sql = self->db->lease();
            a = TRY(visible_appeal(*sql, req));
            // Start the lead from the original scores: overturning usually changes a few levels.
            if (!a.original_assignment_id.empty()) scores = load_scores(*sql, a.original_assignment_id);
        }
        return review_page(*self, req, a, scores, {}, "", {}, 200);
    });

    auto act = [self](Request& req, bool overturn) -> Result<Response> {
        Appeal a;
        std::vector<Score> scores;
        std::vector<FieldError> errors;
        Result<void> r;
        auto response = req.form_value("response");
        {
            auto sql = self->db->lease();
            a = TRY(load_appeal(*sql, req.param("id")));
            if (a.reviewer_id != req.principal.user_id) return fail(Errc::not_found, "errors.not_found", "not reviewer");
            auto sub = TRY(load_submission(*sql, a.submission_id));
            auto version = TRY(catalog::load_version(*sql, sub.version_id));
            scores = scores_from_form(req, version.content.rubric);
            db::WriteTx tx(*sql);
            r = overturn ? overturn_appeal(*self, *sql, a.id, req.principal.user_id, scores, response, errors)
                         : uphold_appeal(*self, *sql, a.id, req.principal.user_id, response, errors);
            if (r) tx.commit();
        }
        if (r) return Response::redirect("/appeals/" + a.id + "?done=" + (overturn ? "overturned" : "upheld"));
        const auto& e = r.error();
        if (e.code == Errc::not_found) return std::unexpected(e);
        std::vector<std::string> extra;
        if (errors.empty()) extra.push_back(self->t(req, e.key));
        return review_page(*self, req, a, scores, errors, response, extra, form_status(e.code));
    };
    app.router.post("/appeals/{id}/uphold", AccessRule::roles(accounts::assessor),
                    [act](Request& req) { return act(req, false); });
    app.router.post("/appeals/{id}/overturn", AccessRule::roles(accounts::assessor),
                    [act](Request& req) { return act(req, true); });
}

} // namespace mc::assessment::coaching
