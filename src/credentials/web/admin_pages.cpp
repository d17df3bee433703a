// Program and agency admins see recent awards and can revoke one, with a reason the
// educator is told and the public verification page shows.
#include <ctime>

#include "accounts/roles.hpp"
#include "credentials/web/award_store.hpp"
#include "credentials/web/module.hpp"
#include "platform/db/database.hpp"

namespace mc::credentials {

using nlohmann::json;
using http::AccessRule;
using http::Request;
using http::Response;

namespace {

json award_rows(app::App& app, const Request& req, soci::session& sql) {
    json rows = json::array();
    for (const auto& a : recent_awards(sql, 200)) {
        char date[16];
        std::time_t t = static_cast<std::time_t>(a.issued_at);
        std::tm tm{};
        gmtime_r(&t, &tm);
        std::strftime(date, sizeof date, "%Y-%m-%d", &tm);
        rows.push_back({{"id", a.id},
                        {"name", a.credential.value("name", "")},
                        {"educator_name", a.educator_name},
                        {"issued_on", date},
                        {"revoked", a.revoked_at.has_value()},
                        {"revoked_reason", a.revoked_reason}});
    }
    return rows;
}

} // namespace

void install_admin_pages(app::App& app) {
    app::App* self = &app;
    auto admins = AccessRule::roles(accounts::any_admin);

    app.router.get("/admin/awards", admins, [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        return self->views->page(req, "credentials/admin_awards",
                                 {{"title_key", "credentials.admin.title"}, {"awards", award_rows(*self, req, *sql)}});
    });

    app.router.post("/admin/awards/{id}/revoke", admins, [self](Request& req) -> Result<Response> {
        auto reason = req.form_value("reason");
        while (!reason.empty() && std::isspace(static_cast<unsigned char>(reason.back()))) reason.pop_back();
        auto sql = self->db->lease();
        if (reason.size() < 5 || reason.size() > 500) {
            json ctx{{"title_key", "credentials.admin.title"},
                     {"awards", award_rows(*self, req, *sql)},
                     {"errors", json::array({self->t(req, "credentials.admin.reason_required")})},
                     {"failed_id", req.param("id")}};
            return self->views->page(req, "credentials/admin_awards", ctx, 422);
        }
        db::WriteTx tx(*sql);
        TRY(revoke_award(*self, *sql, req.param("id"), req.principal.user_id, reason));
        tx.commit();
        return Response::redirect("/admin/awards?notice=revoked");
    });
}

} // namespace mc::credentials
