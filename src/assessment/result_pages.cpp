// /submissions/{id}/result: the decision on one attempt, criterion by criterion, for the
// educator (in their language), with the history of earlier attempts. Admins and the
// assessor who judged it may see it too; anyone else gets 404.
#include "accounts/roles.hpp"
#include "assessment/assessment_store.hpp"
#include "assessment/coaching/web.hpp"
#include "assessment/web.hpp"
#include "assessment/web_support.hpp"
#include "assessment/workflow.hpp"
#include "catalog/version_store.hpp"

namespace mc::assessment {

using http::AccessRule;
using http::Request;
using http::Response;

namespace {

bool may_see_result(soci::session& sql, const Request& req, const SubmissionInfo& s) {
    const auto& me = req.principal.user_id;
    return s.educator_id == me || is_admin(req.principal) || ever_assigned(sql, s.id, me);
}

nlohmann::json attempt_history(app::App& app, const Request& req, soci::session& sql, const SubmissionInfo& current) {
    auto rows = nlohmann::json::array();
    for (const auto& s : attempts_of(sql, current.enrollment_id)) {
        if (s.id == current.id) continue;
        auto d = decision_for(sql, s.id);
        rows.push_back({{"attempt", s.attempt},
                        {"outcome", d ? app.t(req, "assessment.outcome." + d->outcome)
                                      : app.t(req, "assessment.status." + s.status)},
                        {"decided_on", d ? format_date(d->decided_at) : ""},
                        {"url", "/submissions/" + s.id + "/result"}});
    }
    return rows;
}

} // namespace

void install_result_pages(app::App& app) {
    app::App* self = &app;
    app.router.get("/submissions/{id}/result", AccessRule::signed_in(), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto s = TRY(load_submission(*sql, req.param("id")));
        if (!may_see_result(*sql, req, s)) return fail(Errc::not_found, "errors.not_found", "not theirs");
        auto version = TRY(catalog::load_version(*sql, s.version_id));
        auto decision = decision_for(*sql, s.id);
        nlohmann::json ctx{{"title", self->catalog.format(req.locale, "assessment.result.title",
                                                          {{"micro_credential", version.content.title.in(req.locale)}})},
                           {"micro_credential", version.content.title.in(req.locale)},
                           {"attempt", s.attempt},
                           {"submission_url", "/submissions/" + s.id},
                           {"history", attempt_history(*self, req, *sql, s)},
                           {"decided", decision.has_value()}};
        ctx["has_history"] = !ctx["history"].empty();
        if (decision) {
            std::vector<Score> scores;
            if (!decision->assignment_id.empty()) scores = load_scores(*sql, decision->assignment_id);
            ctx["demonstrated"] = decision->outcome == "demonstrated";
            ctx["outcome"] = self->t(req, "assessment.outcome." + decision->outcome);
            ctx["decided_on"] = format_date(decision->decided_at);
            ctx["basis_text"] = decision->basis == "appeal" ? self->t(req, "appeals.basis")
                                                            : self->t(req, "assessment.basis." + decision->basis);
            ctx["summary"] = decision->summary;
            ctx["has_summary"] = !decision->summary.empty(); // mustache treats "" as true
            ctx["criteria"] = rubric_view(*self, req, version.content, scores, {});
            if (s.educator_id == req.principal.user_id) {
                ctx["appeal"] = coaching::appeal_box(*self, req, *sql, s.id);
                ctx["coach"] = coaching::coach_box(*self, req, *sql, s.enrollment_id);
            }
            ctx["passing_label"] = version.content.rubric.levels[static_cast<std::size_t>(
                version.content.rubric.level_rank(version.content.rubric.passing_level))].label.in(req.locale);
        } else {
            ctx["status"] = self->t(req, "assessment.status." + s.status);
        }
        return self->views->page(req, "assessment/result", ctx);
    });
}

} // namespace mc::assessment
