// Create an account, sign in, sign out.
#include <algorithm>

#include <spdlog/spdlog.h>

#include "accounts/roles.hpp"
#include "accounts/session_store.hpp"
#include "accounts/sign_in_throttle.hpp"
#include "accounts/sign_up_store.hpp"
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
    return app.views->page(req, "accounts/sign_up", ctx, errors.empty() ? 200 : http_status(Errc::invalid));
}

Response sign_in_page(app::App& app, const Request& req, const std::string& email, const std::string& next,
                      bool failed) {
    nlohmann::json ctx{{"title_key", "accounts.sign_in.title"}, {"email", email}, {"next", next}};
    if (failed) ctx["errors"] = nlohmann::json::array({app.t(req, "accounts.errors.sign_in_failed")});
    return app.views->page(req, "accounts/sign_in", ctx, failed ? http_status(Errc::invalid) : 200);
}

// A stored hash to verify against when the email is unknown, so both answers take as long.
const std::string& decoy_hash() {
    static const std::string hash = crypto::password_hash("not-a-real-password-decoy").value_or("");
    return hash;
}

// The same page whether or not the address has an account: what happens next is in the email.
Response sign_up_sent(app::App& app, const Request& req, const std::string& email) {
    return app.views->page(req, "accounts/sign_up_sent", {{"title_key", "accounts.sign_up.title"}, {"email", email}});
}

// Sign-up never says whether an email has an account (OWASP ASVS 2.2 / 3.x enumeration): a new
// address gets a link that creates the account; the owner of an existing one is told that
// someone tried, with links to sign in or reset. Both pay for the password hash, so both take
// as long; both answer with the same page.
Result<Response> post_sign_up(app::App& app, Request& req) {
    SignUp input{trim(req.form_value("name")), normalize_email(req.form_value("email")), req.form_value("password"),
                 req.form_value("locale")};
    auto errors = validate_sign_up(input, app.catalog.locales());
    if (!errors.empty()) return sign_up_page(app, req, input, errors);
    auto hash = TRY(crypto::password_hash(input.password));
    auto sql = app.db->lease();
    db::WriteTx tx(*sql);
    if (recent_sign_up_emails(*sql, input.email) >= max_sign_up_emails_per_hour) return sign_up_sent(app, req, input.email);
    if (auto owner = find_user_by_email(*sql, input.email)) {
        note_existing_sign_up(*sql, input.email);
        auto subject = app.catalog.text(owner->locale, "accounts.sign_up_exists_email.subject");
        auto body = app.catalog.format(owner->locale, "accounts.sign_up_exists_email.body",
                                       {{"name", owner->display_name},
                                        {"sign_in", app.config.base_url + "/sign-in"},
                                        {"reset", app.config.base_url + "/password/forgot"}});
        enqueue_email(*sql, owner->email, subject, body);
        tx.commit();
        spdlog::info("accounts: sign-up tried for the existing user {}", owner->id);
        return sign_up_sent(app, req, input.email);
    }
    auto token = create_sign_up_request(*sql, {input.email, input.display_name, hash, input.locale});
    auto subject = app.catalog.text(input.locale, "accounts.sign_up_email.subject");
    auto body = app.catalog.format(input.locale, "accounts.sign_up_email.body",
                                   {{"name", input.display_name},
                                    {"link", app.config.base_url + "/sign-up/confirm/" + token},
                                    {"hours", std::to_string(sign_up_link_seconds / 3600)}});
    enqueue_email(*sql, input.email, subject, body);
    tx.commit();
    return sign_up_sent(app, req, input.email);
}

// The link from the email: creates the educator's account and signs them in.
Result<Response> confirm_sign_up(app::App& app, Request& req) {
    std::string user_id, locale;
    {
        auto sql = app.db->lease();
        db::WriteTx tx(*sql);
        auto pending = take_sign_up_request(*sql, req.param("token"));
        if (!pending) {
            auto res = app.views->page(req, "accounts/sign_up_invalid", {{"title_key", "accounts.sign_up.invalid_title"}}, 404);
            res.header("Referrer-Policy", "no-referrer");
            return res;
        }
        auto created = create_user(*sql, pending->email, pending->password_hash, pending->display_name, pending->locale,
                                   educator);
        if (!created) {
            if (created.error().code != Errc::conflict) return std::unexpected(created.error());
            tx.commit(); // the link is used up either way
            return Response::redirect("/sign-in");
        }
        user_id = *created;
        locale = pending->locale;
        tx.commit();
    }
    spdlog::info("accounts: new educator {}", user_id);
    auto res = Response::redirect("/dashboard?notice=account_welcome");
    res.header("Referrer-Policy", "no-referrer");
    begin_session(app, req, res, user_id);
    res.set_cookie({.name = "mc_lang", .value = locale, .max_age = 365L * 24 * 3600, .http_only = true,
                    .secure = app.config.secure_cookies});
    return res;
}

// The browser's mc_device cookie, if it looks like one we set.
std::string device_token(const Request& req) {
    auto c = req.cookies.find(device_cookie);
    if (c == req.cookies.end() || c->second.size() < 20 || c->second.size() > 128) return "";
    return c->second;
}

// "Try again in 2 minutes": the wait rounded up to what people read.
std::string wait_text(app::App& app, const Request& req, long long seconds) {
    if (seconds < 60) return app.catalog.format(req.locale, "accounts.sign_in.wait_seconds", {{"count", std::to_string(seconds)}});
    return app.catalog.format(req.locale, "accounts.sign_in.wait_minutes", {{"count", std::to_string((seconds + 59) / 60)}});
}

Response throttled_page(app::App& app, const Request& req, const std::string& email, const std::string& next,
                        long long wait) {
    nlohmann::json ctx{{"title_key", "accounts.sign_in.title"}, {"email", email}, {"next", next}};
    ctx["errors"] = nlohmann::json::array(
        {app.catalog.format(req.locale, "accounts.errors.rate_limited", {{"wait", wait_text(app, req, wait)}})});
    auto res = app.views->page(req, "accounts/sign_in", ctx, 429);
    res.header("Retry-After", std::to_string(wait));
    return res;
}

// See sign_in_throttle.hpp for the policy.
Result<Response> post_sign_in(app::App& app, Request& req) {
    std::string email = normalize_email(req.form_value("email"));
    std::string password = req.form_value("password");
    std::string next = safe_next(req.form_value("next"));
    std::string device = device_token(req);
    std::string by_email = "email:" + email, by_address = "ip:" + req.remote_addr;
    std::string by_device = device.empty() ? "" : "device:" + crypto::sha256_hex(device) + ":" + email;
    long long now = now_seconds();
    std::optional<User> user;
    bool known_device = false;
    {
        auto sql = app.db->lease();
        user = find_user_by_email(*sql, email);
        if (user && !device.empty() && is_known_device(*sql, device, user->id))
            known_device = recent_failures(*sql, by_device, now - account_budget.window).count < device_free_failures;
        if (!known_device) {
            // Counted whether or not the email has an account, so the wait reveals nothing.
            auto account = recent_failures(*sql, by_email, now - account_budget.window);
            auto address = recent_failures(*sql, by_address, now - address_budget.window);
            long long wait = std::max(guess_wait(account_budget, account.count, account.last_at, now),
                                      guess_wait(address_budget, address.count, address.last_at, now));
            if (wait > 0) {
                spdlog::info("accounts: sign-in slowed for {} s (account failures {}, address failures {})", wait,
                             account.count, address.count);
                return throttled_page(app, req, email, next, wait);
            }
        }
    }
    bool ok = false;
    if (user)
        ok = crypto::password_verify(user->password_hash, password);
    else
        (void)crypto::password_verify(decoy_hash(), password);
    if (!ok || user->disabled) {
        auto sql = app.db->lease();
        db::WriteTx tx(*sql);
        if (known_device) {
            record_failure(*sql, by_device); // the owner's typo on their own phone costs the account nothing
        } else {
            record_failure(*sql, by_email);
            record_failure(*sql, by_address);
        }
        tx.commit();
        return sign_in_page(app, req, email, next, true);
    }
    if (device.empty()) device = crypto::random_token(32);
    {
        auto sql = app.db->lease();
        db::WriteTx tx(*sql);
        clear_failures(*sql, by_email);
        clear_failures(*sql, "device:" + crypto::sha256_hex(device) + ":" + email);
        remember_device(*sql, device, user->id);
        tx.commit();
    }
    auto res = Response::redirect(next);
    begin_session(app, req, res, user->id);
    res.set_cookie({.name = std::string(device_cookie), .value = device, .max_age = device_cookie_seconds,
                    .http_only = true, .secure = app.config.secure_cookies});
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
    app.router.get("/sign-up/confirm/{token}", AccessRule::anyone(),
                   [self](Request& req) { return confirm_sign_up(*self, req); });

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
