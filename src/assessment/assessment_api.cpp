// /api/v1 for assessment: the same checks as the pages, JSON in and out (docs/api/assessment.yaml).
#include "accounts/roles.hpp"
#include "assessment/assessment_store.hpp"
#include "assessment/coaching/settings_store.hpp"
#include "assessment/reliability_store.hpp"
#include "assessment/web.hpp"
#include "assessment/web_support.hpp"
#include "assessment/workflow.hpp"
#include "catalog/version_store.hpp"
#include "evidence/evidence_view.hpp"
#include "platform/http/json_body.hpp"

namespace mc::assessment {

using http::AccessRule;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

json assignment_json(soci::session& sql, const AssignmentRecord& a, const std::string& locale) {
    // The program's promised decision date (turnaround target from when the evidence was sent).
    coaching::DueDates due_dates(sql);
    long long due = due_dates.due(a.submission.version_id, a.submission.submitted_at);
    bool calibration = a.kind == "calibration";
    return {{"id", a.id},
            {"due_at", calibration ? json(nullptr) : json(due)},
            {"overdue", !calibration && a.status == "assigned" && now_seconds() > due},
            {"status", a.status},
            {"kind", a.kind},
            {"assigned_at", a.assigned_at},
            {"completed_at", a.completed_at ? json(a.completed_at) : json(nullptr)},
            {"submission", {{"id", a.submission.id},
                            {"attempt", a.submission.attempt},
                            {"status", a.submission.status},
                            {"evidence_language", a.submission.evidence_language},
                            {"submitted_at", a.submission.submitted_at},
                            {"micro_credential", version_title(sql, a.submission.version_id, locale)}}}};
}

// The caller's own assignment, open or done; 404 for anyone else (admins use the pages).
Result<AssignmentRecord> my_assignment(soci::session& sql, const Request& req) {
    auto a = TRY(load_assignment(sql, req.param("id")));
    if (a.assessor_id != req.principal.user_id || a.status == "released")
        return fail(Errc::not_found, "errors.not_found", "not this assessor's");
    return a;
}

Response unprocessable(app::App& app, const Request& req, const Error& e, const std::vector<FieldError>& fields) {
    json body{{"error", {{"code", e.key}, {"message", app.t(req, e.key)}, {"status", http_status(Errc::invalid)},
                         {"fields", field_errors_json(app, req, fields)}}}};
    return Response::json(body.dump(), http_status(Errc::invalid));
}

} // namespace

void install_api(app::App& app) {
    app::App* self = &app;
    auto assessors = AccessRule::roles(accounts::assessor);

    app.router.get("/api/v1/assignments", assessors, [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        json items = json::array();
        for (const auto& a : assignments_of(*sql, req.principal.user_id)) items.push_back(assignment_json(*sql, a, req.locale));
        return Response::json(json{{"items", items}}.dump());
    });

    app.router.get("/api/v1/assignments/{id}", assessors, [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto a = TRY(my_assignment(*sql, req));
        auto version = TRY(catalog::load_version(*sql, a.submission.version_id));
        auto out = assignment_json(*sql, a, req.locale);
        out["rubric"] = catalog::to_json(version.content)["rubric"];
        out["scores"] = scores_to_json(load_scores(*sql, a.id));
        // Empty once the decision is made (evidence/access.hpp): the scores stay readable.
        out["evidence"] = TRY(evidence::evidence_parts_for(*sql, a.submission.id, req.locale, req.principal.user_id,
                                                           req.principal.roles, "assignment_api"));
        out["kind"] = a.kind;
        // A calibration item's decision is the answer being tested: never shown to its scorer.
        if (auto d = a.kind == "calibration" ? std::nullopt : decision_for(*sql, a.submission.id))
            out["decision"] = {{"id", d->id}, {"outcome", d->outcome}, {"summary", d->summary},
                               {"decided_at", d->decided_at}, {"basis", d->basis}};
        if (a.kind == "adjudication") {
            // The lead sees both independent score sets; scorers never see each other's.
            json scorings = json::array();
            for (const auto& s : active_slots(*sql, a.submission.id)) {
                if (s.kind != "scoring" || s.status != "completed") continue;
                scorings.push_back({{"assessor_id", s.assessor_id}, {"assessor_name", s.assessor_name},
                                    {"outcome", s.outcome}, {"summary", s.summary},
                                    {"scores", scores_to_json(load_scores(*sql, s.id))}});
            }
            out["scorings"] = scorings;
        }
        return Response::json(out.dump());
    });

    app.router.put("/api/v1/assignments/{id}/scores", assessors, [self](Request& req) -> Result<Response> {
        auto body = TRY(http::json_object_body(req, true));
        auto scores = TRY(scores_from_json(body));
        auto sql = self->db->lease();
        auto a = TRY(my_assignment(*sql, req));
        if (a.status != "assigned") return fail(Errc::conflict, "assessment.errors.not_open", a.status);
        auto version = TRY(catalog::load_version(*sql, a.submission.version_id));
        auto errors = validate_draft(version.content.rubric, scores);
        if (!errors.empty())
            return unprocessable(*self, req, {Errc::bad_input, "assessment.errors.check_scores", {}}, errors);
        db::WriteTx tx(*sql);
        save_scores(*sql, a.id, scores);
        tx.commit();
        return Response::json(json{{"scores", scores_to_json(load_scores(*sql, a.id))}}.dump());
    });

    app.router.post("/api/v1/assignments/{id}/decision", assessors, [self](Request& req) -> Result<Response> {
        auto body = TRY(http::json_object_body(req, true));
        DecisionInput input;
        input.scores = TRY(scores_from_json(body));
        auto outcome = outcome_from(body.value("outcome", ""));
        if (!outcome)
            return unprocessable(*self, req, {Errc::bad_input, "assessment.errors.choose_outcome", {}},
                                 {{"outcome", "assessment.errors.choose_outcome"}});
        input.outcome = *outcome;
        if (body.contains("summary") && body["summary"].is_string()) input.summary = body["summary"].get<std::string>();
        if (body.contains("rationale") && body["rationale"].is_string())
            input.rationale = body["rationale"].get<std::string>();
        auto sql = self->db->lease();
        auto a = TRY(my_assignment(*sql, req));
        std::vector<FieldError> errors;
        db::WriteTx tx(*sql);
        auto decided = decide(*self, *sql, a.id, req.principal.user_id, input, errors);
        if (!decided) {
            if (decided.error().code == Errc::bad_input) return unprocessable(*self, req, decided.error(), errors);
            return std::unexpected(decided.error());
        }
        tx.commit();
        if (!decided->calibration.empty()) {
            // "saved" (more items left), "passed" or "not_passed" (the round is over).
            json out{{"submission_id", a.submission.id}, {"calibration", decided->calibration}};
            return Response::json(out.dump(), 200);
        }
        if (decided->decision_id.empty()) {
            // Recorded; the decision waits for the second scorer or a lead assessor.
            json out{{"submission_id", a.submission.id}, {"outcome", outcome_name(input.outcome)},
                     {"status", "pending"}, {"waiting_for", decided->waiting_for}};
            return Response::json(out.dump(), 202);
        }
        auto d = decision_for(*sql, a.submission.id);
        json out{{"id", decided->decision_id}, {"submission_id", a.submission.id},
                 {"outcome", d ? d->outcome : std::string(outcome_name(input.outcome))},
                 {"basis", d ? d->basis : "single"},
                 {"result_url", "/submissions/" + a.submission.id + "/result"}};
        return Response::json(out.dump(), 201);
    });

    app.router.post("/api/v1/submissions/{id}/assign", AccessRule::roles(accounts::any_admin),
                    [self](Request& req) -> Result<Response> {
        auto body = TRY(http::json_object_body(req, true));
        std::string assessor = body.contains("assessor_id") && body["assessor_id"].is_string()
                                   ? body["assessor_id"].get<std::string>() : "";
        auto sql = self->db->lease();
        db::WriteTx tx(*sql);
        auto id = assessor.empty() ? assign_best(*self, *sql, req.param("id"), req.principal.user_id)
                                   : assign(*self, *sql, req.param("id"), assessor, req.principal.user_id);
        if (!id) return std::unexpected(id.error());
        tx.commit();
        auto a = TRY(load_assignment(*sql, *id));
        return Response::json(json{{"id", a.id}, {"assessor_id", a.assessor_id}, {"submission_id", a.submission.id},
                                   {"status", a.status}}.dump(), 201);
    });
}

} // namespace mc::assessment
