#include "catalog/content.hpp"

#include <set>

#include <nlohmann/json.hpp>

namespace mc::catalog {

namespace {

using nlohmann::json;

std::unexpected<Error> invalid(std::string detail) {
    return fail(Errc::bad_input, "catalog.invalid_content", std::move(detail));
}

Result<Text> text(const json& j, std::string_view field, bool required = true) {
    if (!j.contains(field)) {
        if (required) return invalid("missing text " + std::string(field));
        return Text{};
    }
    const auto& t = j.at(field);
    if (!t.is_object()) return invalid(std::string(field) + " must be an object {en, es}");
    Text out;
    out.en = t.value("en", "");
    out.es = t.value("es", "");
    if (required && out.en.empty()) return invalid(std::string(field) + " has no English text");
    return out;
}

Result<Text> text_value(const json& t, std::string_view what) {
    if (!t.is_object() || !t.contains("en") || !t["en"].is_string() || t["en"].get<std::string>().empty())
        return invalid(std::string(what) + " needs English text");
    return Text{t["en"].get<std::string>(), t.value("es", "")};
}

Result<std::vector<Reference>> references(const json& j, std::string_view field) {
    std::vector<Reference> out;
    if (!j.contains(field)) return out;
    if (!j[field].is_array()) return invalid(std::string(field) + " must be a list");
    for (const auto& r : j[field]) {
        if (!r.is_object()) return invalid(std::string(field) + " items must be objects");
        Reference ref;
        ref.title = TRY(text(r, "title"));
        ref.citation = r.value("citation", "");
        ref.url = r.value("url", "");
        out.push_back(std::move(ref));
    }
    return out;
}

Result<std::vector<Text>> text_list(const json& j, std::string_view field) {
    std::vector<Text> out;
    if (!j.contains(field)) return out;
    if (!j[field].is_array()) return invalid(std::string(field) + " must be a list");
    for (const auto& t : j[field]) out.push_back(TRY(text_value(t, field)));
    return out;
}

double number(const json& j, std::string_view field) {
    auto it = j.find(field);
    return it != j.end() && it->is_number() ? it->get<double>() : 0.0;
}

std::vector<std::string> strings(const json& j, std::string_view field) {
    std::vector<std::string> out;
    auto it = j.find(field);
    if (it == j.end() || !it->is_array()) return out;
    for (const auto& s : *it)
        if (s.is_string()) out.push_back(s.get<std::string>());
    return out;
}

Result<PartKind> kind_of(const std::string& s) {
    if (s == "overview") return PartKind::overview;
    if (s == "artifact") return PartKind::artifact;
    if (s == "reflection") return PartKind::reflection;
    return invalid("unknown part kind " + s);
}

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

Result<Content> parse_content(const json& j) {
    if (!j.is_object()) return invalid("content must be a JSON object");
    Content c;
    c.title = TRY(text(j, "title"));
    c.summary = TRY(text(j, "summary"));
    c.key_method = TRY(text(j, "key_method"));
    c.method_components = TRY(text_list(j, "method_components"));
    c.research = TRY(references(j, "research"));
    c.resources = TRY(references(j, "resources"));
    c.learning_activities = TRY(text_list(j, "learning_activities"));
    c.estimated_hours = number(j, "estimated_hours");
    if (j.contains("credit") && j["credit"].is_object()) {
        c.credit.clock_hours = number(j["credit"], "clock_hours");
        c.credit.ceus = number(j["credit"], "ceus");
        c.credit.college_credit_hours = number(j["credit"], "college_credit_hours");
    }
    c.languages = strings(j, "languages");
    if (c.languages.empty()) c.languages = {"en"};
    c.settings = strings(j, "settings");

    if (!j.contains("parts") || !j["parts"].is_array() || j["parts"].empty())
        return invalid("content needs at least one evidence part");
    std::set<std::string> part_ids;
    for (const auto& p : j["parts"]) {
        if (!p.is_object()) return invalid("parts must be objects");
        EvidencePart part;
        part.id = p.value("id", "");
        if (part.id.empty() || !part_ids.insert(part.id).second) return invalid("part id missing or repeated: " + part.id);
        part.kind = TRY(kind_of(p.value("kind", "")));
        part.title = TRY(text(p, "title"));
        part.prompt = TRY(text(p, "prompt"));
        part.guidance = TRY(text(p, "guidance", false));
        part.required = p.value("required", true);
        part.min_words = p.value("min_words", 0);
        part.accepted_types = strings(p, "accepted_types");
        part.max_files = p.value("max_files", part.kind == PartKind::artifact ? 3 : 0);
        if (part.kind == PartKind::artifact && part.accepted_types.empty())
            return invalid("artifact part " + part.id + " accepts no evidence type");
        for (const auto& t : part.accepted_types)
            if (t != "video" && t != "image" && t != "document" && t != "audio")
                return invalid("unknown evidence type " + t);
        c.parts.push_back(std::move(part));
    }

    if (!j.contains("rubric") || !j["rubric"].is_object()) return invalid("content needs a rubric");
    const auto& r = j["rubric"];
    std::set<std::string> level_ids;
    for (const auto& l : r.value("levels", json::array())) {
        RubricLevel level{l.value("id", ""), TRY(text(l, "label"))};
        if (level.id.empty() || !level_ids.insert(level.id).second) return invalid("rubric level id missing or repeated");
        c.rubric.levels.push_back(std::move(level));
    }
    if (c.rubric.levels.size() < 2) return invalid("a rubric needs at least two levels");
    c.rubric.passing_level = r.value("passing_level", "");
    if (!level_ids.contains(c.rubric.passing_level)) return invalid("passing level is not one of the levels");
    std::set<std::string> criterion_ids;
    for (const auto& k : r.value("criteria", json::array())) {
        RubricCriterion cr;
        cr.id = k.value("id", "");
        if (cr.id.empty() || !criterion_ids.insert(cr.id).second) return invalid("criterion id missing or repeated");
        cr.part_id = k.value("part_id", "");
        if (!part_ids.contains(cr.part_id)) return invalid("criterion " + cr.id + " points at unknown part " + cr.part_id);
        cr.title = TRY(text(k, "title"));
        auto d = k.value("descriptors", json::object());
        for (const auto& level : c.rubric.levels) {
            if (!d.contains(level.id)) return invalid("criterion " + cr.id + " has no descriptor for " + level.id);
            cr.descriptors.emplace_back(level.id, TRY(text_value(d[level.id], "descriptor")));
        }
        c.rubric.criteria.push_back(std::move(cr));
    }
    if (c.rubric.criteria.empty()) return invalid("a rubric needs at least one criterion");
    return c;
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
