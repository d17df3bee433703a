// Authoring in the browser: the list of micro-credentials, creating one, and the version page
// (edit a draft, publish it, start a new draft, retire). Admins only; the router checks the role.
#include <algorithm>
#include <charconv>
#include <ctime>

#include "accounts/roles.hpp"
#include "catalog/catalog_web.hpp"
#include "catalog/content_form.hpp"
#include "catalog/content_form_view.hpp"
#include "catalog/recommendation_store.hpp"
#include "platform/db/database.hpp"

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

// The credit recommendations of one micro-credential as a form (issue 11 section 5): one row per
// recommendation and blank rows to add one, up to kMaxRecommendations; a row left wholly blank is
// dropped. Checked by recommendations_from_json, each message shown at its field; nothing saved
// unless every row is right.
constexpr const char* kRecFields[] = {"semester_hours", "level", "subject", "effective_from", "effective_to"};

std::string hours_text(double h) {
    char buf[16];
    auto r = std::to_chars(buf, buf + sizeof buf, h);
    return std::string(buf, r.ptr);
}

http::Response recommendations_page(app::App& app, const http::Request& req, const AuthoringEntry& entry, json rows,
                                    const std::vector<std::string>& errors, int status) {
    const std::size_t want = std::min(kMaxRecommendations, rows.size() + 2); // two blank rows to add more
    while (rows.size() < want) {
        json blank = json::object();
        for (const auto* f : kRecFields) blank[f] = "";
        rows.push_back(blank);
    }
    for (std::size_t i = 0; i < rows.size(); ++i) {
        auto& row = rows[i];
        row["index"] = i;
        row["number"] = i + 1;
        json options = json::array();
        for (auto level : kCreditLevels)
            options.push_back({{"value", std::string(level)},
                               {"label", app.t(req, "catalog.credit_recommendations.levels." + std::string(level))},
                               {"selected", row.value("level", "") == level}});
        row["levels"] = options;
    }
    json ctx{{"title_key", "catalog.credit_recommendations.admin.title"},
             {"slug", entry.slug},
             {"name", req.locale == "es" && !entry.title_es.empty() ? entry.title_es : entry.title_en},
             {"rows", rows},
             {"errors", errors},
             {"has_errors", !errors.empty()},
             {"saved", req.query_value("done") == "saved"}};
    return app.views->page(req, "catalog/admin_recommendations", ctx, status);
}

Result<http::Response> show_recommendations(app::App& app, http::Request& req) {
    auto sql = lease(app);
    auto entry = TRY(find_for_authoring(*sql, req.param("slug")));
    json rows = json::array();
    for (const auto& r : recommendations_for(*sql, kMicroCredential, entry.slug))
        rows.push_back({{"semester_hours", hours_text(r.semester_hours)}, {"level", r.level}, {"subject", r.subject},
                        {"effective_from", r.effective_from}, {"effective_to", r.effective_to}});
    return recommendations_page(app, req, entry, rows, {}, 200);
}

Result<http::Response> save_recommendations(app::App& app, http::Request& req) {
    auto sql = lease(app);
    auto entry = TRY(find_for_authoring(*sql, req.param("slug")));
    json rows = json::array(), list = json::array();
    std::vector<std::size_t> row_of; // list index -> row index, to put each message at its row
    for (std::size_t i = 0; i < kMaxRecommendations; ++i) {
        json row = json::object();
        bool any = false;
        for (const auto* f : kRecFields) {
            auto v = req.form_value(std::string(f) + "_" + std::to_string(i));
            if (v.size() > 200) v.resize(200); // bounded before use; the check names it anyway
            row[f] = v;
            any = any || !v.empty();
        }
        if (!any) continue;
        json item{{"level", row["level"]}, {"subject", row["subject"]}, {"effective_from", row["effective_from"]}};
        const std::string hours = row["semester_hours"];
        double h = 0;
        auto parsed = std::from_chars(hours.data(), hours.data() + hours.size(), h);
        if (!hours.empty() && parsed.ec == std::errc() && parsed.ptr == hours.data() + hours.size()) item["semester_hours"] = h;
        if (!row["effective_to"].get<std::string>().empty()) item["effective_to"] = row["effective_to"];
        row_of.push_back(rows.size());
        rows.push_back(row);
        list.push_back(item);
    }
    std::vector<ContentIssue> issues;
    auto parsed = recommendations_from_json({{"recommendations", list}}, issues);
    if (!parsed) {
        std::vector<std::string> errors;
        for (const auto& issue : issues) {
            // "recommendations.N.field"
            auto rest = issue.field.substr(std::min(issue.field.size(), std::string("recommendations.").size()));
            auto dot = rest.find('.');
            std::size_t n = 0;
            auto digits = std::from_chars(rest.data(), rest.data() + (dot == std::string::npos ? rest.size() : dot), n);
            auto message = app.t(req, issue.key);
            if (digits.ec == std::errc() && dot != std::string::npos && n < row_of.size())
                rows[row_of[n]]["error_" + rest.substr(dot + 1)] = message;
            errors.push_back(message);
        }
        return recommendations_page(app, req, entry, rows, errors, 422);
    }
    db::WriteTx tx(*sql);
    replace_recommendations(*sql, kMicroCredential, entry.slug, *parsed, req.principal.user_id,
                            static_cast<long long>(std::time(nullptr)));
    tx.commit();
    return http::Response::redirect("/admin/catalog/" + entry.slug + "/credit-recommendations?done=saved");
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
    r.get("/admin/catalog/{slug}/credit-recommendations", kAdmins,
          [self](http::Request& req) { return show_recommendations(*self, req); });
    r.post("/admin/catalog/{slug}/credit-recommendations", kAdmins,
           [self](http::Request& req) { return save_recommendations(*self, req); });
}

} // namespace mc::catalog
