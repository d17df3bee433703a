// /api/v1 for the assessor lifecycle: the same checks as the pages, JSON in and out
// (docs/api/assessors.yaml). Applicants see only their own application; admins screen,
// set standing and pay honoraria.
#include "accounts/roles.hpp"
#include "assessment/assessment_store.hpp"
#include "assessment/assessors/web.hpp"
#include "assessment/calibration.hpp"
#include "assessment/web_support.hpp"
#include "platform/db/database.hpp"
#include "platform/http/json_body.hpp"

namespace mc::assessment::assessors {

using http::AccessRule;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

Response unprocessable(app::App& app, const Request& req, const std::vector<FieldError>& fields) {
    json body{{"error", {{"code", "assessors.errors.check_form"}, {"message", app.t(req, "assessors.errors.check_form")},
                         {"status", http_status(Errc::invalid)}, {"fields", field_errors_json(app, req, fields)}}}};
    return Response::json(body.dump(), http_status(Errc::invalid));
}

json training_json(soci::session& sql, const std::string& user) {
    auto log = training_log(sql, user);
    json modules = json::array();
    for (const auto& m : training_modules()) {
        json item{{"id", std::string(m.id)}, {"completed_at", nullptr}};
        for (const auto& [id, at] : log)
            if (id == m.id) item["completed_at"] = at;
        modules.push_back(item);
    }
    auto cert = latest_certification(sql, user);
    return {{"modules", modules}, {"trained", fully_trained(completed_training(sql, user))},
            {"certified_until", cert ? json(cert->expires_at) : json(nullptr)}};
}

json settings_json(const LifecycleSettings& s) {
    return {{"require_certification", s.require_certification},
            {"honorarium_scoring_cents", s.scoring_cents},
            {"honorarium_adjudication_cents", s.adjudication_cents},
            {"currency", "USD"}};
}

} // namespace

void install_api(app::App& app) {
    app::App* self = &app;
    auto admins = AccessRule::roles(accounts::any_admin);
    auto assessor = AccessRule::roles(accounts::assessor);

    app.router.post("/api/v1/assessor-applications", AccessRule::signed_in(), [self](Request& req) -> Result<Response> {
        auto body = TRY(http::json_object_body(req, true));
        auto input = TRY(application_from_json(body));
        std::vector<FieldError> errors;
        auto sql = self->db->lease();
        db::WriteTx tx(*sql);
        auto id = submit_application(*sql, req.principal.user_id, input, errors);
        if (!id) {
            if (!errors.empty()) return unprocessable(*self, req, errors);
            return std::unexpected(id.error());
        }
        tx.commit();
        return Response::json(application_json(*load_application(*sql, *id)).dump(), 201);
    });
    app.router.get("/api/v1/assessor-applications/mine", AccessRule::signed_in(), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto a = latest_application(*sql, req.principal.user_id);
        if (!a) return fail(Errc::not_found, "errors.not_found", "no application");
        return Response::json(application_json(*a).dump());
    });
    app.router.get("/api/v1/assessor-applications", admins, [self](Request& req) -> Result<Response> {
        auto filter = req.query_value("status");
        if (!filter.empty() && std::find(std::begin(kFilters), std::end(kFilters), filter) == std::end(kFilters))
            return fail(Errc::bad_input, "errors.bad_input", "status filter");
        auto sql = self->db->lease();
        json items = json::array();
        for (const auto& a : list_applications(*sql, filter)) items.push_back(application_json(a));
        return Response::json(json{{"items", items}}.dump());
    });
    app.router.get("/api/v1/assessor-applications/{id}", admins, [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto a = load_application(*sql, req.param("id"));
        if (!a) return fail(Errc::not_found, "errors.not_found", "application");
        return Response::json(application_json(*a).dump());
    });
    app.router.post("/api/v1/assessor-applications/{id}/approve", admins, [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        db::WriteTx tx(*sql);
        TRY(approve(*self, *sql, req.param("id"), req.principal.user_id));
        tx.commit();
        return Response::json(application_json(*load_application(*sql, req.param("id"))).dump());
    });
    app.router.post("/api/v1/assessor-applications/{id}/reject", admins, [self](Request& req) -> Result<Response> {
        auto body = TRY(http::json_object_body(req, true));
        if (body.contains("reason") && !body["reason"].is_string())
            return fail(Errc::bad_input, "errors.bad_input", "reason must be a string");
        auto sql = self->db->lease();
        db::WriteTx tx(*sql);
        TRY(reject(*self, *sql, req.param("id"), body.value("reason", ""), req.principal.user_id));
        tx.commit();
        return Response::json(application_json(*load_application(*sql, req.param("id"))).dump());
    });

    app.router.get("/api/v1/assessors/me/training", assessor, [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        return Response::json(training_json(*sql, req.principal.user_id).dump());
    });
    app.router.post("/api/v1/assessors/me/training/{module}", assessor, [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        db::WriteTx tx(*sql);
        TRY(attest_training(*sql, req.principal.user_id, req.param("module")));
        tx.commit();
        return Response::json(training_json(*sql, req.principal.user_id).dump());
    });
    app.router.get("/api/v1/assessors/me/earnings", assessor, [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        json items = json::array();
        for (const auto& r : earnings_of(*sql, req.principal.user_id)) items.push_back(honorarium_json(r));
        return Response::json(json{{"items", items}}.dump());
    });

    // Standing: {"status": "active" | "paused" | "retired", "until": unix seconds (paused), "reason"}.
    app.router.put("/api/v1/assessors/{id}/standing", admins, [self](Request& req) -> Result<Response> {
        auto body = TRY(http::json_object_body(req, true));
        auto status = body.value("status", json()).is_string() ? body["status"].get<std::string>() : "";
        if (body.contains("until") && !body["until"].is_number_integer())
            return fail(Errc::bad_input, "assessors.errors.bad_date", "until");
        if (body.contains("reason") && !body["reason"].is_string())
            return fail(Errc::bad_input, "errors.bad_input", "reason");
        long long until = body.value("until", 0LL);
        std::string reason = body.value("reason", "");
        auto sql = self->db->lease();
        if (!load_profile(*sql, req.param("id"))) return fail(Errc::not_found, "errors.not_found", "no assessor");
        db::WriteTx tx(*sql);
        int released = 0;
        if (status == "paused") TRY(pause(*sql, req.param("id"), until, reason, req.principal.user_id));
        else if (status == "active") TRY(resume(*sql, req.param("id"), req.principal.user_id));
        else if (status == "retired") released = TRY(retire(*self, *sql, req.param("id"), reason, req.principal.user_id));
        else return fail(Errc::bad_input, "assessors.errors.unknown_standing", "status " + status);
        tx.commit();
        auto p = load_profile(*sql, req.param("id"));
        return Response::json(json{{"id", req.param("id")}, {"status", p->status},
                                   {"paused_until", p->paused_until ? json(p->paused_until) : json(nullptr)},
                                   {"reason", p->reason}, {"released_assignments", released}}.dump());
    });

    app.router.get("/api/v1/assessors/settings", admins, [self](Request&) -> Result<Response> {
        auto sql = self->db->lease();
        return Response::json(settings_json(load_lifecycle_settings(*sql)).dump());
    });
    app.router.put("/api/v1/assessors/settings", admins, [self](Request& req) -> Result<Response> {
        auto body = TRY(http::json_object_body(req, true));
        auto sql = self->db->lease();
        auto s = load_lifecycle_settings(*sql);
        if (body.contains("require_certification")) {
            if (!body["require_certification"].is_boolean()) return fail(Errc::bad_input, "errors.bad_input", "flag");
            s.require_certification = body["require_certification"].get<bool>();
        }
        for (auto [key, into] : {std::pair{"honorarium_scoring_cents", &s.scoring_cents},
                                 std::pair{"honorarium_adjudication_cents", &s.adjudication_cents}}) {
            if (!body.contains(key)) continue;
            if (!body[key].is_number_integer()) return fail(Errc::bad_input, "assessors.errors.amount_range", key);
            *into = body[key].get<long long>();
        }
        db::WriteTx tx(*sql);
        if (!save_lifecycle_settings(*sql, s, req.principal.user_id))
            return fail(Errc::bad_input, "assessors.errors.amount_range", "amount");
        tx.commit();
        return Response::json(settings_json(s).dump());
    });

    app.router.get("/api/v1/honoraria", admins, [self](Request& req) -> Result<Response> {
        auto m = req.query_value("month");
        if (!m.empty() && !is_month(m)) return fail(Errc::bad_input, "assessors.errors.bad_month", "month");
        auto month = month_or_current(m);
        auto sql = self->db->lease();
        json items = json::array();
        long long total = 0;
        for (const auto& r : honoraria_for_month(*sql, month)) {
            items.push_back(honorarium_json(r));
            total += r.amount_cents;
        }
        return Response::json(json{{"month", month}, {"items", items}, {"total_cents", total}, {"currency", "USD"}}.dump());
    });
    app.router.post("/api/v1/honoraria/{month}/paid", admins, [self](Request& req) -> Result<Response> {
        auto month = req.param("month");
        if (!is_month(month)) return fail(Errc::bad_input, "assessors.errors.bad_month", "month");
        auto sql = self->db->lease();
        db::WriteTx tx(*sql);
        int n = mark_month_paid(*sql, month, req.principal.user_id);
        tx.commit();
        return Response::json(json{{"month", month}, {"lines_marked_paid", n}}.dump());
    });
}

} // namespace mc::assessment::assessors
