// /assess: an assessor's assignments; /assess/{id}: the evidence and the rubric, draft scores
// and the decision. Blind review: nothing on these pages names the educator or their employer.
#include <algorithm>
#include <cstdio>

#include "accounts/roles.hpp"
#include "assessment/assessment_store.hpp"
#include "assessment/calibration.hpp"
#include "assessment/coaching/completeness.hpp"
#include "assessment/coaching/settings_store.hpp"
#include "assessment/reliability_store.hpp"
#include "assessment/web.hpp"
#include "assessment/web_support.hpp"
#include "assessment/workflow.hpp"
#include "catalog/version_store.hpp"
#include "evidence/evidence_view.hpp"

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

// For a lead's adjudication: both independent score sets, side by side, criterion by criterion.
nlohmann::json scorings_view(app::App& app, const Request& req, soci::session& sql, const catalog::Content& content,
                             const std::string& submission_id) {
    auto out = nlohmann::json::array();
    int n = 0;
    for (const auto& s : active_slots(sql, submission_id)) {
        if (s.kind != "scoring" || s.status != "completed") continue;
        ++n;
        auto criteria = rubric_view(app, req, content, load_scores(sql, s.id), {});
        out.push_back({{"number", n},
                       {"assessor_name", s.assessor_name},
                       {"outcome", s.outcome.empty() ? "" : app.t(req, "assessment.outcome." + s.outcome)},
                       {"summary", s.summary},
                       {"has_summary", !s.summary.empty()},
                       {"criteria", criteria}});
    }
    return out;
}

Result<Response> scoring_page(app::App& app, Request& req, const AssignmentRecord& a, const std::vector<Score>& scores,
                              const std::vector<FieldError>& errors, const std::string& summary,
                              const std::vector<std::string>& extra_errors, int status,
                              const std::string& rationale = "") {
    auto sql = app.db->lease();
    auto version = TRY(catalog::load_version(*sql, a.submission.version_id));
    auto messages = error_messages(app, req, errors);
    for (const auto& e : extra_errors) messages.push_back(e);
    bool can_score = a.assessor_id == req.principal.user_id && a.status == "assigned";
    // Children may be in the evidence: the assessor on it sees it until the decision, an
    // administrator reading the scores never (evidence/access.hpp).
    auto parts = a.assessor_id == req.principal.user_id
                     ? TRY(evidence::evidence_parts_for(*sql, a.submission.id, req.locale, req.principal.user_id,
                                                        req.principal.roles, "scoring_page"))
                     : nlohmann::json::array();
    bool sees_evidence = !parts.empty();
    bool adjudication = a.kind == "adjudication";
    std::string rationale_error;
    for (const auto& e : errors)
        if (e.field == "rationale") rationale_error = app.t(req, e.key);
    nlohmann::json ctx{
        {"title", app.catalog.format(req.locale, "assessment.score.title",
                                     {{"micro_credential", version.content.title.in(req.locale)}})},
        {"id", a.id},
        {"micro_credential", version.content.title.in(req.locale)},
        {"attempt", a.submission.attempt},
        {"language", app.t(req, "assessment.languages." + a.submission.evidence_language)},
        {"evidence_lang", a.submission.evidence_language},
        {"submitted_on", format_date(a.submission.submitted_at)},
        {"parts", parts},
        {"sees_evidence", sees_evidence},
        {"criteria", rubric_view(app, req, version.content, scores, errors)},
        {"errors", messages},
        {"summary", summary},
        {"can_score", can_score},
        {"completed", a.status == "completed" && a.kind != "calibration"},
        {"result_url", "/submissions/" + a.submission.id + "/result"},
        {"adjudication", adjudication},
        {"calibration", a.kind == "calibration"},
        {"rationale", rationale},
        {"rationale_error", rationale_error},
        {"done", done_notice(app, req)}};
    if (adjudication) ctx["scorings"] = scorings_view(app, req, *sql, version.content, a.submission.id);
    ctx["can_return"] = can_score && coaching::may_return(*sql, a.id, req.principal.user_id);
    return app.views->page(req, "assessment/score", ctx, status);
}

// The assessor's certification and calibration rounds, for /assess.
nlohmann::json calibration_view(app::App& app, const Request& req, soci::session& sql, const std::string& me) {
    auto cert = latest_certification(sql, me);
    long long now = now_seconds();
    nlohmann::json rounds = nlohmann::json::array();
    bool open_round = false;
    for (const auto& r : rounds_of(sql, me)) {
        open_round = open_round || r.finished_at == 0;
        char kappa[32] = "";
        if (r.kappa) std::snprintf(kappa, sizeof kappa, "%.2f", *r.kappa + 0.0);
        rounds.push_back({{"started_on", format_date(r.started_at)},
                          {"finished", r.finished_at != 0},
                          {"progress", app.catalog.format(req.locale, "assessment.calibration.progress",
                                                          {{"done", std::to_string(r.done)},
                                                           {"total", std::to_string(r.total)}})},
                          {"kappa", r.kappa ? std::string(kappa) : "—"},
                          {"result", r.finished_at == 0 ? "" : app.t(req, r.passed ? "assessment.calibration.passed"
                                                                                    : "assessment.calibration.not_passed")}});
    }
    std::string status;
    if (!cert) status = app.t(req, "assessment.calibration.never");
    else if (cert->expires_at > now)
        status = app.catalog.format(req.locale, "assessment.calibration.certified_until", {{"date", format_date(cert->expires_at)}});
    else status = app.catalog.format(req.locale, "assessment.calibration.expired_on", {{"date", format_date(cert->expires_at)}});
    return {{"status", status},
            {"certified", cert && cert->expires_at > now},
            {"rounds", rounds},
            {"has_rounds", !rounds.empty()},
            {"can_start", !open_round && !calibration_items(sql).empty()}};
}

nlohmann::json assignment_rows(app::App& app, const Request& req, soci::session& sql,
                               const std::vector<AssignmentRecord>& list, bool open) {
    auto rows = nlohmann::json::array();
    coaching::DueDates due_dates(sql);
    long long now = now_seconds();
    for (const auto& a : list) {
        if ((a.status == "assigned") != open) continue;
        long long due = due_dates.due(a.submission.version_id, a.submission.submitted_at);
        // A calibration scoring never shows the decision: that is the answer being tested.
        auto decision = open || a.kind == "calibration" ? std::nullopt : decision_for(sql, a.submission.id);
        rows.push_back({{"id", a.id},
                        {"adjudication", a.kind == "adjudication"},
                        {"calibration", a.kind == "calibration"},
                        {"waiting", !open && !decision && a.kind != "calibration"},
                        {"title", version_title(sql, a.submission.version_id, req.locale)},
                        {"attempt", a.submission.attempt},
                        {"language", app.t(req, "assessment.languages." + a.submission.evidence_language)},
                        {"assigned_on", format_date(a.assigned_at)},
                        {"age_days", age_in_days(a.assigned_at)},
                        {"completed_on", format_date(a.completed_at)},
                        {"due_at", due},
                        {"due_on", a.kind == "calibration" ? "" : format_date(due)},
                        {"overdue", open && a.kind != "calibration" && now > due},
                        {"outcome", decision ? app.t(req, "assessment.outcome." + decision->outcome) : ""}});
    }
    // Open work: overdue first, then by due date, so the most urgent is at the top.
    if (open)
        std::stable_sort(rows.begin(), rows.end(), [](const nlohmann::json& x, const nlohmann::json& y) {
            if (x["overdue"] != y["overdue"]) return x["overdue"].get<bool>();
            return x["due_at"].get<long long>() < y["due_at"].get<long long>();
        });
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
                           {"has_open", !open.empty()}, {"has_completed", !done.empty()},
                           {"done", done_notice(*self, req)}};
        ctx["calibration"] = calibration_view(*self, req, *sql, req.principal.user_id);
        ctx["lead"] = is_lead(*sql, req.principal.user_id);
        return self->views->page(req, "assessment/mine", ctx);
    });

    app.router.post("/assess/calibration", AccessRule::roles(accounts::assessor), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        db::WriteTx tx(*sql);
        auto round = start_round(*self, *sql, req.principal.user_id);
        if (!round) {
            if (round.error().code == Errc::conflict)
                return Response::redirect("/assess?done=" + std::string(round.error().key == "assessment.errors.round_open"
                                                                            ? "calibration_open" : "calibration_empty"));
            return std::unexpected(round.error());
        }
        tx.commit();
        return Response::redirect("/assess?done=calibration_started");
    });

    app.router.get("/assess/{id}", AccessRule::roles(kScorers), [self](Request& req) -> Result<Response> {
        AssignmentRecord a;
        std::vector<Score> scores;
        {
            auto sql = self->db->lease();
            a = TRY(visible_assignment(*sql, req));
            scores = load_scores(*sql, a.id);
        }
        std::string summary, rationale;
        if (a.status == "completed") {
            // What this assessor wrote (the decision may rest on someone else's scores).
            auto sql = self->db->lease();
            for (const auto& s : active_slots(*sql, a.submission.id))
                if (s.id == a.id) summary = s.summary;
            if (auto d = decision_for(*sql, a.submission.id); d && d->assignment_id == a.id) rationale = d->rationale;
        }
        return scoring_page(*self, req, a, scores, {}, summary, {}, 200, rationale);
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
        if (!errors.empty()) return scoring_page(*self, req, a, scores, errors, req.form_value("summary"), {}, http_status(Errc::invalid));
        return Response::redirect("/assess/" + a.id + "?done=saved");
    });

    app.router.post("/assess/{id}/decision", AccessRule::roles(accounts::assessor), [self](Request& req) -> Result<Response> {
        AssignmentRecord a;
        DecisionInput input;
        std::vector<FieldError> errors;
        Result<Finished> decided;
        {
            auto sql = self->db->lease();
            a = TRY(visible_assignment(*sql, req));
            auto version = TRY(catalog::load_version(*sql, a.submission.version_id));
            input.scores = scores_from_form(req, version.content.rubric);
            input.summary = req.form_value("summary");
            input.rationale = req.form_value("rationale");
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
        if (decided) {
            const auto& f = *decided;
            if (f.calibration == "saved") return Response::redirect("/assess?done=calibration_saved");
            if (!f.calibration.empty()) return Response::redirect("/assess?done=calibration_" + f.calibration);
            const char* done = f.waiting_for == "second_scorer" ? "waiting_second"
                               : f.waiting_for == "adjudication" ? "sent_to_lead" : "decided";
            return Response::redirect("/assess/" + a.id + "?done=" + done);
        }
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
        int status = form_status(e.code);
        return scoring_page(*self, req, a, shown, errors, input.summary, extra, status, input.rationale);
    });
}

} // namespace mc::assessment
