#include "catalog/content_form_view.hpp"

#include <algorithm>
#include <map>

namespace mc::catalog {

namespace {

using nlohmann::json;

const char* kEvidenceTypes[] = {"video", "image", "document", "audio"};
const char* kSettings[] = {"family_child_care", "center", "head_start", "state_prek", "early_intervention",
                           "home_visiting"};

// Shown as typed, whatever its JSON type.
std::string shown(const json& j) {
    if (j.is_string()) return j.get<std::string>();
    if (j.is_null()) return {};
    return j.dump();
}

std::string dom_id(std::string name) {
    for (auto& ch : name)
        if (ch == '.') ch = '-';
    return "f-" + name;
}

struct Builder {
    const app::App& app;
    const http::Request& req;
    std::map<std::string, std::string> errors; // field path -> message

    std::string t(const std::string& key) const { return app.catalog.text(req.locale, key); }
    json error_at(const std::string& path) const {
        auto it = errors.find(path);
        return it == errors.end() ? json(false) : json(it->second);
    }

    json text_field(const json& value, const std::string& path, const std::string& label, bool long_text) const {
        json v = value.is_object() ? value : json::object();
        return {{"id", dom_id(path)}, {"name", "c." + path}, {"label", label},
                {"en", shown(v.value("en", json()))}, {"es", shown(v.value("es", json()))},
                {"long", long_text}, {"error", error_at(path)}};
    }

    json plain(const json& value, const std::string& path, const std::string& label, const std::string& type) const {
        return {{"id", dom_id(path)}, {"name", "c." + path}, {"label", label}, {"value", shown(value)},
                {"type", type}, {"error", error_at(path)}};
    }

    json select(const std::string& selected, const std::string& path, const std::string& label,
                const std::vector<std::pair<std::string, std::string>>& options) const {
        json opts = json::array();
        for (const auto& [value, text] : options)
            opts.push_back({{"value", value}, {"label", text}, {"selected", value == selected}});
        return {{"id", dom_id(path)}, {"name", "c." + path}, {"label", label}, {"options", opts},
                {"error", error_at(path)}};
    }

    json checks(const json& chosen, const std::string& path, const std::string& legend,
                const std::vector<std::pair<std::string, std::string>>& options) const {
        json items = json::array();
        for (const auto& [value, text] : options) {
            bool on = chosen.is_array() && std::find(chosen.begin(), chosen.end(), json(value)) != chosen.end();
            items.push_back({{"id", dom_id(path + "." + value)}, {"name", "c." + path}, {"value", value},
                             {"label", text}, {"checked", on}});
        }
        return {{"id", dom_id(path)}, {"legend", legend}, {"items", items}, {"error", error_at(path)}};
    }

    json row(std::string legend, std::string remove_path) const {
        return {{"legend", legend.empty() ? json(false) : json(legend)},
                {"remove_name", remove_path.empty() ? json(false) : json("c." + remove_path + "._remove")},
                {"remove_id", dom_id(remove_path + "._remove")},
                {"bilingual", json::array()}, {"plain", json::array()}, {"selects", json::array()},
                {"checks", json::array()}, {"flags", json::array()}};
    }

    json section(const std::string& heading_key, json rows, std::string add = {}) const {
        return {{"heading", t(heading_key)}, {"rows", std::move(rows)},
                {"add", add.empty() ? json(false) : json(add)}, {"error", error_at(add)}};
    }

    std::vector<std::pair<std::string, std::string>> labelled(const std::string& prefix, auto&& values) const {
        std::vector<std::pair<std::string, std::string>> out;
        for (const auto& v : values) out.emplace_back(v, t(prefix + v));
        return out;
    }
};

const json& member(const json& j, const char* name) {
    static const json none;
    return j.is_object() && j.contains(name) ? j[name] : none;
}

json list_of(const json& j) { return j.is_array() ? j : json::array(); }

} // namespace

json issue_messages(const app::App& app, const http::Request& req, const std::vector<ContentIssue>& issues) {
    json out = json::array();
    for (const auto& i : issues) {
        std::string where = i.field.empty() ? std::string() : i.field + ": ";
        out.push_back(where + app.catalog.text(req.locale, i.key));
    }
    return out;
}

json edit_form_view(const app::App& app, const http::Request& req, const json& c,
                    const std::vector<ContentIssue>& issues) {
    Builder b{app, req, {}};
    for (const auto& i : issues)
        if (!b.errors.contains(i.field)) b.errors[i.field] = app.catalog.text(req.locale, i.key);
    json sections = json::array();

    json basics = b.row("", "");
    basics["bilingual"] = {b.text_field(member(c, "title"), "title", b.t("catalog.fields.title"), false),
                           b.text_field(member(c, "summary"), "summary", b.t("catalog.fields.summary"), true),
                           b.text_field(member(c, "key_method"), "key_method", b.t("catalog.fields.key_method"), true)};
    basics["plain"] = {b.plain(member(c, "estimated_hours"), "estimated_hours", b.t("catalog.fields.estimated_hours"), "text"),
                       b.plain(member(member(c, "credit"), "clock_hours"), "credit.clock_hours", b.t("catalog.fields.clock_hours"), "text"),
                       b.plain(member(member(c, "credit"), "ceus"), "credit.ceus", b.t("catalog.fields.ceus"), "text"),
                       b.plain(member(member(c, "credit"), "college_credit_hours"), "credit.college_credit_hours",
                               b.t("catalog.fields.college_credit_hours"), "text")};
    basics["checks"] = {b.checks(member(c, "languages"), "languages", b.t("catalog.fields.languages"),
                                 b.labelled("catalog.languages.", std::vector<std::string>{"en", "es"})),
                        b.checks(member(c, "settings"), "settings", b.t("catalog.fields.settings"),
                                 b.labelled("catalog.settings.", kSettings))};
    sections.push_back(b.section("catalog.edit.basics", json::array({basics})));

    // Lists of bilingual texts: method components and learning activities.
    for (const char* name : {"method_components", "learning_activities"}) {
        json rows = json::array();
        const json items = list_of(member(c, name));
        for (std::size_t i = 0; i < items.size(); ++i) {
            std::string path = std::string(name) + "." + std::to_string(i);
            json r = b.row(b.t("catalog.edit.item") + " " + std::to_string(i + 1), path);
            r["bilingual"].push_back(b.text_field(items[i], path, b.t(std::string("catalog.fields.") + name), true));
            rows.push_back(r);
        }
        sections.push_back(b.section(std::string("catalog.fields.") + name, rows, name));
    }
    for (const char* name : {"research", "resources"}) {
        json rows = json::array();
        const json items = list_of(member(c, name));
        for (std::size_t i = 0; i < items.size(); ++i) {
            std::string path = std::string(name) + "." + std::to_string(i);
            json r = b.row(b.t("catalog.edit.item") + " " + std::to_string(i + 1), path);
            r["bilingual"].push_back(b.text_field(member(items[i], "title"), path + ".title", b.t("catalog.fields.ref_title"), false));
            r["plain"].push_back(b.plain(member(items[i], "citation"), path + ".citation", b.t("catalog.fields.citation"), "text"));
            r["plain"].push_back(b.plain(member(items[i], "url"), path + ".url", b.t("catalog.fields.url"), "url"));
            rows.push_back(r);
        }
        sections.push_back(b.section(std::string("catalog.fields.") + name, rows, name));
    }

    json part_rows = json::array();
    std::vector<std::pair<std::string, std::string>> part_options{{"", "—"}};
    const json parts = list_of(member(c, "parts"));
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const json& p = parts[i];
        std::string path = "parts." + std::to_string(i);
        std::string id = shown(member(p, "id"));
        part_options.emplace_back(id, id);
        json r = b.row(b.t("catalog.edit.part") + " " + std::to_string(i + 1), path);
        r["plain"] = {b.plain(member(p, "id"), path + ".id", b.t("catalog.fields.part_id"), "text"),
                      b.plain(member(p, "min_words"), path + ".min_words", b.t("catalog.fields.min_words"), "text"),
                      b.plain(member(p, "max_files"), path + ".max_files", b.t("catalog.fields.max_files"), "text")};
        r["selects"] = {b.select(shown(member(p, "kind")), path + ".kind", b.t("catalog.fields.kind"),
                                 b.labelled("catalog.kinds.", std::vector<std::string>{"overview", "artifact", "reflection"}))};
        r["bilingual"] = {b.text_field(member(p, "title"), path + ".title", b.t("catalog.fields.part_title"), false),
                          b.text_field(member(p, "prompt"), path + ".prompt", b.t("catalog.fields.prompt"), true),
                          b.text_field(member(p, "guidance"), path + ".guidance", b.t("catalog.fields.guidance"), true)};
        r["checks"] = {b.checks(member(p, "accepted_types"), path + ".accepted_types",
                                b.t("catalog.fields.accepted_types"), b.labelled("catalog.types.", kEvidenceTypes))};
        r["flags"] = {{{"id", dom_id(path + ".required")}, {"name", "c." + path + ".required"},
                       {"label", b.t("catalog.fields.required")}, {"checked", member(p, "required") != json(false)}}};
        part_rows.push_back(r);
    }
    sections.push_back(b.section("catalog.edit.parts", part_rows, "parts"));

    const json& rubric = member(c, "rubric");
    json level_rows = json::array();
    std::vector<std::pair<std::string, std::string>> level_options;
    const json levels = list_of(member(rubric, "levels"));
    for (std::size_t i = 0; i < levels.size(); ++i) {
        std::string path = "rubric.levels." + std::to_string(i);
        level_options.emplace_back(shown(member(levels[i], "id")), shown(member(levels[i], "id")));
        json r = b.row(b.t("catalog.edit.level") + " " + std::to_string(i + 1), path);
        r["plain"] = {b.plain(member(levels[i], "id"), path + ".id", b.t("catalog.fields.level_id"), "text")};
        r["bilingual"] = {b.text_field(member(levels[i], "label"), path + ".label", b.t("catalog.fields.level_label"), false)};
        level_rows.push_back(r);
    }
    json passing = b.row("", "");
    passing["selects"] = {b.select(shown(member(rubric, "passing_level")), "rubric.passing_level",
                                   b.t("catalog.fields.passing_level"), level_options)};
    level_rows.push_back(passing);
    sections.push_back(b.section("catalog.edit.levels", level_rows, "rubric.levels"));

    json criterion_rows = json::array();
    const json criteria = list_of(member(rubric, "criteria"));
    for (std::size_t i = 0; i < criteria.size(); ++i) {
        const json& k = criteria[i];
        std::string path = "rubric.criteria." + std::to_string(i);
        json r = b.row(b.t("catalog.edit.criterion") + " " + std::to_string(i + 1), path);
        r["plain"] = {b.plain(member(k, "id"), path + ".id", b.t("catalog.fields.criterion_id"), "text")};
        r["selects"] = {b.select(shown(member(k, "part_id")), path + ".part_id", b.t("catalog.fields.part_id"), part_options)};
        r["bilingual"] = {b.text_field(member(k, "title"), path + ".title", b.t("catalog.fields.criterion_title"), false)};
        for (const auto& l : level_options)
            r["bilingual"].push_back(b.text_field(member(member(k, "descriptors"), l.first.c_str()),
                                                  path + ".descriptors." + l.first,
                                                  b.t("catalog.fields.descriptor") + " " + l.first, true));
        criterion_rows.push_back(r);
    }
    sections.push_back(b.section("catalog.edit.criteria", criterion_rows, "rubric.criteria"));
    return {{"sections", sections}};
}

} // namespace mc::catalog
