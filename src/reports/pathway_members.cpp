#include "reports/pathway_members.hpp"

#include <set>

namespace mc::reports {

namespace {

using pathways::Rule;
using pathways::RuleKind;

// What one rule tree names directly.
struct Named {
    std::set<std::string> slugs, areas, pathways;
    bool any_area = false;
};

void walk(const Rule& r, Named& n) {
    switch (r.kind) {
    case RuleKind::micro_credential: n.slugs.insert(r.ref); break;
    case RuleKind::pathway: n.pathways.insert(r.ref); break;
    case RuleKind::credits:
    case RuleKind::clock_hours:
        if (r.ref.empty()) n.any_area = true;
        else n.areas.insert(r.ref);
        break;
    case RuleKind::each_area: n.areas.insert(r.areas.begin(), r.areas.end()); break;
    case RuleKind::external: break;
    default: break;
    }
    for (const auto& c : r.children) walk(c, n);
}

} // namespace

std::map<std::string, std::vector<std::string>> pathways_by_micro_credential(
    const std::vector<pathways::PathwayDefinition>& pathways, const std::vector<CatalogEntry>& catalog) {
    std::map<std::string, Named> named; // pathway slug -> what its rule names
    for (const auto& p : pathways) {
        auto& n = named[p.slug];
        walk(p.rule, n);
        for (const auto& pre : p.prerequisites) n.slugs.insert(pre.micro_credential);
    }
    std::map<std::string, std::vector<std::string>> out;
    for (const auto& p : pathways) {
        // The pathways reachable from p (p itself included), each once.
        std::set<std::string> seen{p.slug};
        std::vector<std::string> todo{p.slug};
        Named all;
        while (!todo.empty()) {
            auto slug = todo.back();
            todo.pop_back();
            auto it = named.find(slug);
            if (it == named.end()) continue; // a pathway named but not defined counts for nothing
            const auto& n = it->second;
            all.slugs.insert(n.slugs.begin(), n.slugs.end());
            all.areas.insert(n.areas.begin(), n.areas.end());
            all.any_area = all.any_area || n.any_area;
            for (const auto& next : n.pathways)
                if (seen.insert(next).second) todo.push_back(next);
        }
        for (const auto& mc : catalog)
            if (all.any_area || all.slugs.contains(mc.slug) || (!mc.area.empty() && all.areas.contains(mc.area)))
                out[mc.id].push_back(p.slug);
    }
    return out;
}

} // namespace mc::reports
