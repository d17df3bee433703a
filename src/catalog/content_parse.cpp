// Reading a content document. The parser keeps going after a problem and records every one
// with the path of its field, because the authoring form marks each field at once; the API
// and parse_content() report the first. Wrongly typed values are problems, never exceptions:
// the document comes from an admin's browser or an API client.
#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "catalog/content.hpp"

namespace mc::catalog {

namespace {

using nlohmann::json;

const std::set<std::string> kEvidenceTypes{"video", "image", "document", "audio"};
const std::set<std::string> kLanguages{"en", "es"};

std::string join(const std::string& base, const std::string& field) {
    return base.empty() ? field : base + "." + field;
}

class Parser {
public:
    std::vector<ContentIssue> issues;

    void problem(std::string field, std::string key, std::string detail) {
        issues.push_back({std::move(field), "catalog.errors." + key, std::move(detail)});
    }

    // A string member, or "" (with a problem) when it has another type.
    std::string str(const json& j, const std::string& name, const std::string& path) {
        auto it = j.find(name);
        if (it == j.end() || it->is_null()) return {};
        if (!it->is_string()) {
            problem(join(path, name), "type_text", join(path, name) + " must be text");
            return {};
        }
        return it->get<std::string>();
    }

    Text text_of(const json& t, const std::string& path, bool required) {
        Text out;
        if (t.is_null()) {
            if (required) problem(path, "needs_english", path + " has no English text");
            return out;
        }
        if (!t.is_object()) {
            problem(path, "type_text", path + " must be an object {en, es}");
            return out;
        }
        out.en = str(t, "en", path);
        out.es = str(t, "es", path);
        if (required && out.en.empty()) problem(path, "needs_english", path + " has no English text");
        return out;
    }

    Text text(const json& j, const std::string& name, const std::string& base, bool required = true) {
        auto it = j.find(name);
        return text_of(it == j.end() ? json() : *it, join(base, name), required);
    }

    const json* list(const json& j, const std::string& name, const std::string& base) {
        auto it = j.find(name);
        if (it == j.end() || it->is_null()) return nullptr;
        if (!it->is_array()) {
            problem(join(base, name), "type_list", join(base, name) + " must be a list");
            return nullptr;
        }
        return &*it;
    }

    double number(const json& j, const std::string& name, const std::string& base) {
        auto it = j.find(name);
        if (it == j.end() || it->is_null()) return 0;
        if (!it->is_number() || it->get<double>() < 0) {
            problem(join(base, name), "number", join(base, name) + " must be a number, zero or more");
            return 0;
        }
        return it->get<double>();
    }

    int whole(const json& j, const std::string& name, const std::string& base, int fallback) {
        auto it = j.find(name);
        if (it == j.end() || it->is_null()) return fallback;
        if (!it->is_number_integer() || it->get<long long>() < 0 || it->get<long long>() > 100000) {
            problem(join(base, name), "whole_number", join(base, name) + " must be a whole number, zero or more");
            return fallback;
        }
        return static_cast<int>(it->get<long long>());
    }

    std::vector<std::string> strings(const json& j, const std::string& name, const std::string& base,
                                     const std::set<std::string>* allowed) {
        std::vector<std::string> out;
        const json* a = list(j, name, base);
        if (!a) return out;
        for (const auto& s : *a) {
            if (!s.is_string() || (allowed && !allowed->contains(s.get<std::string>()))) {
                problem(join(base, name), "unknown_value", join(base, name) + " has an unknown value " + s.dump());
                continue;
            }
            out.push_back(s.get<std::string>());
        }
        return out;
    }

    std::vector<Text> texts(const json& j, const std::string& name) {
        std::vector<Text> out;
        if (const json* a = list(j, name, "")) {
            for (std::size_t i = 0; i < a->size(); ++i)
                out.push_back(text_of((*a)[i], name + "." + std::to_string(i), true));
        }
        return out;
    }

    std::vector<Reference> references(const json& j, const std::string& name) {
        std::vector<Reference> out;
        const json* a = list(j, name, "");
        if (!a) return out;
        for (std::size_t i = 0; i < a->size(); ++i) {
            std::string path = name + "." + std::to_string(i);
            const json& r = (*a)[i];
            if (!r.is_object()) {
                problem(path, "type_object", path + " must be an object");
                continue;
            }
            Reference ref;
            ref.title = text(r, "title", path);
            ref.citation = str(r, "citation", path);
            ref.url = str(r, "url", path);
            if (!ref.url.empty() && !ref.url.starts_with("https://") && !ref.url.starts_with("http://"))
                problem(path + ".url", "url", path + ".url must start with https://");
            out.push_back(std::move(ref));
        }
        return out;
    }

    void parts(const json& j, Content& c);
    void rubric(const json& j, Content& c);
};

void Parser::parts(const json& j, Content& c) {
    const json* a = list(j, "parts", "");
    if (!a || a->empty()) {
        if (!j.contains("parts") || (a && a->empty())) problem("parts", "no_parts", "content needs at least one evidence part");
        return;
    }
    std::set<std::string> ids;
    for (std::size_t i = 0; i < a->size(); ++i) {
        std::string path = "parts." + std::to_string(i);
        const json& p = (*a)[i];
        if (!p.is_object()) {
            problem(path, "type_object", path + " must be an object");
            continue;
        }
        EvidencePart part;
        part.id = str(p, "id", path);
        if (part.id.empty() || !ids.insert(part.id).second)
            problem(path + ".id", "part_id", "part id missing or repeated: " + part.id);
        auto kind = str(p, "kind", path);
        if (kind == "artifact") part.kind = PartKind::artifact;
        else if (kind == "reflection") part.kind = PartKind::reflection;
        else if (kind != "overview") problem(path + ".kind", "part_kind", "unknown part kind " + kind);
        part.title = text(p, "title", path);
        part.prompt = text(p, "prompt", path);
        part.guidance = text(p, "guidance", path, false);
        auto req = p.find("required");
        if (req != p.end() && !req->is_boolean()) problem(path + ".required", "type_bool", path + ".required must be true or false");
        part.required = req == p.end() || !req->is_boolean() || req->get<bool>();
        part.min_words = whole(p, "min_words", path, 0);
        part.accepted_types = strings(p, "accepted_types", path, &kEvidenceTypes);
        part.max_files = whole(p, "max_files", path, part.kind == PartKind::artifact ? 3 : 0);
        if (part.kind == PartKind::artifact && part.accepted_types.empty())
            problem(path + ".accepted_types", "no_types", "artifact part " + part.id + " accepts no evidence type");
        if (part.kind == PartKind::artifact && part.max_files < 1)
            problem(path + ".max_files", "max_files", "artifact part " + part.id + " must allow at least one file");
        c.parts.push_back(std::move(part));
    }
}

void Parser::rubric(const json& j, Content& c) {
    auto it = j.find("rubric");
    if (it == j.end() || !it->is_object()) {
        problem("rubric", "no_rubric", "content needs a rubric");
        return;
    }
    const json& r = *it;
    std::set<std::string> level_ids;
    if (const json* levels = list(r, "levels", "rubric")) {
        for (std::size_t i = 0; i < levels->size(); ++i) {
            std::string path = "rubric.levels." + std::to_string(i);
            const json& l = (*levels)[i];
            if (!l.is_object()) {
                problem(path, "type_object", path + " must be an object");
                continue;
            }
            RubricLevel level{str(l, "id", path), text(l, "label", path)};
            if (level.id.empty() || !level_ids.insert(level.id).second)
                problem(path + ".id", "level_id", "rubric level id missing or repeated: " + level.id);
            c.rubric.levels.push_back(std::move(level));
        }
    }
    if (c.rubric.levels.size() < 2) problem("rubric.levels", "two_levels", "a rubric needs at least two levels");
    c.rubric.passing_level = str(r, "passing_level", "rubric");
    if (!level_ids.contains(c.rubric.passing_level))
        problem("rubric.passing_level", "passing_level", "passing level is not one of the levels");

    std::set<std::string> ids;
    const json* criteria = list(r, "criteria", "rubric");
    for (std::size_t i = 0; criteria && i < criteria->size(); ++i) {
        std::string path = "rubric.criteria." + std::to_string(i);
        const json& k = (*criteria)[i];
        if (!k.is_object()) {
            problem(path, "type_object", path + " must be an object");
            continue;
        }
        RubricCriterion cr;
        cr.id = str(k, "id", path);
        if (cr.id.empty() || !ids.insert(cr.id).second)
            problem(path + ".id", "criterion_id", "criterion id missing or repeated: " + cr.id);
        cr.part_id = str(k, "part_id", path);
        if (!c.part(cr.part_id))
            problem(path + ".part_id", "criterion_part", "criterion " + cr.id + " points at unknown part " + cr.part_id);
        cr.title = text(k, "title", path);
        auto d = k.find("descriptors");
        const json empty = json::object();
        const json& descriptors = d != k.end() && d->is_object() ? *d : empty;
        for (const auto& level : c.rubric.levels) {
            if (level.id.empty()) continue;
            auto found = descriptors.find(level.id);
            std::string dpath = path + ".descriptors." + level.id;
            cr.descriptors.emplace_back(level.id, text_of(found == descriptors.end() ? json() : *found, dpath, true));
        }
        c.rubric.criteria.push_back(std::move(cr));
    }
    if (c.rubric.criteria.empty()) problem("rubric.criteria", "no_criteria", "a rubric needs at least one criterion");
}

Result<Content> parse(const json& j, std::vector<ContentIssue>& issues) {
    Parser p;
    Content c;
    if (!j.is_object()) {
        p.problem("", "not_object", "content must be a JSON object");
    } else {
        c.title = p.text(j, "title", "");
        c.summary = p.text(j, "summary", "");
        c.key_method = p.text(j, "key_method", "");
        c.method_components = p.texts(j, "method_components");
        c.research = p.references(j, "research");
        c.resources = p.references(j, "resources");
        c.learning_activities = p.texts(j, "learning_activities");
        c.estimated_hours = p.number(j, "estimated_hours", "");
        if (auto cr = j.find("credit"); cr != j.end() && !cr->is_null()) {
            if (!cr->is_object()) p.problem("credit", "type_object", "credit must be an object");
            else {
                c.credit.clock_hours = p.number(*cr, "clock_hours", "credit");
                c.credit.ceus = p.number(*cr, "ceus", "credit");
                c.credit.college_credit_hours = p.number(*cr, "college_credit_hours", "credit");
            }
        }
        c.languages = p.strings(j, "languages", "", &kLanguages);
        if (c.languages.empty()) c.languages = {"en"};
        // English is every text's fallback, so it is always offered; offering Spanish promises
        // at least a Spanish title and summary.
        if (std::find(c.languages.begin(), c.languages.end(), "en") == c.languages.end())
            p.problem("languages", "needs_en", "languages must include en");
        if (std::find(c.languages.begin(), c.languages.end(), "es") != c.languages.end() &&
            (c.title.es.empty() || c.summary.es.empty()))
            p.problem("title", "needs_spanish", "Spanish is offered but the title or summary has no Spanish text");
        c.settings = p.strings(j, "settings", "", nullptr);
        p.parts(j, c);
        p.rubric(j, c);
    }
    issues = std::move(p.issues);
    if (!issues.empty()) return fail(Errc::bad_input, "catalog.invalid_content", issues.front().detail);
    return c;
}

} // namespace

std::vector<ContentIssue> validate_content(const json& document) {
    std::vector<ContentIssue> issues;
    (void)parse(document, issues);
    return issues;
}

Result<Content> parse_content(const json& document) {
    std::vector<ContentIssue> issues;
    return parse(document, issues);
}

} // namespace mc::catalog
