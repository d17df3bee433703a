// Program and agency admins see recent awards and can revoke one, with a reason the
// educator is told and the public verification page shows.
#include "accounts/roles.hpp"
#include "credentials/web/award_store.hpp"
#include "credentials/web/issuer_store.hpp"
#include "credentials/web/module.hpp"
#include "platform/dates.hpp"
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
        rows.push_back({{"id", a.id},
                        {"name", a.credential.value("name", "")},
                        {"educator_name", a.educator_name},
                        {"issued_on", day_of(a.issued_at)},
                        {"revoked", a.revoked_at.has_value()},
                        {"revoked_reason", a.revoked_reason}});
    }
    return rows;
}

// The issuer page: who signs, with which key since when, and the keys that only verify now.
Result<json> issuer_context(app::App& app, const Request& req, soci::session& sql) {
    auto issuer = TRY(default_issuer(sql));
    json keys = json::array();
    for (const auto& k : key_history(sql, issuer.id)) {
        bool retired = k.retired_at.has_value();
        // A 48-character key has no break opportunity: offer one every 12 characters so it
        // wraps on a phone instead of running off the screen.
        const auto& public_key = k.public_key_multibase;
        json chunks = json::array();
        for (std::size_t i = 0; i < public_key.size(); i += 12) chunks.push_back(public_key.substr(i, 12));
        keys.push_back({{"public_key", public_key},
                        {"key_chunks", chunks},
                        {"created_on", day_of(k.created_at)},
                        {"retired", retired},
                        {"retired_on", retired ? day_of(*k.retired_at) : ""},
                        {"state", app.t(req, retired ? "credentials.keys.state_retired" : "credentials.keys.state_active")}});
    }
    return json{{"title_key", "credentials.keys.title"},
                {"issuer", {{"id", issuer.id}, {"name", issuer.name}, {"profile_url", "/issuers/" + issuer.id}}},
                {"keys", keys},
                {"rotated", req.query_value("notice") == "rotated"}};
}

} // namespace

void install_admin_pages(app::App& app) {
    app::App* self = &app;
    auto admins = AccessRule::roles(accounts::any_admin);

    app.router.get("/admin/awards", admins, [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        return self->views->page(req, "credentials/admin_awards",
                                 {{"title_key", "credentials.admin.title"},
                                  {"awards", award_rows(*self, req, *sql)},
                                  {"agency_admin", (req.principal.roles & accounts::agency_admin) != 0}});
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
            return self->views->page(req, "credentials/admin_awards", ctx, http_status(Errc::invalid));
        }
        db::WriteTx tx(*sql);
        TRY(revoke_award(*self, *sql, req.param("id"), req.principal.user_id, reason));
        tx.commit();
        return Response::redirect("/admin/awards?notice=revoked");
    });

    // Key rotation is the agency's decision (it speaks for every credential): agency admins only.
    auto agency = AccessRule::roles(accounts::agency_admin);
    app.router.get("/admin/issuer", agency, [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto ctx = TRY(issuer_context(*self, req, *sql));
        return self->views->page(req, "credentials/admin_issuer", ctx);
    });

    app.router.post("/admin/issuer/rotate-key", agency, [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        if (req.form_value("confirm") != "yes") {
            auto ctx = TRY(issuer_context(*self, req, *sql));
            ctx["errors"] = json::array({self->t(req, "credentials.keys.confirm_required")});
            ctx["confirm_error"] = true;
            return self->views->page(req, "credentials/admin_issuer", ctx, http_status(Errc::invalid));
        }
        auto issuer = TRY(default_issuer(*sql));
        db::WriteTx tx(*sql);
        TRY(rotate_key(*self, *sql, issuer.id));
        tx.commit();
        return Response::redirect("/admin/issuer?notice=rotated");
    });
}

} // namespace mc::credentials
