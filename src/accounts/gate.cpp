// The session gate: runs before every route, after the app's base gate (locale, anonymous
// CSRF token), and turns the mc_session cookie into req.principal.
#include <spdlog/spdlog.h>

#include "accounts/notification_store.hpp"
#include "accounts/roles.hpp"
#include "accounts/session_store.hpp"
#include "accounts/web.hpp"

namespace mc::accounts {

namespace {
long long unread_count(app::App& app, const std::string& user_id) {
    auto sql = app.db->lease();
    return unread_notice_count(*sql, user_id);
}
} // namespace

http::Cookie session_cookie_value(const app::App& app, std::string value, long max_age) {
    return {.name = session_cookie, .value = std::move(value), .max_age = max_age, .http_only = true,
            .secure = app.config.secure_cookies, .same_site = "Lax"};
}

void install_gate(app::App& app) {
    app::App* self = &app;
    app.router.set_gate([self](http::Request& req) {
        self->base_gate(req);
        auto cookie = req.cookies.find(session_cookie);
        if (cookie == req.cookies.end()) return;
        std::optional<ActiveSession> session;
        {
            auto sql = self->db->lease();
            session = resolve_session(*sql, cookie->second);
        }
        if (!session) {
            // Expired, ended or unknown: forget the cookie so the browser stops sending it.
            req.pending_cookies.push_back(session_cookie_value(*self, "", 0));
            return;
        }
        req.principal.user_id = session->user_id;
        req.principal.display_name = session->display_name;
        req.principal.roles = session->roles;
        req.principal.session_id = session->id_hash;
        req.principal.csrf_token = session->csrf;
        if (!req.cookies.contains("mc_lang") && self->catalog.has_locale(session->locale)) req.locale = session->locale;
    });

    app.views->set_principal_context([self](const http::Principal& p) {
        // A mustache section treats the string "0" as true: no count means false, not 0.
        long long unread = unread_count(*self, p.user_id);
        return nlohmann::json{
            {"is_educator", (p.roles & educator) != 0},
            {"is_coach", (p.roles & coach) != 0},
            {"is_assessor", (p.roles & assessor) != 0},
            {"is_admin", (p.roles & any_admin) != 0},
            {"is_agency_admin", (p.roles & agency_admin) != 0},
            {"is_auditor", (p.roles & auditor) != 0},
            {"is_director", (p.roles & director) != 0},
            {"is_college_partner", (p.roles & college_partner) != 0},
            {"unread", unread > 0 ? nlohmann::json(unread) : nlohmann::json(false)},
        };
    });
}

void begin_session(app::App& app, http::Request& req, http::Response& res, const std::string& user_id) {
    // The gate may have queued "forget mc_session" for a stale cookie; the new cookie wins.
    std::erase_if(req.pending_cookies, [](const http::Cookie& c) { return c.name == session_cookie; });
    auto sql = app.db->lease();
    if (auto old = req.cookies.find(session_cookie); old != req.cookies.end()) end_session(*sql, old->second);
    auto session = create_session(*sql, user_id);
    res.set_cookie(session_cookie_value(app, session.token, session_idle_seconds));
}

void add_field_errors(const app::App& app, const http::Request& req, const FieldErrors& errors, nlohmann::json& ctx) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& [field, key] : errors) {
        auto message = app.catalog.text(req.locale, key);
        list.push_back(message);
        ctx["field_errors"][field] = message;
    }
    ctx["errors"] = list;
}

nlohmann::json locale_options(const app::App& app, const http::Request& req, const std::string& selected) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& l : app.catalog.locales())
        out.push_back({{"value", l}, {"label", app.catalog.text(req.locale, "accounts.languages." + l)},
                       {"selected", l == selected}});
    return out;
}

} // namespace mc::accounts
