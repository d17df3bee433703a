// The public catalog: the list grouped by competency area, and one micro-credential's page.
#include "accounts/roles.hpp"
#include "catalog/catalog_web.hpp"
#include "catalog/recommendation_store.hpp"
#include "catalog/recommendation_view.hpp"
#include "platform/dates.hpp"

namespace mc::catalog {

using nlohmann::json;

namespace {

bool offers(const Content& c, const std::string& lang) {
    return std::find(c.languages.begin(), c.languages.end(), lang) != c.languages.end();
}

Result<http::Response> list_page(app::App& app, http::Request& req) {
    auto area_filter = req.query_value("area");
    auto lang_filter = req.query_value("language");
    if (lang_filter != "en" && lang_filter != "es") lang_filter.clear();
    std::vector<CatalogEntry> entries;
    std::optional<Framework> framework;
    {
        auto sql = lease(app);
        entries = list_published(*sql);
        if (auto f = load_framework(*sql)) framework = std::move(*f);
    }
    json areas = json::array();
    if (framework)
        for (const auto& a : framework->areas)
            areas.push_back({{"code", a.code}, {"title", a.title.in(req.locale)}, {"selected", a.code == area_filter}});
    // Group in area order; entries arrive sorted by area position.
    json groups = json::array();
    std::string current;
    int shown = 0;
    for (const auto& e : entries) {
        if (!area_filter.empty() && e.area.code != area_filter) continue;
        if (!lang_filter.empty() && !offers(e.version.content, lang_filter)) continue;
        if (groups.empty() || e.area.code != current) {
            current = e.area.code;
            groups.push_back({{"code", e.area.code}, {"title", e.area.title.in(req.locale)},
                              {"description", e.area.description.in(req.locale)}, {"cards", json::array()}});
        }
        groups.back()["cards"].push_back(card_view(app, req, e));
        ++shown;
    }
    json languages = json::array();
    for (const char* l : {"en", "es"})
        languages.push_back({{"value", l}, {"label", app.t(req, std::string("catalog.languages.") + l)},
                             {"selected", lang_filter == l}});
    return app.views->page(req, "catalog/list",
                           {{"title_key", "catalog.list.title"}, {"areas", areas}, {"groups", groups},
                            {"languages", languages}, {"filtered", !area_filter.empty() || !lang_filter.empty()},
                            {"count", app.catalog.format(req.locale, "catalog.list.count", {{"n", std::to_string(shown)}})},
                            {"empty", shown == 0}});
}

Result<http::Response> detail_page(app::App& app, http::Request& req) {
    CatalogEntry e;
    std::vector<CreditRecommendation> recommendations;
    {
        auto sql = lease(app);
        e = TRY(find_published(*sql, req.param("slug")));
        recommendations = recommendations_for(*sql, kMicroCredential, e.version.slug);
    }
    const auto& c = e.version.content;
    std::string lang = content_locale(c, req.locale);
    json ctx = content_view(app, req, c, lang);
    ctx["content_lang"] = lang;
    ctx["fallback"] = lang != req.locale; // the visitor's language is not offered: say so
    ctx["area"] = e.area.title.in(req.locale);
    ctx["competency"] = e.competency.title.in(req.locale);
    ctx["slug"] = e.version.slug;
    ctx["micro_credential_id"] = e.version.micro_credential_id;
    ctx["version"] = std::to_string(e.version.version);
    ctx["can_enroll"] = req.principal.signed_in() && (req.principal.roles & accounts::educator);
    ctx["sign_in_url"] = "/sign-in?next=" + http::percent_encode(req.target);
    json languages = json::array();
    for (const auto& l : c.languages) languages.push_back(app.t(req, "catalog.languages." + l));
    ctx["languages"] = languages;
    ctx.update(recommendations_view(app, req.locale, recommendations, day_of(std::time(nullptr))));
    return app.views->page(req, "catalog/detail", ctx);
}

} // namespace

void install_public_pages(app::App& app) {
    app::App* self = &app;
    app.router.get("/catalog", http::AccessRule::anyone(), [self](http::Request& req) { return list_page(*self, req); });
    app.router.get("/catalog/{slug}", http::AccessRule::anyone(),
                   [self](http::Request& req) { return detail_page(*self, req); });
}

} // namespace mc::catalog
