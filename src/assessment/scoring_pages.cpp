// /assess: an assessor's assignments; /assess/{id}: the evidence and the rubric, draft scores
// and the decision. Blind review: nothing on these pages names the educator or their employer.
#include "accounts/roles.hpp"
#include "assessment/assessment_store.hpp"
#include "assessment/evidence_source.hpp"
#include "assessment/web.hpp"
#include "assessment/web_support.hpp"
#include "assessment/workflow.hpp"
#include "catalog/version_store.hpp"

namespace mc::assessment {

using http::AccessRule;
using http::Request;
using http::Response;

namespace {

constexpr std::uint32_t kScorers = accounts::assessor | accounts::any_admin;

// The assigned assessor, or an admin (read-only). Anyone else learns nothing: 404.
Result<AssignmentRecord> visible_assignment(soci::session& sql, const Request& req) {
    auto a = TRY(load_assignment(sql, req.param("id")));
    bool mine = a.assessor_id == req.principal.user_id && a.status != "released";
    if (!mine && !is_admin(req.principal)) return fail(Errc::not_found, "errors.not_found", "not this assessor's");
    return a;
}

Result<Response> scoring_page(app::App& app, Request& req, const AssignmentRecord& a, const std::vector<Score>& scores,
                              const std::vector<FieldError>& errors, const std::string& summary,
                              const std::vector<std::string>& extra_errors, int status) {
    auto sql = app.db->lease();
    auto version = TRY(catalog::load_version(*sql, a.submission.version_id));
    auto messages = error_messages(app, req, errors);
    for (const auto& e : extra_errors) messages.push_back(e);
    bool can_score = a.assessor_id == req.principal.user_id && a.status == "assigned";
    nlohmann::json ctx{
        {"title", app.catalog.format(req.locale, "assessment.score.title",
                                     {{"micro_credential", version.content.title.in(req.locale)}})},
        {"id", a.id},
        {"micro_credential", version.content.title.in(req.locale)},
        {"attempt", a.submission.attempt},
        {"language", app.t(req, "assessment.languages." + a.submission.evidence_language)},
        {"evidence_lang", a.submission.evidence_language},
        {"submitted_on", format_date(a.submission.submitted_at)},
        {"parts", evidence_parts(*sql, version.content, a.submission.id, req.locale)},
        {"criteria", rubric_view(app, req, version.content, scores, errors)},
        {"errors", messages},
        {"summary", summary},
        {"can_score", can_score},
        {"completed", a.status == "completed"},
        {"result_url", "/submissions/" + a.submission.id + "/result"},
        {"done", done_notice(app, req)}};
    return app.views->page(req, "assessment/score", ctx, status);
}

nlohmann::json assignment_rows(app::App& app, const Request& req, soci::session& sql,
                               const std::vector<AssignmentRecord>& list, bool open) {
    auto rows = nlohmann::json::array();
    for (const auto& a : list) {
        if ((a.status == "assigned") != open) continue;
        auto decision = open ? std::nullopt : decision_for(sql, a.submission.id);
        rows.push_back({{"id", a.id},
                        {"title", version_title(sql, a.submission.version_id, req.locale)},
                        {"attempt", a.submission.attempt},
                        {"language", app.t(req, "assessment.languages." + a.submission.evidence_language)},
                        {"assigned_on", format_date(a.assigned_at)},
                        {"age_days", age_in_days(a.assigned_at)},
                        {"completed_on", format_date(a.completed_at)},
                        {"outcome", decision ? app.t(req, "assessment.outcome." + decision->outcome) : ""}});
    }
    return rows;
}

} // namespace

void install_scoring_pages(app::App& app) {
    app::App* self = &app;

    app.router.get("/assess", AccessRule::roles(accounts::assessor), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto list = assignments_of(*sql, req.principal.user_id);
        auto open = assignment_rows(*self, req, *sql, list, true);
        auto done = assignment_rows(*self, req, *sql, list, false);
        nlohmann::json ctx{{"title_key", "assessment.mine.title"}, {"open", open}, {"completed", done},
                           {"has_open", !open.empty()}, {"has_completed", !done.empty()}};
        return self->views->page(req, "assessment/mine", ctx);
    });

    app.router.get("/assess/{id}", AccessRule::roles(kScorers), [self](Request& req) -> Result<Response> {
        AssignmentRecord a;
        std::vector<Score> scores;
        {
            auto sql = self->db->lease();
            a = TRY(visible_assignment(*sql, req));
            scores = load_scores(*sql, a.id);
        }
        std::string summary;
        if (a.status == "completed") {
            auto sql = self->db->lease();
            if (auto d = decision_for(*sql, a.submission.id)) summary = d->summary;
        }
        return scoring_page(*self, req, a, scores, {}, summary, {}, 200);
    });

    // Draft scores: the Save button and htmx autosave. Only the assigned assessor, only while open.
    app.router.post("/assess/{id}/scores", AccessRule::roles(accounts::assessor), [self](Request& req) -> Result<Response> {
        AssignmentRecord a;
        std::vector<Score> scores;
        std::vector<FieldError> errors;
        {
            auto sql = self->db->lease();
            a = TRY(visible_assignment(*sql, req));
            if (a.assessor_id != req.principal.user_id) return fail(Errc::not_found, "errors.not_found", "not assessor");
            if (a.status != "assigned") return fail(Errc::conflict, "assessment.errors.not_open", a.status);
            auto version = TRY(catalog::load_version(*sql, a.submission.version_id));
            scores = scores_from_form(req, version.content.rubric);
            errors = validate_draft(version.content.rubric, scores);
            if (errors.empty()) {
                db::WriteTx tx(*sql);
                save_scores(*sql, a.id, scores);
                tx.commit();
            }
        }
        if (req.is_htmx()) {
            auto key = errors.empty() ? "assessment.score.autosaved" : "assessment.errors.check_scores";
            return self->views->fragment(req, "assessment/save_status",
                                         {{"message", self->t(req, key)}, {"ok", errors.empty()}});
        }
        if (!errors.empty()) return scoring_page(*self, req, a, scores, errors, req.form_value("summary"), {}, 422);
        return Response::redirect("/assess/" + a.id + "?done=saved");
    });

    app.router.post("/assess/{id}/decision", AccessRule::roles(accounts::assessor), [self](Request& req) -> Result<Response> {
        AssignmentRecord a;
        DecisionInput input;
        std::vector<FieldError> errors;
        Result<std::string> decided;
        {
            auto sql = self->db->lease();
            a = TRY(visible_assignment(*sql, req));
            auto version = TRY(catalog::load_version(*sql, a.submission.version_id));
            input.scores = scores_from_form(req, version.content.rubric);
            input.summary = req.form_value("summary");
            auto outcome = outcome_from(req.form_value("outcome"));
            if (!outcome) {
                errors.push_back({"outcome", "assessment.errors.choose_outcome"});
                decided = fail(Errc::bad_input, "assessment.errors.choose_outcome");
            } else {
                input.outcome = *outcome;
                db::WriteTx tx(*sql);
                decided = decide(*self, *sql, a.id, req.principal.user_id, input, errors);
                if (decided) tx.commit();
            }
        }
        if (decided) return Response::redirect("/assess/" + a.id + "?done=decided");
        const auto& e = decided.error();
        if (e.code == Errc::not_found) return std::unexpected(e);
        // Refused: nothing was saved. Show the page again with what the assessor entered.
        std::vector<std::string> extra;
        if (errors.empty()) extra.push_back(self->t(req, e.key));
        auto shown = input.scores;
        {
            auto sql = self->db->lease();
            for (const auto& s : load_scores(*sql, a.id)) {
                bool posted = false;
                for (const auto& p : shown) posted = posted || p.criterion_id == s.criterion_id;
                if (!posted) shown.push_back(s);
            }
        }
        int status = e.code == Errc::bad_input ? 422 : http_status(e.code);
        return scoring_page(*self, req, a, shown, errors, input.summary, extra, status);
    });
}

} // namespace mc::assessment
