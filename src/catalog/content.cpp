#include "catalog/content.hpp"

#include <nlohmann/json.hpp>

namespace mc::catalog {

namespace {

using nlohmann::json;

json text_json(const Text& t) { return json{{"en", t.en}, {"es", t.es}}; }

} // namespace

std::string_view part_kind_name(PartKind kind) {
    switch (kind) {
    case PartKind::overview: return "overview";
    case PartKind::artifact: return "artifact";
    case PartKind::reflection: return "reflection";
    }
    return "overview";
}

int Rubric::level_rank(std::string_view level_id) const {
    for (std::size_t i = 0; i < levels.size(); ++i)
        if (levels[i].id == level_id) return static_cast<int>(i);
    return -1;
}

bool Rubric::passes(const std::vector<std::pair<std::string, std::string>>& scores) const {
    int bar = level_rank(passing_level);
    if (bar < 0 || criteria.empty()) return false;
    for (const auto& c : criteria) {
        bool met = false;
        for (const auto& [criterion, level] : scores)
            if (criterion == c.id && level_rank(level) >= bar) met = true;
        if (!met) return false;
    }
    return true;
}

const EvidencePart* Content::part(std::string_view id) const {
    for (const auto& p : parts)
        if (p.id == id) return &p;
    return nullptr;
}

json to_json(const Content& c) {
    json j;
    j["title"] = text_json(c.title);
    j["summary"] = text_json(c.summary);
    j["key_method"] = text_json(c.key_method);
    auto texts = [](const std::vector<Text>& v) {
        json a = json::array();
        for (const auto& t : v) a.push_back(text_json(t));
        return a;
    };
    auto refs = [](const std::vector<Reference>& v) {
        json a = json::array();
        for (const auto& r : v) a.push_back({{"title", text_json(r.title)}, {"citation", r.citation}, {"url", r.url}});
        return a;
    };
    j["method_components"] = texts(c.method_components);
    j["research"] = refs(c.research);
    j["resources"] = refs(c.resources);
    j["learning_activities"] = texts(c.learning_activities);
    j["estimated_hours"] = c.estimated_hours;
    j["credit"] = {{"clock_hours", c.credit.clock_hours}, {"ceus", c.credit.ceus},
                   {"college_credit_hours", c.credit.college_credit_hours}};
    j["languages"] = c.languages;
    j["settings"] = c.settings;
    j["parts"] = json::array();
    for (const auto& p : c.parts) {
        json pj{{"id", p.id}, {"kind", part_kind_name(p.kind)}, {"title", text_json(p.title)},
                {"prompt", text_json(p.prompt)}, {"guidance", text_json(p.guidance)}, {"required", p.required},
                {"min_words", p.min_words}};
        if (p.kind == PartKind::artifact) {
            pj["accepted_types"] = p.accepted_types;
            pj["max_files"] = p.max_files;
        }
        j["parts"].push_back(std::move(pj));
    }
    json levels = json::array();
    for (const auto& l : c.rubric.levels) levels.push_back({{"id", l.id}, {"label", text_json(l.label)}});
    json criteria = json::array();
    for (const auto& k : c.rubric.criteria) {
        json d = json::object();
        for (const auto& [level, t] : k.descriptors) d[level] = text_json(t);
        criteria.push_back({{"id", k.id}, {"part_id", k.part_id}, {"title", text_json(k.title)}, {"descriptors", d}});
    }
    j["rubric"] = {{"levels", levels}, {"passing_level", c.rubric.passing_level}, {"criteria", criteria}};
    return j;
}

} // namespace mc::catalog
