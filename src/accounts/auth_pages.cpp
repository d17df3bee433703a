// Create an account, sign in, sign out.
#include <spdlog/spdlog.h>

#include "accounts/roles.hpp"
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

Response sign_up_page(app::App& app, const Request& req, const SignUp& input, const FieldErrors& errors) {
    nlohmann::json ctx{{"title_key", "accounts.sign_up.title"},
                       {"name", input.display_name},
                       {"email", input.email},
                       {"languages", locale_options(app, req, input.locale.empty() ? req.locale : input.locale)},
                       {"min_password", min_password_length}};
    add_field_errors(app, req, errors, ctx);
    return app.views->page(req, "accounts/sign_up", ctx, errors.empty() ? 200 : 422);
}

Response sign_in_page(app::App& app, const Request& req, const std::string& email, const std::string& next,
                      bool failed) {
    nlohmann::json ctx{{"title_key", "accounts.sign_in.title"}, {"email", email}, {"next", next}};
    if (failed) ctx["errors"] = nlohmann::json::array({app.t(req, "accounts.errors.sign_in_failed")});
    return app.views->page(req, "accounts/sign_in", ctx, failed ? 422 : 200);
}

// A stored hash to verify against when the email is unknown, so both answers take as long.
const std::string& decoy_hash() {
    static const std::string hash = crypto::password_hash("not-a-real-password-decoy").value_or("");
    return hash;
}

Result<Response> post_sign_up(app::App& app, Request& req) {
    SignUp input{trim(req.form_value("name")), normalize_email(req.form_value("email")), req.form_value("password"),
                 req.form_value("locale")};
    auto errors = validate_sign_up(input, app.catalog.locales());
    if (!errors.empty()) return sign_up_page(app, req, input, errors);
    auto hash = TRY(crypto::password_hash(input.password));
    std::string user_id;
    {
        auto sql = app.db->lease();
        db::WriteTx tx(*sql);
        auto created = create_user(*sql, input.email, hash, input.display_name, input.locale, educator);
        if (!created) {
            if (created.error().code != Errc::conflict) return std::unexpected(created.error());
            return sign_up_page(app, req, input, {{"email", created.error().key}});
        }
        user_id = *created;
        tx.commit();
    }
    spdlog::info("accounts: new educator {}", user_id);
    auto res = Response::redirect("/dashboard?notice=account_welcome");
    begin_session(app, req, res, user_id);
    res.set_cookie({.name = "mc_lang", .value = input.locale, .max_age = 365L * 24 * 3600, .http_only = true,
                    .secure = app.config.secure_cookies});
    return res;
}

Result<Response> post_sign_in(app::App& app, Request& req) {
    std::string email = normalize_email(req.form_value("email"));
    std::string password = req.form_value("password");
    std::string next = safe_next(req.form_value("next"));
    std::string by_email = "email:" + email, by_address = "ip:" + req.remote_addr;
    std::optional<User> user;
    {
        auto sql = app.db->lease();
        // Counted whether or not the email has an account, so the limit reveals nothing.
        if (recent_failures(*sql, by_email) >= max_failures_per_email ||
            recent_failures(*sql, by_address) >= max_failures_per_address)
            return fail(Errc::rate_limited, "accounts.errors.rate_limited", "sign-in rate limit");
        user = find_user_by_email(*sql, email);
    }
    bool ok = false;
    if (user)
        ok = crypto::password_verify(user->password_hash, password);
    else
        (void)crypto::password_verify(decoy_hash(), password);
    if (!ok || user->disabled) {
        auto sql = app.db->lease();
        db::WriteTx tx(*sql);
        record_failure(*sql, by_email);
        record_failure(*sql, by_address);
        tx.commit();
        return sign_in_page(app, req, email, next, true);
    }
    {
        auto sql = app.db->lease();
        clear_failures(*sql, by_email);
    }
    auto res = Response::redirect(next);
    begin_session(app, req, res, user->id);
    return res;
}

} // namespace

void install_auth_pages(app::App& app) {
    app::App* self = &app;
    app.router.get("/sign-up", AccessRule::anyone(), [self](Request& req) -> Result<Response> {
        if (req.principal.signed_in()) return Response::redirect("/dashboard");
        return sign_up_page(*self, req, {}, {});
    });
    app.router.post("/sign-up", AccessRule::anyone(), [self](Request& req) { return post_sign_up(*self, req); });

    app.router.get("/sign-in", AccessRule::anyone(), [self](Request& req) -> Result<Response> {
        auto next = safe_next(req.query_value("next"));
        if (req.principal.signed_in()) return Response::redirect(next);
        return sign_in_page(*self, req, "", next, false);
    });
    app.router.post("/sign-in", AccessRule::anyone(), [self](Request& req) { return post_sign_in(*self, req); });

    app.router.post("/sign-out", AccessRule::anyone(), [self](Request& req) -> Result<Response> {
        if (auto c = req.cookies.find(session_cookie); c != req.cookies.end()) {
            auto sql = self->db->lease();
            end_session(*sql, c->second);
        }
        auto res = Response::redirect("/?notice=account_signed_out");
        std::erase_if(req.pending_cookies, [](const http::Cookie& c) { return c.name == session_cookie; });
        res.set_cookie(session_cookie_value(*self, "", 0));
        return res;
    });
}

} // namespace mc::accounts
