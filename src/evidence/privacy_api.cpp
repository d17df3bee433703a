// /api/v1 for child privacy (documented in docs/api/privacy.yaml): the evidence view log for
// auditors, the retention period for the agency, and the educator's own view log and
// calibration-exemplar consent. Same rules as the pages.
#include "accounts/roles.hpp"
#include "evidence/privacy_web.hpp"
#include "evidence/web.hpp"
#include "platform/dates.hpp"
#include "platform/db/database.hpp"
#include "platform/http/json_body.hpp"

namespace mc::evidence {

using http::AccessRule;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

json view_json(const ViewEntry& v, bool names) {
    return {{"file_id", v.file_id},   {"file_name", names ? v.file_name : std::string()},       {"submission_id", v.submission_id},
            {"viewer_id", v.viewer_id}, {"viewer_name", v.viewer_name}, {"viewer_email", v.viewer_email},
            {"relation", view_relation(v)}, {"at", v.at}};
}

} // namespace

void install_privacy_api(app::App& app) {
    app::App* self = &app;

    app.router.get("/api/v1/audit/evidence-views", AccessRule::roles(accounts::auditor | accounts::agency_admin),
                   [self](Request& req) -> Result<Response> {
                       auto filter = TRY(view_filter(req));
                       auto sql = self->db->lease();
                       json items = json::array();
                       bool names = sees_file_names(req.principal);
                       for (const auto& v : evidence_views(*sql, filter)) items.push_back(view_json(v, names));
                       return Response::json(json{{"items", items}}.dump());
                   });

    app.router.get("/api/v1/evidence/settings", AccessRule::roles(accounts::any_admin | accounts::auditor),
                   [self](Request&) -> Result<Response> {
                       auto sql = self->db->lease();
                       return Response::json(json{{"retention_days", retention_days(*sql)},
                                                  {"min_retention_days", kMinRetentionDays},
                                                  {"max_retention_days", kMaxRetentionDays}}
                                                 .dump());
                   });

    app.router.put("/api/v1/evidence/settings", AccessRule::roles(accounts::agency_admin),
                   [self](Request& req) -> Result<Response> {
                       auto body = TRY(http::json_object_body(req));
                       auto days = body.value("retention_days", json());
                       if (!days.is_number_integer() || !valid_retention_days(days.get<long long>()))
                           return fail(Errc::bad_input, "privacy.errors.retention_range_plain", "retention_days out of range");
                       auto sql = self->db->lease();
                       db::WriteTx tx(*sql);
                       save_retention_days(*sql, days.get<int>(), req.principal.user_id);
                       tx.commit();
                       return Response::json(json{{"retention_days", days.get<int>()}}.dump());
                   });

    // The educator's own log: who (by their part in the review, never by name) opened what, when.
    app.router.get("/api/v1/submissions/{id}/views", AccessRule::signed_in(), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto sub = TRY(load_owned(*sql, req.param("id"), req.principal.user_id));
        ViewFilter f;
        f.submission_id = sub.id;
        json items = json::array();
        for (const auto& v : evidence_views(*sql, f))
            items.push_back({{"file_id", v.file_id}, {"file_name", v.file_name}, {"relation", view_relation(v)}, {"at", v.at}});
        return Response::json(json{{"items", items}, {"retention_days", retention_days(*sql)}}.dump());
    });

    app.router.put("/api/v1/submissions/{id}/exemplar-consent", AccessRule::signed_in(), [self](Request& req) -> Result<Response> {
        auto body = TRY(http::json_object_body(req));
        if (!body.contains("consent") || !body["consent"].is_boolean())
            return fail(Errc::bad_input, "privacy.errors.consent_flag", "exemplar consent without a boolean");
        auto sql = self->db->lease();
        auto sub = TRY(load_owned(*sql, req.param("id"), req.principal.user_id));
        bool consent = body["consent"].get<bool>();
        db::WriteTx tx(*sql);
        set_exemplar_consent(*sql, sub.id, consent);
        tx.commit();
        return Response::json(json{{"id", sub.id}, {"exemplar_consent", consent}}.dump());
    });
}

} // namespace mc::evidence
