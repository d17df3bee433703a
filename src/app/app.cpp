#include "app/app.hpp"

#include <spdlog/spdlog.h>

#include "platform/crypto/random.hpp"
#include "platform/http/field_error.hpp"
#include "platform/http/redirects.hpp"
#include "platform/http/static_files.hpp"
#include "platform/templates/asset_version.hpp"
#include "platform/http/security_headers.hpp"

namespace mc::app {

std::string content_type_for(const std::filesystem::path& p) {
    auto ext = p.extension().string();
    if (ext == ".css") return "text/css; charset=utf-8";
    if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
    if (ext == ".svg") return "image/svg+xml";
    if (ext == ".png") return "image/png";
    if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
    if (ext == ".gif") return "image/gif";
    if (ext == ".ico") return "image/x-icon";
    if (ext == ".woff2") return "font/woff2";
    if (ext == ".woff") return "font/woff";
    if (ext == ".ttf") return "font/ttf";
    if (ext == ".json") return "application/json";
    if (ext == ".yaml" || ext == ".yml") return "application/yaml";
    if (ext == ".html") return "text/html; charset=utf-8";
    if (ext == ".txt") return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

http::Response App::error_response(const http::Request& req, const Error& e) const {
    int status = http_status(e.code);
    std::string message = catalog.text(req.locale, e.key.empty() ? "errors.internal" : e.key);
    // A field the edge refused (bad text, a JSON value of the wrong type): 422 naming it.
    auto field = http::error_field(e);
    if (!field.empty() || e.key == "errors.wrong_type" || e.key == "errors.invalid_text") {
        status = http_status(Errc::invalid);
        if (!field.empty()) message = catalog.format(req.locale, e.key + "_field", {{"field", field}});
    }
    if (req.wants_json()) {
        nlohmann::json body{{"error", {{"code", e.key}, {"message", message}, {"status", status}}}};
        // The field-error shape of docs/errors.md: a list of fields, each with its code and message.
        if (!field.empty())
            body["error"]["fields"] = nlohmann::json::array({{{"field", field}, {"code", e.key}, {"message", message}}});
        return http::Response::json(body.dump(), status);
    }
    // Anonymous visitors on a page that needs sign-in go to the sign-in page and come back.
    if (e.code == Errc::unauthenticated && req.method == "GET")
        return http::Response::redirect("/sign-in?next=" + http::percent_encode(req.target));
    if (req.is_htmx()) {
        auto res = views->fragment(req, "partials/error_inline", {{"message", message}}, status);
        // htmx ignores error statuses by default; show the message in place instead.
        res.status = 200;
        return res;
    }
    return views->page(req, "error", {{"title", message}, {"message", message}, {"status", status}}, status);
}

Result<std::unique_ptr<App>> App::create(Config config) {
    auto app = std::make_unique<App>();
    config.finish();
    app->config = std::move(config);
    auto& cfg = app->config;
    std::filesystem::create_directories(cfg.data_dir);
    std::filesystem::permissions(cfg.data_dir, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::replace);
    app->db = TRY(db::Database::open(cfg.database, std::max(4u, cfg.threads + 2)));
    TRY(app->db->migrate(cfg.migrations_dir()));
    TRY(app->catalog.load(cfg.web_dir() / "locales"));
    app->views = std::make_unique<web::Views>(cfg.web_dir() / "templates", app->catalog);

    App* self = app.get();
    app->base_gate = [self](http::Request& req) {
        auto lang = req.cookies.find("mc_lang");
        if (lang != req.cookies.end() && self->catalog.has_locale(lang->second))
            req.locale = lang->second;
        else
            req.locale = self->catalog.from_accept_language(req.header("accept-language"));
        auto csrf = req.cookies.find("mc_csrf");
        if (csrf != req.cookies.end() && csrf->second.size() >= 32) {
            req.principal.csrf_token = csrf->second;
        } else {
            req.principal.csrf_token = crypto::random_token(24);
            req.pending_cookies.push_back({.name = "mc_csrf", .value = req.principal.csrf_token, .max_age = std::nullopt,
                                           .http_only = true, .secure = self->config.secure_cookies,
                                           .same_site = "Strict"});
        }
    };
    app->router.set_gate(app->base_gate);
    app->router.set_error_renderer([self](const http::Request& req, const Error& e) { return self->error_response(req, e); });
    // Every routed answer (pages, APIs, errors, static files) gets the security headers.
    app->router.set_finisher([https = cfg.base_url.starts_with("https://")](const http::Request& req, http::Response& res) {
        http::add_security_headers(req, res, {.https = https});
    });

    // Static assets (USWDS, htmx, our CSS/JS): never user data, cacheable.
    auto static_root = std::filesystem::weakly_canonical(cfg.web_dir() / "static");
    web::set_asset_version(http::tree_version(static_root));
    app->router.get("/static/*", http::AccessRule::anyone(), [static_root](http::Request& req) -> Result<http::Response> {
        auto rel = req.param("*");
        if (rel.find("..") != std::string::npos) return fail(Errc::not_found, "errors.not_found", "traversal");
        auto path = std::filesystem::weakly_canonical(static_root / rel);
        if (!path.string().starts_with(static_root.string()) || !std::filesystem::is_regular_file(path))
            return fail(Errc::not_found, "errors.not_found", "no static " + rel);
        // Pages link assets as /static/...?v=<tree version>: those are kept for a year.
        return http::static_file(path, content_type_for(path), req.header("accept-encoding"),
                                 !req.query_value("v").empty());
    });

    // Language switch: remembers the choice in a cookie and returns to the same page.
    app->router.get("/lang/{lang}", http::AccessRule::anyone(), [self](http::Request& req) -> Result<http::Response> {
        auto lang = req.param("lang");
        if (!self->catalog.has_locale(lang)) return fail(Errc::not_found, "errors.not_found", "locale " + lang);
        auto res = http::Response::redirect(http::local_redirect_target(req.query_value("next")));
        res.set_cookie({.name = "mc_lang", .value = lang, .max_age = 365L * 24 * 3600,
                        .http_only = true, .secure = self->config.secure_cookies});
        return res;
    });

    // The OpenAPI description, assembled from docs/api/*.yaml into web/static by ./run and ./test.
    app->router.get("/api/openapi.yaml", http::AccessRule::anyone(), [static_root](http::Request&) -> Result<http::Response> {
        auto path = static_root / "openapi.yaml";
        if (!std::filesystem::is_regular_file(path)) return fail(Errc::not_found, "errors.not_found", "openapi.yaml not built");
        return http::Response::send_file(path, "application/yaml");
    });

    app->router.get("/healthz", http::AccessRule::anyone(), [](http::Request&) -> Result<http::Response> {
        return http::Response::text("ok");
    });
    return app;
}

} // namespace mc::app
