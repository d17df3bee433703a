#include "pathways/rules.hpp"

#include <algorithm>

namespace mc::pathways {

using nlohmann::json;

double credits_of(double college_credit_hours, double clock_hours, double clock_hours_per_credit) {
    if (college_credit_hours > 0) return college_credit_hours;
    if (clock_hours_per_credit <= 0) return 0;
    return clock_hours / clock_hours_per_credit;
}

std::string_view unit_name(Unit u) {
    switch (u) {
    case Unit::items: return "items";
    case Unit::parts: return "parts";
    case Unit::areas: return "areas";
    case Unit::credits: return "credits";
    case Unit::clock_hours: return "clock_hours";
    }
    return "items";
}

namespace {

constexpr std::pair<const char*, RuleKind> kKinds[] = {
    {"all_of", RuleKind::all_of},       {"any_of", RuleKind::any_of},
    {"at_least", RuleKind::at_least},   {"micro_credential", RuleKind::micro_credential},
    {"pathway", RuleKind::pathway},     {"external", RuleKind::external},
    {"credits", RuleKind::credits},     {"clock_hours", RuleKind::clock_hours},
    {"each_area", RuleKind::each_area},
};

bool good_ref(const json& j) {
    if (!j.is_string()) return false;
    const auto& s = j.get_ref<const std::string&>();
    if (s.empty() || s.size() > kMaxRefLength) return false;
    // Slugs, area codes and external kinds: letters, digits, '-' and '_' only.
    return std::ranges::all_of(s, [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_'; });
}

bool good_amount(const json& j, double max) {
    return j.is_number() && j.get<double>() >= 0 && j.get<double>() <= max;
}

struct Reader {
    std::vector<RuleIssue>& issues;
    int nodes = 0;

    void issue(const std::string& at, const char* key) { issues.push_back({at, key}); }

    Rule read(const json& doc, const std::string& at, int depth) {
        Rule r;
        if (++nodes > kMaxRuleNodes) {
            if (nodes == kMaxRuleNodes + 1) issue(at, "pathways.errors.rule_too_large");
            return r;
        }
        if (depth > kMaxRuleDepth) {
            issue(at, "pathways.errors.rule_too_deep");
            return r;
        }
        if (!doc.is_object()) {
            issue(at, "pathways.errors.rule_shape");
            return r;
        }
        const char* found = nullptr;
        for (const auto& [name, kind] : kKinds)
            if (doc.contains(name)) {
                if (found) {
                    issue(at, "pathways.errors.rule_shape");
                    return r;
                }
                found = name;
                r.kind = kind;
            }
        if (!found) {
            issue(at, "pathways.errors.rule_shape");
            return r;
        }
        std::string here = at + "." + found;
        const json& v = doc.at(found);
        switch (r.kind) {
        case RuleKind::all_of:
        case RuleKind::any_of:
        case RuleKind::at_least: {
            const json* list = &v;
            if (r.kind == RuleKind::at_least) {
                if (!v.is_number_integer() || v.get<long long>() < 1 || v.get<long long>() > 64) {
                    issue(here, "pathways.errors.rule_count");
                    return r;
                }
                r.n = v.get<int>();
                if (!doc.contains("of")) {
                    issue(at + ".of", "pathways.errors.rule_children");
                    return r;
                }
                list = &doc.at("of");
                here = at + ".of";
            }
            if (!list->is_array() || list->empty() || list->size() > kMaxRuleChildren) {
                issue(here, "pathways.errors.rule_children");
                return r;
            }
            int i = 0;
            for (const auto& child : *list) r.children.push_back(read(child, here + "." + std::to_string(i++), depth + 1));
            if (r.kind == RuleKind::at_least && r.n > static_cast<int>(r.children.size()))
                issue(at + ".at_least", "pathways.errors.rule_count");
            break;
        }
        case RuleKind::micro_credential:
        case RuleKind::pathway:
        case RuleKind::external:
            if (!good_ref(v)) issue(here, "pathways.errors.rule_ref");
            else r.ref = v.get<std::string>();
            break;
        case RuleKind::credits:
        case RuleKind::clock_hours: {
            if (!good_amount(v, 10000)) {
                issue(here, "pathways.errors.rule_amount");
                return r;
            }
            r.amount = v.get<double>();
            if (doc.contains("area")) {
                if (!good_ref(doc.at("area"))) issue(at + ".area", "pathways.errors.rule_ref");
                else r.ref = doc.at("area").get<std::string>();
            }
            if (doc.contains("equivalents")) {
                const json& eq = doc.at("equivalents");
                if (r.kind != RuleKind::credits || !eq.is_object() || eq.size() > kMaxRuleChildren) {
                    issue(at + ".equivalents", "pathways.errors.rule_shape");
                    return r;
                }
                for (const auto& [kind, credits] : eq.items()) {
                    if (!good_ref(json(kind)) || !good_amount(credits, 10000))
                        issue(at + ".equivalents." + kind, "pathways.errors.rule_amount");
                    else r.equivalents[kind] = credits.get<double>();
                }
            }
            break;
        }
        case RuleKind::each_area: {
            if (!v.is_array() || v.empty() || v.size() > kMaxRuleChildren) {
                issue(here, "pathways.errors.rule_children");
                return r;
            }
            for (const auto& a : v) {
                if (!good_ref(a)) issue(here, "pathways.errors.rule_ref");
                else r.areas.push_back(a.get<std::string>());
            }
            if (doc.contains("min_count")) {
                const json& c = doc.at("min_count");
                if (!c.is_number_integer() || c.get<long long>() < 1 || c.get<long long>() > 64)
                    issue(at + ".min_count", "pathways.errors.rule_count");
                else r.min_count = c.get<int>();
            }
            if (doc.contains("credits_per_area")) {
                if (!good_amount(doc.at("credits_per_area"), 1000)) issue(at + ".credits_per_area", "pathways.errors.rule_amount");
                else r.amount = doc.at("credits_per_area").get<double>();
            }
            break;
        }
        }
        return r;
    }
};

} // namespace

Rule rule_from_json(const json& doc, std::vector<RuleIssue>& issues, const std::string& at) {
    Reader reader{issues};
    return reader.read(doc, at, 1);
}

json rule_to_json(const Rule& r) {
    auto list = [&] {
        json out = json::array();
        for (const auto& c : r.children) out.push_back(rule_to_json(c));
        return out;
    };
    switch (r.kind) {
    case RuleKind::all_of: return {{"all_of", list()}};
    case RuleKind::any_of: return {{"any_of", list()}};
    case RuleKind::at_least: return {{"at_least", r.n}, {"of", list()}};
    case RuleKind::micro_credential: return {{"micro_credential", r.ref}};
    case RuleKind::pathway: return {{"pathway", r.ref}};
    case RuleKind::external: return {{"external", r.ref}};
    case RuleKind::credits:
    case RuleKind::clock_hours: {
        json out{{r.kind == RuleKind::credits ? "credits" : "clock_hours", r.amount}};
        if (!r.ref.empty()) out["area"] = r.ref;
        if (!r.equivalents.empty()) out["equivalents"] = r.equivalents;
        return out;
    }
    case RuleKind::each_area: {
        json out{{"each_area", r.areas}, {"min_count", r.min_count}};
        if (r.amount > 0) out["credits_per_area"] = r.amount;
        return out;
    }
    }
    return json::object();
}

void referenced(const Rule& r, std::set<std::string>& micro_credentials, std::set<std::string>& pathways) {
    if (r.kind == RuleKind::micro_credential) micro_credentials.insert(r.ref);
    if (r.kind == RuleKind::pathway) pathways.insert(r.ref);
    for (const auto& c : r.children) referenced(c, micro_credentials, pathways);
}

namespace {

void add_unique(std::vector<std::string>& into, const std::string& s) {
    if (std::ranges::find(into, s) == into.end()) into.push_back(s);
}

void merge_needs(Outcome& into, const Outcome& from) {
    for (const auto& s : from.in_review) add_unique(into.in_review, s);
    for (const auto& s : from.wanted_slugs) add_unique(into.wanted_slugs, s);
    for (const auto& s : from.wanted_areas) add_unique(into.wanted_areas, s);
}

void merge_used(Outcome& into, const Outcome& from) {
    into.used_awards.insert(from.used_awards.begin(), from.used_awards.end());
    into.used_externals.insert(from.used_externals.begin(), from.used_externals.end());
    for (const auto& a : from.areas_met) add_unique(into.areas_met, a);
}

Outcome amount_rule(const Rule& r, const Facts& f) {
    Outcome o;
    o.unit = r.kind == RuleKind::credits ? Unit::credits : Unit::clock_hours;
    double have = 0;
    for (const auto& h : f.earned) {
        if (!r.ref.empty() && h.area != r.ref) continue;
        double v = r.kind == RuleKind::credits ? h.credits : h.clock_hours;
        if (v <= 0) continue;
        have += v;
        o.used_awards.insert(h.award_id);
    }
    // An accepted equivalent counts once, however many copies are on file.
    for (const auto& [kind, credits] : r.equivalents) {
        auto it = std::ranges::find_if(f.externals, [&](const External& e) { return e.kind == kind; });
        if (it == f.externals.end()) continue;
        have += credits;
        o.used_externals.insert(it->id);
    }
    o.total = r.amount;
    o.done = std::min(have, r.amount);
    // A little slack so 10 x 1.2 credits reaches 12 despite binary fractions.
    o.met = have + 1e-9 >= r.amount;
    if (!o.met) {
        for (const auto& h : f.in_review)
            if (r.ref.empty() || h.area == r.ref) add_unique(o.in_review, h.slug);
        add_unique(o.wanted_areas, r.ref);
    }
    return o;
}

Outcome each_area_rule(const Rule& r, const Facts& f) {
    Outcome o;
    o.unit = Unit::areas;
    o.total = static_cast<double>(r.areas.size());
    for (const auto& area : r.areas) {
        int count = 0;
        double credits = 0;
        std::set<std::string> used;
        for (const auto& h : f.earned)
            if (h.area == area) {
                ++count;
                credits += h.credits;
                used.insert(h.award_id);
            }
        bool met = count >= r.min_count && (r.amount <= 0 || credits + 1e-9 >= r.amount);
        if (met) {
            o.areas_met.push_back(area);
            o.used_awards.insert(used.begin(), used.end());
            o.done += 1;
        } else {
            o.areas_missing.push_back(area);
            add_unique(o.wanted_areas, area);
            for (const auto& h : f.in_review)
                if (h.area == area) add_unique(o.in_review, h.slug);
        }
    }
    o.met = o.areas_missing.empty();
    return o;
}

} // namespace

Outcome evaluate(const Rule& r, const Facts& f) {
    Outcome o;
    switch (r.kind) {
    case RuleKind::micro_credential: {
        auto it = std::ranges::find_if(f.earned, [&](const Holding& h) { return h.slug == r.ref; });
        o.met = it != f.earned.end();
        o.done = o.met ? 1 : 0;
        if (o.met) o.used_awards.insert(it->award_id);
        else if (std::ranges::any_of(f.in_review, [&](const Holding& h) { return h.slug == r.ref; }))
            o.in_review.push_back(r.ref);
        else o.wanted_slugs.push_back(r.ref);
        return o;
    }
    case RuleKind::pathway:
        o.met = f.pathways_completed.contains(r.ref);
        o.done = o.met ? 1 : 0;
        return o;
    case RuleKind::external: {
        auto it = std::ranges::find_if(f.externals, [&](const External& e) { return e.kind == r.ref; });
        o.met = it != f.externals.end();
        o.done = o.met ? 1 : 0;
        if (o.met) o.used_externals.insert(it->id);
        return o;
    }
    case RuleKind::credits:
    case RuleKind::clock_hours: return amount_rule(r, f);
    case RuleKind::each_area: return each_area_rule(r, f);
    case RuleKind::all_of:
    case RuleKind::at_least: {
        std::vector<Outcome> kids;
        for (const auto& c : r.children) kids.push_back(evaluate(c, f));
        int met = static_cast<int>(std::ranges::count_if(kids, [](const Outcome& k) { return k.met; }));
        int need = r.kind == RuleKind::all_of ? static_cast<int>(kids.size()) : r.n;
        // One child alone: its own measure ("5 of 8 areas") says more than "0 of 1 parts".
        if (kids.size() == 1 && need == 1) return kids.front();
        o.met = met >= need;
        o.unit = Unit::parts;
        o.total = need;
        o.done = std::min(met, need);
        for (const auto& k : kids) {
            if (k.met) merge_used(o, k);
            else if (!o.met) merge_needs(o, k);
        }
        // All but one piece in place: that piece's own measure is what is left to do
        // ("a degree and 5 of 8 areas" reads as "5 of 8 areas").
        if (!o.met && need - met == 1 && r.kind == RuleKind::all_of) {
            const auto& left = *std::ranges::find_if(kids, [](const Outcome& k) { return !k.met; });
            o.done = left.done;
            o.total = left.total;
            o.unit = left.unit;
            o.areas_missing = left.areas_missing;
            for (const auto& a : left.areas_met) add_unique(o.areas_met, a);
        }
        return o;
    }
    case RuleKind::any_of: {
        // The route closest to done is the one shown (met first, then the largest fraction).
        const Outcome* best = nullptr;
        std::vector<Outcome> kids;
        for (const auto& c : r.children) kids.push_back(evaluate(c, f));
        for (const auto& k : kids)
            if (!best || (k.met && !best->met) || (k.met == best->met && k.fraction() > best->fraction())) best = &k;
        return *best;
    }
    }
    return o;
}

std::vector<std::string> suggestions(const Outcome& outcome, const Facts& facts, const std::vector<Offer>& offers,
                                     std::size_t limit) {
    auto taken = [&](const std::string& slug) {
        return std::ranges::any_of(facts.earned, [&](const Holding& h) { return h.slug == slug; }) ||
               std::ranges::any_of(facts.in_review, [&](const Holding& h) { return h.slug == slug; });
    };
    std::vector<std::string> out;
    auto offer = [&](const std::string& slug) {
        if (out.size() < limit && !taken(slug) && std::ranges::find(out, slug) == out.end()) out.push_back(slug);
    };
    if (outcome.met) return out;
    for (const auto& slug : outcome.wanted_slugs)
        if (std::ranges::any_of(offers, [&](const Offer& o) { return o.slug == slug; })) offer(slug);
    std::vector<const Offer*> ranked;
    for (const auto& o : offers) ranked.push_back(&o);
    std::ranges::stable_sort(ranked, [](const Offer* a, const Offer* b) { return a->credits > b->credits; });
    for (const auto& area : outcome.wanted_areas)
        for (const auto* o : ranked)
            if (area.empty() || o->area == area) offer(o->slug);
    return out;
}

} // namespace mc::pathways
