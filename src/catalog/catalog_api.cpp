// The catalog's JSON API under /api/v1 (documented in docs/api/catalog.yaml). Reading is open
// to anyone, like the catalog pages; drafts and publishing are for admins.
#include <ctime>

#include "accounts/roles.hpp"
#include "catalog/catalog_web.hpp"
#include "catalog/recommendation_store.hpp"
#include "platform/http/json_body.hpp"

namespace mc::catalog {

using nlohmann::json;

namespace {

const auto kAdmins = http::AccessRule::roles(accounts::program_admin | accounts::agency_admin);

json text_json(const Text& t) { return {{"en", t.en}, {"es", t.es}}; }

json summary_json(const CatalogEntry& e) {
    const auto& c = e.version.content;
    return {{"slug", e.version.slug},
            {"id", e.version.micro_credential_id},
            {"version", e.version.version},
            {"version_id", e.version.id},
            {"title", text_json(c.title)},
            {"summary", text_json(c.summary)},
            {"area", {{"code", e.area.code}, {"title", text_json(e.area.title)}}},
            {"competency", {{"code", e.competency.code}, {"title", text_json(e.competency.title)}}},
            {"estimated_hours", c.estimated_hours},
            {"credit", {{"clock_hours", c.credit.clock_hours}, {"ceus", c.credit.ceus},
                        {"college_credit_hours", c.credit.college_credit_hours}}},
            {"languages", c.languages}};
}

json version_json(const VersionRecord& v) {
    return {{"slug", v.slug}, {"id", v.micro_credential_id}, {"version", v.version}, {"version_id", v.id},
            {"status", v.status}, {"published_at", v.published_at ? json(v.published_at) : json(nullptr)},
            {"content", to_json(v.content)}};
}

http::Response ok(const json& body, int status = 200) { return http::Response::json(body.dump(), status); }

// 422 with every problem, each naming its field, so a client can show them all.
http::Response invalid(const app::App& app, const http::Request& req, const std::vector<ContentIssue>& issues) {
    json list = json::array();
    for (const auto& i : issues)
        list.push_back({{"field", i.field}, {"code", i.key}, {"message", app.catalog.text(req.locale, i.key)},
                        {"detail", i.detail}});
    json body{{"error", {{"code", "catalog.invalid_content"}, {"status", http_status(Errc::invalid)},
                         {"message", app.t(req, "catalog.invalid_content")}, {"issues", list}}}};
    return ok(body, http_status(Errc::invalid));
}

Result<http::Response> framework(app::App& app, http::Request& req) {
    auto sql = lease(app);
    auto f = TRY(load_framework(*sql, req.param("slug")));
    json areas = json::array();
    for (const auto& a : f.areas) {
        json comps = json::array();
        for (const auto& c : a.competencies)
            comps.push_back({{"code", c.code}, {"title", text_json(c.title)}, {"description", text_json(c.description)}});
        areas.push_back({{"code", a.code}, {"position", a.position}, {"title", text_json(a.title)},
                         {"description", text_json(a.description)}, {"competencies", comps}});
    }
    return ok({{"slug", f.slug}, {"title", text_json(f.title)}, {"description", text_json(f.description)},
               {"areas", areas}});
}

Result<http::Response> list(app::App& app, http::Request& req) {
    auto area = req.query_value("area"), competency = req.query_value("competency"), language = req.query_value("language");
    std::vector<CatalogEntry> entries;
    {
        auto sql = lease(app);
        entries = list_published(*sql);
    }
    json items = json::array();
    for (const auto& e : entries) {
        const auto& langs = e.version.content.languages;
        if (!area.empty() && e.area.code != area) continue;
        if (!competency.empty() && e.competency.code != competency) continue;
        if (!language.empty() && std::find(langs.begin(), langs.end(), language) == langs.end()) continue;
        items.push_back(summary_json(e));
    }
    return ok({{"items", items}});
}

Result<http::Response> one(app::App& app, http::Request& req) {
    auto sql = lease(app);
    auto e = TRY(find_published(*sql, req.param("slug")));
    json body = summary_json(e);
    body["content"] = to_json(e.version.content);
    body["published_at"] = e.version.published_at;
    return ok(body);
}

Result<http::Response> create_draft(app::App& app, http::Request& req) {
    auto sql = lease(app);
    auto entry = TRY(find_for_authoring(*sql, req.param("slug")));
    auto id = TRY(new_draft(*sql, entry.micro_credential_id));
    return ok(version_json(TRY(load_version(*sql, id))), 201);
}

Result<http::Response> put_draft(app::App& app, http::Request& req) {
    auto v = TRY(version_from_route(app, req));
    if (v.status != "draft") return fail(Errc::conflict, "catalog.errors.immutable", "version " + v.id);
    auto content = json::parse(req.body, nullptr, false);
    if (content.is_discarded()) return invalid(app, req, {{"", "catalog.errors.bad_json", "body is not JSON"}});
    // Accept the content itself or {"content": {...}}.
    if (content.is_object() && content.contains("content") && !content.contains("title")) content = content["content"];
    auto issues = validate_content(content);
    if (!issues.empty()) return invalid(app, req, issues);
    auto sql = lease(app);
    TRY(save_draft(*sql, v.id, content));
    return ok(version_json(TRY(load_version(*sql, v.id))));
}

Result<http::Response> publish(app::App& app, http::Request& req) {
    auto v = TRY(version_from_route(app, req));
    auto sql = lease(app);
    TRY(publish_version(*sql, v.id, req.principal.user_id));
    return ok(version_json(TRY(load_version(*sql, v.id))));
}

// 422 in the shape of docs/errors.md: every field that failed, by name.
http::Response field_issues(const app::App& app, const http::Request& req, const std::vector<ContentIssue>& issues) {
    json fields = json::array();
    for (const auto& i : issues)
        fields.push_back({{"field", i.field}, {"code", i.key}, {"message", app.catalog.text(req.locale, i.key)}});
    json body{{"error", {{"code", "catalog.credit_recommendations.errors.check"}, {"status", http_status(Errc::invalid)},
                         {"message", app.t(req, "catalog.credit_recommendations.errors.check")}, {"fields", fields}}}};
    return ok(body, http_status(Errc::invalid));
}

Result<http::Response> get_recommendations(app::App& app, http::Request& req) {
    auto sql = lease(app);
    auto entry = TRY(find_for_authoring(*sql, req.param("slug")));
    return ok(recommendations_to_json(recommendations_for(*sql, kMicroCredential, entry.slug)));
}

Result<http::Response> put_recommendations(app::App& app, http::Request& req) {
    auto body = TRY(http::json_object_body(req));
    std::vector<ContentIssue> issues;
    auto list = recommendations_from_json(body, issues);
    if (!list) return field_issues(app, req, issues);
    auto sql = lease(app);
    auto entry = TRY(find_for_authoring(*sql, req.param("slug")));
    db::WriteTx tx(*sql);
    replace_recommendations(*sql, kMicroCredential, entry.slug, *list, req.principal.user_id,
                            static_cast<long long>(std::time(nullptr)));
    tx.commit();
    return ok(recommendations_to_json(recommendations_for(*sql, kMicroCredential, entry.slug)));
}

} // namespace

void install_api(app::App& app) {
    app::App* self = &app;
    auto& r = app.router;
    r.get("/api/v1/frameworks/{slug}", http::AccessRule::anyone(), [self](http::Request& req) { return framework(*self, req); });
    r.get("/api/v1/micro-credentials", http::AccessRule::anyone(), [self](http::Request& req) { return list(*self, req); });
    r.get("/api/v1/micro-credentials/{slug}", http::AccessRule::anyone(), [self](http::Request& req) { return one(*self, req); });
    r.post("/api/v1/micro-credentials/{slug}/drafts", kAdmins, [self](http::Request& req) { return create_draft(*self, req); });
    r.put("/api/v1/micro-credentials/{slug}/drafts/{version}", kAdmins,
          [self](http::Request& req) { return put_draft(*self, req); })
        .body_limit = 512 * 1024;
    r.post("/api/v1/micro-credentials/{slug}/drafts/{version}/publish", kAdmins,
           [self](http::Request& req) { return publish(*self, req); });
    r.get("/api/v1/micro-credentials/{slug}/credit-recommendations", http::AccessRule::anyone(),
          [self](http::Request& req) { return get_recommendations(*self, req); });
    r.put("/api/v1/micro-credentials/{slug}/credit-recommendations", kAdmins,
          [self](http::Request& req) { return put_recommendations(*self, req); });
}

} // namespace mc::catalog
