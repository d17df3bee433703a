// /api/v1/coaching: referrals for their coach (admins: all), the session log and closing, with the
// same checks as the pages (docs/api/coaching.yaml). Never any evidence.
#include "accounts/roles.hpp"
#include "assessment/assessment_store.hpp"
#include "assessment/coaching/referrals.hpp"
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

Result<Referral> visible(soci::session& sql, const Request& req) {
    auto r = TRY(load_referral(sql, req.param("id")));
    if ((r.coach_id.empty() || r.coach_id != req.principal.user_id) && !is_admin(req.principal))
        return fail(Errc::not_found, "errors.not_found", "not this coach's");
    return r;
}

json referral_json(soci::session& sql, const Referral& r) {
    auto educator = load_user(sql, r.educator_id);
    json sessions = json::array();
    for (const auto& s : sessions_of(sql, r.id))
        sessions.push_back({{"id", s.id}, {"held_on", s.held_on}, {"minutes", s.minutes}, {"mode", s.mode},
                            {"focus", s.focus}, {"notes", s.notes}});
    return {{"id", r.id},
            {"enrollment_id", r.enrollment_id},
            {"educator", {{"id", r.educator_id}, {"name", educator ? educator->display_name : ""}}},
            {"coach_id", r.coach_id.empty() ? json(nullptr) : json(r.coach_id)},
            {"status", r.status},
            {"not_yet_count", r.not_yet_count},
            {"created_at", r.created_at},
            {"sessions", sessions}};
}

} // namespace

void install_referral_api(app::App& app) {
    app::App* self = &app;
    auto who = AccessRule::roles(accounts::coach | accounts::any_admin);

    app.router.get("/api/v1/coaching/referrals", who, [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        json items = json::array();
        for (const auto& r : list_referrals(*sql, is_admin(req.principal) ? "" : req.principal.user_id))
            items.push_back(referral_json(*sql, r));
        return Response::json(json{{"items", items}}.dump());
    });

    app.router.get("/api/v1/coaching/referrals/{id}", who, [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto r = TRY(visible(*sql, req));
        auto out = referral_json(*sql, r);
        // The attempts' per-criterion feedback, as the coach page shows it.
        json attempts = json::array();
        for (const auto& s : attempts_of(*sql, r.enrollment_id)) {
            auto d = decision_for(*sql, s.id);
            if (!d) continue;
            attempts.push_back({{"attempt", s.attempt}, {"outcome", d->outcome}, {"decided_at", d->decided_at},
                                {"summary", d->summary},
                                {"scores", d->assignment_id.empty() ? json::array()
                                                                    : scores_to_json(load_scores(*sql, d->assignment_id))}});
        }
        out["attempts"] = attempts;
        return Response::json(out.dump());
    });

    app.router.post("/api/v1/coaching/referrals/{id}/sessions", AccessRule::roles(accounts::coach),
                    [self](Request& req) -> Result<Response> {
        auto body = TRY(http::json_object_body(req));
        auto sql = self->db->lease();
        auto r = TRY(visible(*sql, req));
        auto text = [&](const char* k) { return body.contains(k) && body[k].is_string() ? body[k].get<std::string>() : ""; };
        SessionInput in{text("held_on"), "", text("mode"), text("notes"), {}};
        if (body.contains("minutes") && body["minutes"].is_number_integer())
            in.minutes = std::to_string(body["minutes"].get<long long>());
        if (body.contains("focus") && body["focus"].is_array())
            for (const auto& f : body["focus"])
                if (f.is_string()) in.focus.push_back(f);
        std::vector<std::string> criterion_ids;
        for (const auto& s : attempts_of(*sql, r.enrollment_id))
            if (auto v = catalog::load_version(*sql, s.version_id))
                for (const auto& c : v->content.rubric.criteria) criterion_ids.push_back(c.id);
        std::vector<FieldError> errors;
        db::WriteTx tx(*sql);
        auto id = log_session(*sql, r.id, req.principal.user_id, in, criterion_ids, errors);
        if (!id) {
            if (id.error().code != Errc::bad_input) return std::unexpected(id.error());
            json err{{"error", {{"code", id.error().key}, {"message", self->t(req, id.error().key)}, {"status", http_status(Errc::invalid)},
                                {"fields", field_errors_json(*self, req, errors)}}}};
            return Response::json(err.dump(), http_status(Errc::invalid));
        }
        tx.commit();
        return Response::json(json{{"id", *id}}.dump(), 201);
    });

    app.router.post("/api/v1/coaching/referrals/{id}/close", who, [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto r = TRY(visible(*sql, req));
        db::WriteTx tx(*sql);
        TRY(close_referral(*self, *sql, r.id, req.principal.user_id));
        tx.commit();
        r.status = "closed";
        return Response::json(referral_json(*sql, r).dump());
    });
}

} // namespace mc::assessment::coaching
