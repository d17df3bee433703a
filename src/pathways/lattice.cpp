#include "pathways/lattice.hpp"

#include <algorithm>

namespace mc::pathways {

using nlohmann::json;

namespace {

std::string text_at(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool slug_ok(const std::string& s) {
    return !s.empty() && s.size() <= kMaxRefLength &&
           std::ranges::all_of(s, [](unsigned char c) { return std::islower(c) || std::isdigit(c) || c == '-'; });
}

Bilingual bilingual_at(const json& doc, const char* key, const std::string& at, std::vector<RuleIssue>& issues,
                       bool required) {
    Bilingual b;
    auto it = doc.find(key);
    if (it != doc.end() && it->is_object()) b = {text_at(*it, "en"), text_at(*it, "es")};
    if ((required && b.en.empty()) || b.en.size() > 2000 || b.es.size() > 2000)
        issues.push_back({at + key + ".en", "pathways.errors.text"});
    return b;
}

json bilingual_json(const Bilingual& b) { return {{"en", b.en}, {"es", b.es}}; }

} // namespace

std::optional<LatticeDefinition> lattice_from_json(const json& doc, std::vector<RuleIssue>& issues) {
    if (!doc.is_object()) {
        issues.push_back({"", "pathways.errors.rule_shape"});
        return std::nullopt;
    }
    LatticeDefinition l;
    l.slug = text_at(doc, "slug");
    if (!slug_ok(l.slug)) issues.push_back({"slug", "pathways.errors.slug"});
    l.title = bilingual_at(doc, "title", "", issues, true);
    l.description = bilingual_at(doc, "description", "", issues, false);
    auto levels = doc.find("levels");
    if (levels == doc.end() || !levels->is_array() || levels->empty() || levels->size() > kMaxLatticeLevels) {
        issues.push_back({"levels", "pathways.errors.rule_children"});
        return std::nullopt;
    }
    int i = 0, last_rank = 0;
    for (const auto& lv : *levels) {
        std::string at = "levels." + std::to_string(i++);
        if (!lv.is_object()) {
            issues.push_back({at, "pathways.errors.rule_shape"});
            continue;
        }
        LatticeLevel level;
        auto rank = lv.find("rank");
        if (rank == lv.end() || !rank->is_number_integer() || rank->get<long long>() <= last_rank ||
            rank->get<long long>() > 1000) {
            issues.push_back({at + ".rank", "pathways.errors.rule_amount"});
            continue;
        }
        level.rank = rank->get<int>();
        last_rank = level.rank;
        level.code = text_at(lv, "code");
        if (level.code.empty() || level.code.size() > 16) issues.push_back({at + ".code", "pathways.errors.rule_ref"});
        level.title = bilingual_at(lv, "title", at + ".", issues, true);
        auto sets = lv.find("any_of");
        if (sets == lv.end() || !sets->is_array() || sets->empty() || sets->size() > kMaxSetsPerLevel) {
            issues.push_back({at + ".any_of", "pathways.errors.rule_children"});
            continue;
        }
        int j = 0;
        for (const auto& s : *sets) level.sets.push_back(rule_from_json(s, issues, at + ".any_of." + std::to_string(j++)));
        l.levels.push_back(std::move(level));
    }
    if (!issues.empty()) return std::nullopt;
    return l;
}

json lattice_to_json(const LatticeDefinition& l) {
    json levels = json::array();
    for (const auto& lv : l.levels) {
        json sets = json::array();
        for (const auto& s : lv.sets) sets.push_back(rule_to_json(s));
        levels.push_back({{"rank", lv.rank}, {"code", lv.code}, {"title", bilingual_json(lv.title)}, {"any_of", sets}});
    }
    return {{"slug", l.slug},
            {"title", bilingual_json(l.title)},
            {"description", bilingual_json(l.description)},
            {"levels", levels}};
}

Placement place(const LatticeDefinition& lattice, const Facts& facts) {
    Placement p;
    // The highest level with a met set, not the first gap: a CDA holder may skip the lower levels.
    for (std::size_t l = 0; l < lattice.levels.size(); ++l)
        if (std::ranges::any_of(lattice.levels[l].sets, [&](const Rule& r) { return evaluate(r, facts).met; })) {
            p.rank = lattice.levels[l].rank;
            p.level = static_cast<int>(l);
        }
    for (std::size_t l = 0; l < lattice.levels.size(); ++l) {
        const auto& level = lattice.levels[l];
        if (level.rank <= p.rank) continue;
        p.next = static_cast<int>(l);
        for (std::size_t i = 0; i < level.sets.size(); ++i) {
            auto o = evaluate(level.sets[i], facts);
            if (p.next_set < 0 || o.fraction() > p.next_best.fraction()) {
                p.next_best = std::move(o);
                p.next_set = static_cast<int>(i);
            }
        }
        break;
    }
    return p;
}

} // namespace mc::pathways
