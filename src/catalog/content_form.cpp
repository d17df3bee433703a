#include "catalog/content_form.hpp"

#include <algorithm>
#include <charconv>
#include <set>
#include <vector>

namespace mc::catalog {

namespace {

using nlohmann::json;

// Members whose children are numbered rows, not named fields.
const std::set<std::string, std::less<>> kLists{"method_components", "learning_activities", "research", "resources",
                                                "parts", "levels", "criteria"};
// Checkbox groups: every posted value is kept, in order.
const std::set<std::string, std::less<>> kMulti{"languages", "settings", "accepted_types"};
const std::set<std::string, std::less<>> kDecimal{"estimated_hours", "clock_hours", "ceus", "college_credit_hours"};
const std::set<std::string, std::less<>> kWhole{"min_words", "max_files"};

std::vector<std::string> split(std::string_view path) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= path.size()) {
        auto dot = path.find('.', start);
        if (dot == std::string_view::npos) dot = path.size();
        out.emplace_back(path.substr(start, dot - start));
        start = dot + 1;
    }
    return out;
}

json typed(const std::string& name, const std::string& value) {
    if (value.empty() && (kDecimal.contains(name) || kWhole.contains(name))) return nullptr;
    if (kDecimal.contains(name)) {
        double d = 0;
        auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), d);
        if (ec == std::errc() && end == value.data() + value.size()) return d;
    }
    if (kWhole.contains(name)) {
        long long n = 0;
        auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
        if (ec == std::errc() && end == value.data() + value.size()) return n;
    }
    return value;
}

// True when a row holds nothing the author typed (its kind select and id do not count).
bool blank(const json& j) {
    if (j.is_string()) return j.get<std::string>().empty();
    if (j.is_array()) return std::all_of(j.begin(), j.end(), [](const json& e) { return blank(e); });
    if (j.is_object()) {
        for (auto it = j.begin(); it != j.end(); ++it)
            if (it.key() != "kind" && it.key() != "required" && it.key() != "id" && !blank(*it)) return false;
        return true;
    }
    if (j.is_number()) return j.get<double>() == 0;
    return j.is_null();
}

// Numbered children were collected in an object keyed by their index; make them lists.
json finish(const std::string& name, json node) {
    if (!node.is_object()) return node;
    for (auto it = node.begin(); it != node.end(); ++it) *it = finish(it.key(), std::move(*it));
    if (!kLists.contains(name)) return node;
    std::vector<std::pair<long, json>> rows;
    for (auto it = node.begin(); it != node.end(); ++it) {
        long index = 0;
        auto [end, ec] = std::from_chars(it.key().data(), it.key().data() + it.key().size(), index);
        if (ec != std::errc() || end != it.key().data() + it.key().size()) continue;
        json row = std::move(*it);
        if (row.is_object() && row.contains("_remove")) continue;
        if (row.is_object()) row.erase("_row");
        if (blank(row)) continue;
        rows.emplace_back(index, std::move(row));
    }
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    json out = json::array();
    for (auto& [i, row] : rows) out.push_back(std::move(row));
    return out;
}

json text(const std::string& en, const std::string& es) { return json{{"en", en}, {"es", es}}; }

} // namespace

json content_from_form(const std::multimap<std::string, std::string>& form) {
    json tree = json::object();
    for (const auto& [key, value] : form) {
        if (!key.starts_with("c.") || key.size() > 200) continue;
        auto path = split(std::string_view(key).substr(2));
        if (path.size() > 8 || std::any_of(path.begin(), path.end(), [](const auto& s) { return s.empty(); })) continue;
        json* node = &tree;
        for (std::size_t i = 0; i + 1 < path.size(); ++i) {
            if (!node->is_object()) break;
            node = &(*node)[path[i]];
            if (node->is_null()) *node = json::object();
        }
        if (!node->is_object()) continue;
        const auto& leaf = path.back();
        if (kMulti.contains(leaf)) {
            auto& list = (*node)[leaf];
            if (!list.is_array()) list = json::array();
            if (!value.empty()) list.push_back(value);
        } else if (!node->contains(leaf)) {
            (*node)[leaf] = typed(leaf, value);
        }
    }
    json content = finish("", std::move(tree));
    // An unticked checkbox posts nothing: a part's "required" exists only when ticked.
    if (content.contains("parts") && content["parts"].is_array())
        for (auto& p : content["parts"])
            if (p.is_object()) p["required"] = p.contains("required");
    // Checkbox groups with nothing ticked still mean "none".
    for (const char* multi : {"languages", "settings"})
        if (!content.contains(multi)) content[multi] = json::array();
    return content;
}

bool add_row(json& content, std::string_view list) {
    json row;
    json* target = nullptr;
    if (list == "method_components" || list == "learning_activities") {
        row = text("", "");
    } else if (list == "research" || list == "resources") {
        row = {{"title", text("", "")}, {"citation", ""}, {"url", ""}};
    } else if (list == "parts") {
        row = {{"id", ""}, {"kind", "overview"}, {"title", text("", "")}, {"prompt", text("", "")},
               {"guidance", text("", "")}, {"required", true}, {"min_words", 0}};
    } else if (list == "rubric.levels") {
        row = {{"id", ""}, {"label", text("", "")}};
    } else if (list == "rubric.criteria") {
        row = {{"id", ""}, {"part_id", ""}, {"title", text("", "")}, {"descriptors", json::object()}};
    } else {
        return false;
    }
    if (list.starts_with("rubric.")) {
        if (!content["rubric"].is_object()) content["rubric"] = json::object();
        target = &content["rubric"][std::string(list.substr(7))];
    } else {
        target = &content[std::string(list)];
    }
    if (!target->is_array()) *target = json::array();
    target->push_back(std::move(row));
    return true;
}

json starter_content(const std::string& title_en, const std::string& title_es, const std::string& placeholder_en,
                     const std::string& placeholder_es) {
    json levels = json::array({{{"id", "not_yet"}, {"label", text("Not yet demonstrated", "Aún no demostrado")}},
                               {{"id", "demonstrated"}, {"label", text("Demonstrated", "Demostrado")}}});
    json criterion = {{"id", "c1"},
                      {"part_id", "overview"},
                      {"title", text(placeholder_en, placeholder_es)},
                      {"descriptors", {{"not_yet", text(placeholder_en, placeholder_es)},
                                       {"demonstrated", text(placeholder_en, placeholder_es)}}}};
    return {{"title", text(title_en, title_es)},
            {"summary", text(placeholder_en, placeholder_es)},
            {"key_method", text(placeholder_en, placeholder_es)},
            {"languages", title_es.empty() ? json::array({"en"}) : json::array({"en", "es"})},
            {"parts", json::array({{{"id", "overview"}, {"kind", "overview"}, {"title", text(placeholder_en, placeholder_es)},
                                    {"prompt", text(placeholder_en, placeholder_es)}, {"required", true}}})},
            {"rubric", {{"levels", levels}, {"passing_level", "demonstrated"}, {"criteria", json::array({criterion})}}}};
}

} // namespace mc::catalog
