// Framework editing for admins: see the areas and competencies, add an area, add a competency.
#include "accounts/roles.hpp"
#include "catalog/catalog_web.hpp"

namespace mc::catalog {

using nlohmann::json;

namespace {

const auto kAdmins = http::AccessRule::roles(accounts::program_admin | accounts::agency_admin);

http::Response framework_page(app::App& app, const http::Request& req, json ctx, int status) {
    std::optional<Framework> framework;
    {
        auto sql = lease(app);
        if (auto f = load_framework(*sql)) framework = std::move(*f);
    }
    json areas = json::array();
    if (framework) {
        ctx["framework_title"] = framework->title.in(req.locale);
        for (const auto& a : framework->areas) {
            json comps = json::array();
            for (const auto& c : a.competencies)
                comps.push_back({{"code", c.code}, {"title", c.title.in(req.locale)}});
            areas.push_back({{"code", a.code}, {"title", a.title.in(req.locale)}, {"competencies", comps},
                             {"selected", ctx.value("area", "") == a.code}});
        }
    }
    ctx["areas"] = areas;
    ctx["has_areas"] = !areas.empty();
    ctx["title_key"] = "catalog.framework.title";
    return app.views->page(req, "catalog/framework", ctx, status);
}

// Reads the bilingual title/description of a new area or competency and checks it.
struct NewEntry {
    std::string code;
    Text title, description;
};

NewEntry read_entry(const http::Request& req, const std::string& prefix) {
    return {req.form_value(prefix + "_code"),
            {req.form_value(prefix + "_title_en"), req.form_value(prefix + "_title_es")},
            {req.form_value(prefix + "_description_en"), req.form_value(prefix + "_description_es")}};
}

Result<http::Response> added(app::App& app, http::Request& req, const std::string& prefix, Result<std::string> made,
                             const NewEntry& e) {
    if (made) return http::Response::redirect("/admin/catalog/framework?notice=saved");
    if (made.error().code == Errc::internal) return std::unexpected(made.error());
    // Keep what was typed; tie the message to the field it is about.
    std::string field = made.error().key == "catalog.errors.needs_english" ? prefix + "_title_en"
                        : made.error().key == "catalog.errors.unknown_area" ? std::string("competency_area")
                                                                            : prefix + "_code";
    auto message = app.t(req, made.error().key);
    json ctx{{prefix + "_code", e.code},           {prefix + "_title_en", e.title.en},
             {prefix + "_title_es", e.title.es},   {prefix + "_description_en", e.description.en},
             {prefix + "_description_es", e.description.es}, {"area", req.form_value("competency_area")},
             {"err_" + field, message},            {"errors", json::array({message})}, {"has_errors", true}};
    return framework_page(app, req, ctx, http_status(Errc::invalid));
}

Result<http::Response> add_area_post(app::App& app, http::Request& req) {
    auto e = read_entry(req, "area");
    auto sql = lease(app);
    auto framework = load_framework(*sql);
    if (!framework) {
        // The first area creates the program's framework.
        framework = create_framework(*sql, "ece-core", {app.catalog.text("en", "catalog.framework.default_title"),
                                                        app.catalog.text("es", "catalog.framework.default_title")},
                                     {});
        if (!framework) return std::unexpected(framework.error());
    }
    auto made = add_area(*sql, framework->id, e.code, e.title, e.description);
    sql.reset();
    return added(app, req, "area", std::move(made), e);
}

Result<http::Response> add_competency_post(app::App& app, http::Request& req) {
    auto e = read_entry(req, "competency");
    auto sql = lease(app);
    auto made = add_competency(*sql, req.form_value("competency_area"), e.code, e.title, e.description);
    sql.reset();
    return added(app, req, "competency", std::move(made), e);
}

} // namespace

void install_framework_pages(app::App& app) {
    app::App* self = &app;
    app.router.get("/admin/catalog/framework", kAdmins, [self](http::Request& req) -> Result<http::Response> {
        return framework_page(*self, req, json::object(), 200);
    });
    app.router.post("/admin/catalog/framework/areas", kAdmins,
                    [self](http::Request& req) { return add_area_post(*self, req); });
    app.router.post("/admin/catalog/framework/competencies", kAdmins,
                    [self](http::Request& req) { return add_competency_post(*self, req); });
}

} // namespace mc::catalog
