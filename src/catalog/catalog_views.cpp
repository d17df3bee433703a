// View models for the public catalog pages.
#include <algorithm>
#include <cstdio>

#include "catalog/catalog_web.hpp"

namespace mc::catalog {

using nlohmann::json;

std::string format_number(double value) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", value);
    std::string s = buf;
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s;
}

std::string credit_text(const app::App& app, const http::Request& req, const Credit& credit) {
    std::string out;
    auto add = [&](double v, const char* key) {
        if (v <= 0) return;
        if (!out.empty()) out += " · ";
        // "1 CEU", "1 clock hour": the singular form for exactly one (key_one in the catalogs).
        std::string k = std::string(key) + (v == 1 ? "_one" : "");
        out += app.catalog.format(req.locale, k, {{"n", format_number(v)}});
    };
    add(credit.clock_hours, "catalog.credit.clock_hours");
    add(credit.ceus, "catalog.credit.ceus");
    add(credit.college_credit_hours, "catalog.credit.college_credit_hours");
    return out;
}

std::string content_locale(const Content& content, const std::string& wanted) {
    return std::find(content.languages.begin(), content.languages.end(), wanted) != content.languages.end() ? wanted
                                                                                                             : "en";
}

json card_view(const app::App& app, const http::Request& req, const CatalogEntry& e) {
    const auto& c = e.version.content;
    std::string lang = content_locale(c, req.locale);
    json languages = json::array();
    for (const auto& l : c.languages) languages.push_back(app.catalog.text(req.locale, "catalog.languages." + l));
    std::string credit = credit_text(app, req, c.credit);
    return {{"slug", e.version.slug},
            {"title", c.title.in(lang)},
            {"summary", c.summary.in(lang)},
            {"area", e.area.title.in(req.locale)},
            {"competency", e.competency.title.in(req.locale)},
            {"hours", app.catalog.format(req.locale, "catalog.hours", {{"n", format_number(c.estimated_hours)}})},
            {"credit", credit.empty() ? json(false) : json(credit)},
            {"languages", languages}};
}

namespace {

json texts(const std::vector<Text>& list, const std::string& lang) {
    json out = json::array();
    for (const auto& t : list) out.push_back(t.in(lang));
    return out;
}

json references(const std::vector<Reference>& list, const std::string& lang) {
    json out = json::array();
    for (const auto& r : list)
        out.push_back({{"title", r.title.in(lang)},
                       {"citation", r.citation.empty() ? json(false) : json(r.citation)},
                       {"url", r.url.empty() ? json(false) : json(r.url)}});
    return out;
}

} // namespace

json content_view(const app::App& app, const http::Request& req, const Content& c, const std::string& lang) {
    json parts = json::array();
    for (const auto& p : c.parts) {
        json types = json::array();
        for (const auto& t : p.accepted_types) types.push_back(app.catalog.text(req.locale, "catalog.types." + t));
        parts.push_back({{"title", p.title.in(lang)},
                         {"prompt", p.prompt.in(lang)},
                         {"guidance", p.guidance.en.empty() ? json(false) : json(p.guidance.in(lang))},
                         {"kind", app.catalog.text(req.locale, "catalog.kinds." + std::string(part_kind_name(p.kind)))},
                         {"required", p.required},
                         {"min_words", p.min_words > 0 ? json(std::to_string(p.min_words)) : json(false)},
                         {"types", types},
                         {"has_types", !types.empty()},
                         {"max_files", p.max_files > 0 ? json(std::to_string(p.max_files)) : json(false)}});
    }
    json levels = json::array();
    for (const auto& l : c.rubric.levels)
        levels.push_back({{"label", l.label.in(lang)}, {"passing", l.id == c.rubric.passing_level}});
    json criteria = json::array();
    for (const auto& k : c.rubric.criteria) {
        json cells = json::array();
        for (const auto& l : c.rubric.levels) {
            std::string text;
            for (const auto& [level, d] : k.descriptors)
                if (level == l.id) text = d.in(lang);
            cells.push_back({{"text", text}, {"level", l.label.in(lang)}});
        }
        const EvidencePart* part = c.part(k.part_id);
        criteria.push_back({{"title", k.title.in(lang)},
                            {"part", part ? json(part->title.in(lang)) : json(false)},
                            {"cells", cells}});
    }
    std::string passing;
    for (const auto& l : c.rubric.levels)
        if (l.id == c.rubric.passing_level) passing = l.label.in(lang);
    std::string credit = credit_text(app, req, c.credit);
    return {{"title", c.title.in(lang)},
            {"summary", c.summary.in(lang)},
            {"key_method", c.key_method.in(lang)},
            {"components", texts(c.method_components, lang)},
            {"research", references(c.research, lang)},
            {"resources", references(c.resources, lang)},
            {"activities", texts(c.learning_activities, lang)},
            {"hours", app.catalog.format(req.locale, "catalog.hours", {{"n", format_number(c.estimated_hours)}})},
            {"credit", credit.empty() ? json(false) : json(credit)},
            {"parts", parts},
            {"levels", levels},
            {"criteria", criteria},
            {"passing_rule", app.catalog.format(req.locale, "catalog.detail.passing_rule", {{"level", passing}})},
            {"has_components", !c.method_components.empty()},
            {"has_research", !c.research.empty()},
            {"has_resources", !c.resources.empty()},
            {"has_activities", !c.learning_activities.empty()}};
}

Result<VersionRecord> version_from_route(app::App& app, const http::Request& req) {
    int number = 0;
    try {
        number = std::stoi(req.param("version"));
    } catch (const std::exception&) {
        return fail(Errc::not_found, "errors.not_found", "version " + req.param("version"));
    }
    auto sql = lease(app);
    return find_version(*sql, req.param("slug"), number);
}

} // namespace mc::catalog
