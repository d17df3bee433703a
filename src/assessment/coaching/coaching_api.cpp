// /api/v1 for appeals, completeness returns and turnaround settings: the same checks as the
// pages, JSON in and out (docs/api/coaching.yaml).
#include "accounts/roles.hpp"
#include "assessment/assessment_store.hpp"
#include "assessment/coaching/appeals.hpp"
#include "assessment/coaching/completeness.hpp"
#include "assessment/coaching/settings_store.hpp"
#include "assessment/coaching/web.hpp"
#include "assessment/web_support.hpp"
#include "catalog/version_store.hpp"
#include "platform/db/database.hpp"
#include "platform/http/json_body.hpp"

namespace mc::assessment::coaching {

using http::AccessRule;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

std::string text_field(const json& body, const char* name) {
    auto it = body.find(name);
    return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

json appeal_json(const Appeal& a) {
    auto opt = [](long long t) { return t ? json(t) : json(nullptr); };
    return {{"id", a.id},
            {"submission_id", a.submission_id},
            {"decision_id", a.decision_id},
            {"status", a.status},
            {"reason", a.reason},
            {"response", a.response},
            {"reviewer_assigned", !a.reviewer_id.empty()},
            {"original_outcome", a.original_outcome},
            {"filed_at", a.filed_at},
            {"resolved_at", opt(a.resolved_at)}};
}

Response unprocessable(const app::App& app, const Request& req, const Error& e, const std::vector<FieldError>& fields) {
    json body{{"error", {{"code", e.key}, {"message", app.t(req, e.key)}, {"status", http_status(Errc::invalid)},
                         {"fields", field_errors_json(app, req, fields)}}}};
    return Response::json(body.dump(), http_status(Errc::invalid));
}

// The educator who filed it, its reviewer, or an admin; 404 for anyone else.
bool may_read(const Request& req, const Appeal& a) {
    const auto& me = req.principal.user_id;
    return a.educator_id == me || (!a.reviewer_id.empty() && a.reviewer_id == me) || is_admin(req.principal);
}

} // namespace

void install_coaching_api(app::App& app) {
    app::App* self = &app;

    app.router.get("/api/v1/appeals", AccessRule::signed_in(), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        json items = json::array();
        for (const auto& a : list_appeals(*sql, ""))
            if (is_admin(req.principal) || a.educator_id == req.principal.user_id || a.reviewer_id == req.principal.user_id)
                items.push_back(appeal_json(a));
        return Response::json(json{{"items", items}}.dump());
    });

    app.router.get("/api/v1/appeals/{id}", AccessRule::signed_in(), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto a = TRY(load_appeal(*sql, req.param("id")));
        if (!may_read(req, a)) return fail(Errc::not_found, "errors.not_found", "not theirs");
        auto out = appeal_json(a);
        // The reviewer also gets what they judge: the original scores (the evidence has its own routes).
        if (a.reviewer_id == req.principal.user_id || is_admin(req.principal))
            out["original_scores"] = a.original_assignment_id.empty()
                                         ? json::array() : scores_to_json(load_scores(*sql, a.original_assignment_id));
        return Response::json(out.dump());
    });

    app.router.post("/api/v1/submissions/{id}/appeal", AccessRule::signed_in(), [self](Request& req) -> Result<Response> {
        auto body = TRY(http::json_object_body(req, true));
        auto sql = self->db->lease();
        db::WriteTx tx(*sql);
        auto id = file_appeal(*self, *sql, req.param("id"), req.principal.user_id, text_field(body, "reason"), now_seconds());
        if (!id) {
            if (id.error().code == Errc::bad_input) return unprocessable(*self, req, id.error(), {{"reason", id.error().key}});
            return std::unexpected(id.error());
        }
        tx.commit();
        auto a = TRY(load_appeal(*sql, *id));
        return Response::json(appeal_json(a).dump(), 201);
    });

    auto resolve = [self](Request& req, bool overturn) -> Result<Response> {
        auto body = TRY(http::json_object_body(req, true));
        std::vector<Score> scores;
        if (overturn) scores = TRY(scores_from_json(body));
        std::vector<FieldError> errors;
        auto sql = self->db->lease();
        db::WriteTx tx(*sql);
        auto id = req.param("id");
        auto r = overturn ? overturn_appeal(*self, *sql, id, req.principal.user_id, scores, text_field(body, "response"), errors)
                          : uphold_appeal(*self, *sql, id, req.principal.user_id, text_field(body, "response"), errors);
        if (!r) {
            if (r.error().code == Errc::bad_input) return unprocessable(*self, req, r.error(), errors);
            return std::unexpected(r.error());
        }
        tx.commit();
        auto a = TRY(load_appeal(*sql, id));
        return Response::json(appeal_json(a).dump());
    };
    app.router.post("/api/v1/appeals/{id}/uphold", AccessRule::roles(accounts::assessor),
                    [resolve](Request& req) { return resolve(req, false); });
    app.router.post("/api/v1/appeals/{id}/overturn", AccessRule::roles(accounts::assessor),
                    [resolve](Request& req) { return resolve(req, true); });

    app.router.post("/api/v1/assignments/{id}/incomplete", AccessRule::roles(accounts::assessor),
                    [self](Request& req) -> Result<Response> {
        auto body = TRY(http::json_object_body(req, true));
        std::vector<PartProblem> problems;
        if (auto it = body.find("problems"); it != body.end()) {
            if (!it->is_array()) return fail(Errc::bad_input, "errors.bad_encoding", "problems is not an array");
            for (const auto& p : *it) {
                if (!p.is_object() || !p.value("part_id", json()).is_string() || !p.value("problem", json()).is_string())
                    return fail(Errc::bad_input, "errors.bad_encoding", "problem shape");
                problems.push_back({p["part_id"], p["problem"]});
            }
        }
        std::vector<FieldError> errors;
        auto sql = self->db->lease();
        db::WriteTx tx(*sql);
        auto id = return_incomplete(*self, *sql, req.param("id"), req.principal.user_id, problems,
                                    text_field(body, "note"), errors);
        if (!id) {
            if (id.error().code == Errc::bad_input) return unprocessable(*self, req, id.error(), errors);
            return std::unexpected(id.error());
        }
        tx.commit();
        return Response::json(json{{"id", *id}, {"submission_status", "draft"}}.dump());
    });

    app.router.get("/api/v1/turnaround", AccessRule::roles(accounts::any_admin), [self](Request&) -> Result<Response> {
        auto sql = self->db->lease();
        auto t = load_times(*sql);
        json overrides = json::object();
        for (const auto& [mc, days] : load_overrides(*sql)) overrides[mc] = days;
        return Response::json(json{{"turnaround_days", t.turnaround_days}, {"appeal_window_days", t.appeal_window_days},
                                   {"coach_referral_after", t.coach_referral_after}, {"overrides", overrides}}.dump());
    });

    app.router.put("/api/v1/turnaround", AccessRule::roles(accounts::program_admin), [self](Request& req) -> Result<Response> {
        auto body = TRY(http::json_object_body(req, true));
        auto sql = self->db->lease();
        auto t = load_times(*sql);
        std::vector<FieldError> errors;
        for (const char* name : {"turnaround_days", "appeal_window_days", "coach_referral_after"}) {
            if (!body.contains(name)) continue;
            const auto& v = body[name];
            int d = v.is_number_integer() ? parse_days(std::to_string(v.get<long long>())) : -1;
            if (d < 0) errors.push_back({name, "turnaround.errors.days"});
            else if (std::string(name) == "turnaround_days") t.turnaround_days = d;
            else if (std::string(name) == "appeal_window_days") t.appeal_window_days = d;
            else t.coach_referral_after = d;
        }
        // Per-micro-credential targets: {"overrides": {"<micro-credential id>": days}}, 0 or null removes one.
        std::vector<std::pair<std::string, int>> overrides;
        if (body.contains("overrides")) {
            if (!body["overrides"].is_object()) return fail(Errc::bad_input, "errors.bad_encoding", "overrides shape");
            for (auto it = body["overrides"].begin(); it != body["overrides"].end(); ++it) {
                std::string mc = it.key();
                bool known = catalog::micro_credential_exists(*sql, mc);
                int d = it->is_null() || (it->is_number_integer() && it->get<long long>() == 0) ? 0
                        : it->is_number_integer() ? parse_days(std::to_string(it->get<long long>())) : -1;
                if (!known || d < 0) errors.push_back({"overrides." + mc, "turnaround.errors.days"});
                else overrides.emplace_back(mc, d);
            }
        }
        if (!errors.empty()) return unprocessable(*self, req, Error{Errc::bad_input, "turnaround.errors.days", ""}, errors);
        db::WriteTx tx(*sql);
        for (const auto& [mc, d] : overrides) save_override(*sql, mc, d, req.principal.user_id);
        save_times(*sql, t, req.principal.user_id);
        tx.commit();
        return Response::json(json{{"turnaround_days", t.turnaround_days}, {"appeal_window_days", t.appeal_window_days},
                                   {"coach_referral_after", t.coach_referral_after}}.dump());
    });
}

} // namespace mc::assessment::coaching
