#include "credentials/jsonld/node_map.hpp"

#include <unordered_map>

#include "credentials/jsonld/context.hpp"
#include "credentials/jsonld/iri.hpp"

namespace mc::credentials::jsonld {
namespace {

void add_unique(json& arr, const json& v) {
    if (!arr.is_array()) arr = json::array();
    for (const auto& x : arr)
        if (x == v) return;
    arr.push_back(v);
}

class NodeMapper {
public:
    json map = json{{"@default", json::object()}};

    // Subject: null, a subject id (string), or a reverse reference ({"@id": ...}).
    Result<void> run(const json& element, const std::string& graph, const json& subject,
                     const std::string* property, json* list) {
        if (element.is_array()) { // 1
            for (const auto& item : element) TRY(run(item, graph, subject, property, list));
            return {};
        }
        if (!element.is_object()) return jsonld_error("invalid expanded form");
        json& g = map[graph];
        if (element.contains("@value")) { // 3
            json v = element;
            if (auto t = v.find("@type"); t != v.end() && t->is_string() && is_blank_node_id(t->get<std::string>()))
                *t = label(t->get<std::string>());
            if (list) list->at("@list").push_back(std::move(v));
            else add_unique(g[subject.get<std::string>()][*property], v);
            return {};
        }
        if (auto l = element.find("@list"); l != element.end()) { // 4
            json result{{"@list", json::array()}};
            TRY(run(*l, graph, subject, property, &result));
            if (list) list->at("@list").push_back(std::move(result));
            else g[subject.get<std::string>()][*property].push_back(std::move(result));
            return {};
        }
        std::string id; // 5.1
        if (auto i = element.find("@id"); i != element.end()) {
            // A null @id (an ignored keyword-like value) stays empty: never a valid RDF term.
            id = i->is_string() ? i->get<std::string>() : std::string();
            if (is_blank_node_id(id)) id = label(id);
        } else {
            id = label({});
        }
        if (!g.contains(id)) g[id] = json{{"@id", id}}; // 5.2
        if (subject.is_object()) { // 5.4: reverse property reference
            add_unique(g[id][*property], subject);
        } else if (property) { // 5.5
            json ref{{"@id", id}};
            if (list) list->at("@list").push_back(std::move(ref));
            else add_unique(g[subject.get<std::string>()][*property], ref);
        }
        if (auto t = element.find("@type"); t != element.end()) { // 5.6
            for (const auto& ty : *t) {
                json v = ty.is_string() && is_blank_node_id(ty.get<std::string>()) ? json(label(ty.get<std::string>())) : ty;
                add_unique(g[id]["@type"], v);
            }
        }
        if (auto ix = element.find("@index"); ix != element.end()) { // 5.7
            json& node = g[id];
            if (node.contains("@index") && node["@index"] != *ix) return jsonld_error("conflicting indexes");
            node["@index"] = *ix;
        }
        if (auto r = element.find("@reverse"); r != element.end()) { // 5.8
            json referenced{{"@id", id}};
            for (auto& [p, values] : r->items())
                for (const auto& v : values) TRY(run(v, graph, referenced, &p, nullptr));
        }
        if (auto gr = element.find("@graph"); gr != element.end()) { // 5.9
            if (!map.contains(id)) map[id] = json::object();
            TRY(run(*gr, id, json(nullptr), nullptr, nullptr));
        }
        if (auto inc = element.find("@included"); inc != element.end()) // 5.10
            TRY(run(*inc, graph, json(nullptr), nullptr, nullptr));
        for (auto& [p, v] : element.items()) { // 5.11
            if (p == "@id" || p == "@type" || p == "@index" || p == "@reverse" || p == "@graph" || p == "@included")
                continue;
            std::string prop = is_blank_node_id(p) ? label(p) : p;
            json& node = map[graph][id];
            if (!node.contains(prop)) node[prop] = json::array();
            TRY(run(v, graph, json(id), &prop, nullptr));
        }
        return {};
    }

private:
    std::unordered_map<std::string, std::string> labels_;
    std::size_t counter_ = 0;

    std::string label(const std::string& old) {
        if (!old.empty())
            if (auto it = labels_.find(old); it != labels_.end()) return it->second;
        std::string fresh = "_:b" + std::to_string(counter_++);
        if (!old.empty()) labels_.emplace(old, fresh);
        return fresh;
    }
};

} // namespace

Result<json> generate_node_map(const json& expanded) {
    NodeMapper m;
    TRY(m.run(expanded, "@default", json(nullptr), nullptr, nullptr));
    return std::move(m.map);
}

} // namespace mc::credentials::jsonld
