// "I forgot my password": a one-time link by email, valid one hour, that sets a new password
// and ends every session of the account (whoever else was signed in is out) and forgets the
// devices known for it (sign_in_throttle.hpp).
#include <spdlog/spdlog.h>

#include "accounts/session_store.hpp"
#include "accounts/user_store.hpp"
#include "accounts/web.hpp"
#include "platform/crypto/random.hpp"
#include "platform/db/database.hpp"

namespace mc::accounts {

namespace {

using http::AccessRule;
using http::Request;
using http::Response;

constexpr int max_resets_per_hour = 3; // a form anyone can post must not become a mail cannon

void send_reset_link(app::App& app, const std::string& email) {
    auto sql = app.db->lease();
    db::WriteTx tx(*sql);
    auto user = find_user_by_email(*sql, email);
    if (!user || user->disabled) return;
    if (password_resets_since(*sql, user->id, now_seconds() - 3600) >= max_resets_per_hour) return;
    auto token = create_password_reset(*sql, user->id);
    auto link = app.config.base_url + "/password/reset/" + token;
    auto subject = app.catalog.text(user->locale, "accounts.reset_email.subject");
    auto body = app.catalog.format(user->locale, "accounts.reset_email.body",
                                   {{"name", user->display_name}, {"link", link}, {"minutes", "60"}});
    enqueue_email(*sql, user->email, subject, body);
    tx.commit();
    spdlog::info("accounts: password reset link queued for user {}", user->id);
}

Response reset_page(app::App& app, const Request& req, const FieldErrors& errors) {
    nlohmann::json ctx{{"title_key", "accounts.reset.title"}, {"token", req.param("token")},
                       {"min_password", min_password_length}};
    add_field_errors(app, req, errors, ctx);
    auto res = app.views->page(req, "accounts/reset", ctx, errors.empty() ? 200 : http_status(Errc::invalid));
    // The token is in this page's URL: never hand it to another site in a Referer header.
    res.header("Referrer-Policy", "no-referrer");
    return res;
}

Response invalid_link(app::App& app, const Request& req) {
    auto res = app.views->page(req, "accounts/reset_invalid", {{"title_key", "accounts.reset.invalid_title"}}, 404);
    res.header("Referrer-Policy", "no-referrer");
    return res;
}

} // namespace

void install_password_pages(app::App& app) {
    app::App* self = &app;
    app.router.get("/password/forgot", AccessRule::anyone(), [self](Request& req) -> Result<Response> {
        return self->views->page(req, "accounts/forgot", {{"title_key", "accounts.forgot.title"}});
    });
    app.router.post("/password/forgot", AccessRule::anyone(), [self](Request& req) -> Result<Response> {
        auto email = normalize_email(req.form_value("email"));
        if (!plausible_email(email)) {
            nlohmann::json ctx{{"title_key", "accounts.forgot.title"}, {"email", email}};
            add_field_errors(*self, req, {{"email", "accounts.errors.email_invalid"}}, ctx);
            return self->views->page(req, "accounts/forgot", ctx, http_status(Errc::invalid));
        }
        send_reset_link(*self, email);
        // The same answer whether or not the address has an account.
        return self->views->page(req, "accounts/forgot_sent", {{"title_key", "accounts.forgot.title"}, {"email", email}});
    });

    app.router.get("/password/reset/{token}", AccessRule::anyone(), [self](Request& req) -> Result<Response> {
        std::optional<std::string> user;
        {
            auto sql = self->db->lease();
            user = reset_user(*sql, req.param("token"));
        }
        if (!user) return invalid_link(*self, req);
        return reset_page(*self, req, {});
    });
    app.router.post("/password/reset/{token}", AccessRule::anyone(), [self](Request& req) -> Result<Response> {
        auto password = req.form_value("password");
        auto errors = validate_new_password(password, req.form_value("password_confirm"));
        std::string hash;
        if (errors.empty()) hash = TRY(crypto::password_hash(password));
        auto sql = self->db->lease();
        db::WriteTx tx(*sql);
        auto user = reset_user(*sql, req.param("token"));
        if (!user) return invalid_link(*self, req);
        if (!errors.empty()) return reset_page(*self, req, errors);
        set_password(*sql, *user, hash);
        use_up_resets(*sql, *user);
        end_all_sessions(*sql, *user);
        forget_devices(*sql, *user);
        tx.commit();
        spdlog::info("accounts: password reset for user {}", *user);
        auto res = Response::redirect("/sign-in?notice=account_password_changed");
        std::erase_if(req.pending_cookies, [](const http::Cookie& c) { return c.name == session_cookie; });
        res.set_cookie(session_cookie_value(*self, "", 0));
        return res;
    });
}

} // namespace mc::accounts
