// Authoring in the browser: the list of micro-credentials, creating one, and the version page
// (edit a draft, publish it, start a new draft, retire). Admins only; the router checks the role.
#include "accounts/roles.hpp"
#include "catalog/catalog_web.hpp"
#include "catalog/content_form.hpp"
#include "catalog/content_form_view.hpp"

namespace mc::catalog {

using nlohmann::json;

namespace {

const auto kAdmins = http::AccessRule::roles(accounts::program_admin | accounts::agency_admin);

std::string status_label(const app::App& app, const http::Request& req, const std::string& status) {
    return app.t(req, "catalog.status." + status);
}

// What just happened, after a redirect (?done=published): a catalog text, or false.
json done_message(const app::App& app, const http::Request& req) {
    auto done = req.query_value("done");
    if (done != "published" && done != "draft_created" && done != "retired") return false;
    return app.t(req, "catalog.done." + done);
}

std::string version_url(const std::string& slug, int version) {
    return "/admin/catalog/" + slug + "/versions/" + std::to_string(version);
}

Result<http::Response> list_page(app::App& app, http::Request& req) {
    std::vector<AuthoringEntry> entries;
    {
        auto sql = lease(app);
        entries = list_for_authoring(*sql);
    }
    json rows = json::array();
    for (const auto& e : entries)
        rows.push_back({{"slug", e.slug}, {"title", req.locale == "es" && !e.title_es.empty() ? e.title_es : e.title_en},
                        {"competency", e.competency_code}, {"version", std::to_string(e.version)},
                        {"status", e.status}, {"status_label", status_label(app, req, e.status)},
                        {"url", version_url(e.slug, e.version)},
                        {"published", e.published_version ? json(std::to_string(e.published_version)) : json(false)}});
    return app.views->page(req, "catalog/admin_list",
                           {{"title_key", "catalog.admin.title"}, {"rows", rows}, {"empty", rows.empty()},
                            {"done", done_message(app, req)}});
}

// The "new micro-credential" form, with the competencies of the framework to choose from.
http::Response new_page(app::App& app, const http::Request& req, json ctx, int status) {
    json competencies = json::array();
    {
        auto sql = lease(app);
        if (auto f = load_framework(*sql))
            for (const auto& a : f->areas)
                for (const auto& c : a.competencies)
                    competencies.push_back({{"code", c.code},
                                            {"label", a.title.in(req.locale) + " — " + c.title.in(req.locale)},
                                            {"selected", ctx.value("competency", "") == c.code}});
    }
    ctx["competencies"] = competencies;
    ctx["title_key"] = "catalog.admin.new_title";
    return app.views->page(req, "catalog/admin_new", ctx, status);
}

Result<http::Response> create(app::App& app, http::Request& req) {
    json ctx{{"slug", req.form_value("slug")}, {"competency", req.form_value("competency")},
             {"title_en", req.form_value("title_en")}, {"title_es", req.form_value("title_es")}};
    json errors = json::array();
    auto field_error = [&](const char* field, const std::string& key) {
        auto message = app.t(req, key);
        ctx["err_" + std::string(field)] = message;
        errors.push_back(message);
    };
    if (!valid_slug(req.form_value("slug"))) field_error("slug", "catalog.errors.slug");
    if (req.form_value("title_en").empty()) field_error("title_en", "catalog.errors.needs_english");
    if (req.form_value("competency").empty()) field_error("competency", "catalog.errors.unknown_competency");
    if (errors.empty()) {
        auto content = starter_content(req.form_value("title_en"), req.form_value("title_es"),
                                       app.catalog.text("en", "catalog.starter.placeholder"),
                                       app.catalog.text("es", "catalog.starter.placeholder"));
        auto sql = lease(app);
        auto made = create_micro_credential(*sql, req.form_value("slug"), req.form_value("competency"), content,
                                            req.principal.user_id);
        if (made) return http::Response::redirect(version_url(req.form_value("slug"), 1) + "?notice=saved");
        if (made.error().code == Errc::internal) return std::unexpected(made.error());
        field_error(made.error().key == "catalog.errors.unknown_competency" ? "competency" : "slug", made.error().key);
    }
    ctx["errors"] = errors;
    ctx["has_errors"] = !errors.empty();
    return new_page(app, req, ctx, http_status(Errc::invalid));
}

// The version page: an editing form for a draft, a read-only view otherwise.
http::Response version_page(app::App& app, const http::Request& req, const VersionRecord& v, const json& content,
                            const std::vector<ContentIssue>& issues, const std::string& json_text, int status) {
    json ctx = edit_form_view(app, req, content, issues);
    bool draft = v.status == "draft";
    ctx["title"] = app.catalog.format(req.locale, "catalog.edit.title",
                                      {{"slug", v.slug}, {"version", std::to_string(v.version)}});
    ctx["slug"] = v.slug;
    ctx["version"] = std::to_string(v.version);
    ctx["status"] = v.status;
    ctx["status_label"] = status_label(app, req, v.status);
    ctx["draft"] = draft;
    ctx["published"] = v.status == "published";
    ctx["action"] = version_url(v.slug, v.version);
    ctx["json_text"] = json_text.empty() ? content.dump(2) : json_text;
    ctx["errors"] = issue_messages(app, req, issues);
    ctx["has_errors"] = !issues.empty();
    if (!draft) ctx.update(json{{"preview", content_view(app, req, v.content, req.locale)}});
    ctx["done"] = done_message(app, req);
    return app.views->page(req, "catalog/edit", ctx, status);
}

Result<http::Response> show_version(app::App& app, http::Request& req) {
    auto v = TRY(version_from_route(app, req));
    return version_page(app, req, v, to_json(v.content), {}, "", 200);
}

// Saves content from either form; on problems re-renders with 422 and saves nothing.
Result<http::Response> save(app::App& app, http::Request& req, const VersionRecord& v, const json& content,
                            const std::string& json_text, std::vector<ContentIssue> issues) {
    if (v.status != "draft") return fail(Errc::conflict, "catalog.errors.immutable", "version " + v.id);
    if (issues.empty()) issues = validate_content(content);
    if (!issues.empty()) return version_page(app, req, v, content, issues, json_text, http_status(Errc::invalid));
    auto sql = lease(app);
    TRY(save_draft(*sql, v.id, content));
    return http::Response::redirect(version_url(v.slug, v.version) + "?notice=saved");
}

Result<http::Response> save_form(app::App& app, http::Request& req) {
    auto v = TRY(version_from_route(app, req));
    if (v.status != "draft") return fail(Errc::conflict, "catalog.errors.immutable", "version " + v.id);
    json content = content_from_form(req.form);
    // "Add a row" re-shows the form with one more empty row; nothing is saved yet.
    if (auto add = req.form_value("add"); !add.empty() && add_row(content, add))
        return version_page(app, req, v, content, {}, "", 200);
    return save(app, req, v, content, "", {});
}

Result<http::Response> save_json(app::App& app, http::Request& req) {
    auto v = TRY(version_from_route(app, req));
    auto text = req.form_value("content_json");
    auto content = json::parse(text, nullptr, false);
    if (content.is_discarded()) {
        std::vector<ContentIssue> bad{{"content_json", "catalog.errors.bad_json", "not JSON"}};
        return save(app, req, v, to_json(v.content), text, bad);
    }
    return save(app, req, v, content, text, {});
}

Result<http::Response> publish(app::App& app, http::Request& req) {
    auto v = TRY(version_from_route(app, req));
    auto sql = lease(app);
    TRY(publish_version(*sql, v.id, req.principal.user_id));
    return http::Response::redirect(version_url(v.slug, v.version) + "?done=published");
}

Result<http::Response> draft_from_published(app::App& app, http::Request& req) {
    auto sql = lease(app);
    auto entry = TRY(find_for_authoring(*sql, req.param("slug")));
    TRY(new_draft(*sql, entry.micro_credential_id));
    return http::Response::redirect(version_url(entry.slug, entry.version + 1) + "?done=draft_created");
}

Result<http::Response> retire_page(app::App& app, http::Request& req) {
    auto sql = lease(app);
    auto entry = TRY(find_for_authoring(*sql, req.param("slug")));
    TRY(retire(*sql, entry.micro_credential_id));
    return http::Response::redirect("/admin/catalog?done=retired");
}

} // namespace

void install_authoring_pages(app::App& app) {
    app::App* self = &app;
    auto& r = app.router;
    r.get("/admin/catalog", kAdmins, [self](http::Request& req) { return list_page(*self, req); });
    r.get("/admin/catalog/new", kAdmins, [self](http::Request& req) -> Result<http::Response> {
        return new_page(*self, req, json::object(), 200);
    });
    r.post("/admin/catalog/new", kAdmins, [self](http::Request& req) { return create(*self, req); });
    r.get("/admin/catalog/{slug}/versions/{version}", kAdmins, [self](http::Request& req) { return show_version(*self, req); });
    r.post("/admin/catalog/{slug}/versions/{version}", kAdmins, [self](http::Request& req) { return save_form(*self, req); })
        .body_limit = 512 * 1024;
    r.post("/admin/catalog/{slug}/versions/{version}/json", kAdmins,
           [self](http::Request& req) { return save_json(*self, req); })
        .body_limit = 512 * 1024;
    r.post("/admin/catalog/{slug}/versions/{version}/publish", kAdmins,
           [self](http::Request& req) { return publish(*self, req); });
    r.post("/admin/catalog/{slug}/new-draft", kAdmins, [self](http::Request& req) { return draft_from_published(*self, req); });
    r.post("/admin/catalog/{slug}/retire", kAdmins, [self](http::Request& req) { return retire_page(*self, req); });
}

} // namespace mc::catalog
