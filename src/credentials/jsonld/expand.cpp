// JSON-LD 1.1 Expansion Algorithm (5.1.2); Value Expansion is in expand_value.cpp.
#include <algorithm>

#include "credentials/jsonld/context.hpp"
#include "credentials/jsonld/iri.hpp"

namespace mc::credentials::jsonld {
namespace {

json as_array(json v) { return v.is_array() ? std::move(v) : json::array({std::move(v)}); }

void append_to(json& obj, const std::string& key, json value) {
    json& slot = obj[key];
    if (slot.is_null()) slot = json::array();
    if (value.is_array())
        for (auto& v : value) slot.push_back(std::move(v));
    else
        slot.push_back(std::move(value));
}

bool is_value_object(const json& j) { return j.is_object() && j.contains("@value"); }
bool is_list_object(const json& j) { return j.is_object() && j.contains("@list"); }
bool is_scalar(const json& j) { return j.is_string() || j.is_number() || j.is_boolean(); }

} // namespace

Result<json> Processor::expand(const Ctx& ctx_in, const std::string* active_property, const json& element,
                               const std::string& base_url, bool from_map, std::size_t depth) {
    if (depth > opt_.max_depth) return fail(Errc::bad_input, "credentials.too_complex", "JSON-LD nesting too deep");
    if (element.is_null()) return json(nullptr); // 1
    Ctx ctx = ctx_in;
    const TermDef* prop_def = active_property ? ctx->find(*active_property) : nullptr;
    const json* prop_scoped = prop_def && prop_def->context ? &*prop_def->context : nullptr; // 3

    if (!element.is_object() && !element.is_array()) { // 4
        if (!active_property || *active_property == "@graph") return dropped("free-floating scalar");
        if (prop_scoped) ctx = TRY(apply_scoped(ctx, *prop_scoped, prop_def->context_key, prop_def->base_url, false, true));
        return expand_value(*ctx, *active_property, element);
    }
    if (element.is_array()) { // 5
        json result = json::array();
        bool list_container = prop_def && prop_def->has_container("@list");
        for (const auto& item : element) {
            json e = TRY(expand(ctx, active_property, item, base_url, from_map, depth + 1));
            if (list_container && e.is_array()) e = json{{"@list", std::move(e)}};
            if (e.is_array())
                for (auto& x : e) result.push_back(std::move(x));
            else if (!e.is_null())
                result.push_back(std::move(e));
        }
        return result;
    }
    // 7: a type-scoped context does not reach into nested node objects.
    if (ctx->previous && !from_map) {
        bool keep = false;
        for (auto& [k, _] : element.items()) {
            auto e = expand_iri(*ctx, k, false, true);
            if (e == "@value" || (element.size() == 1 && e == "@id")) keep = true;
        }
        if (!keep) ctx = ctx->previous;
    }
    if (prop_scoped) ctx = TRY(apply_scoped(ctx, *prop_scoped, prop_def->context_key, prop_def->base_url, true, true)); // 8
    if (auto c = element.find("@context"); c != element.end()) // 9
        ctx = ctx == initial_ ? TRY(process_top_level(*c, base_url)) : TRY(process_context(ctx, *c, base_url));
    Frame f{ctx, ctx, active_property, base_url, depth, {}, json::object(), {}}; // 10
    // 11-12: type-scoped contexts, applied in lexicographic order of the type values.
    bool first_type_key = true;
    for (auto& [k, v] : element.items()) {
        if (expand_iri(*ctx, k, false, true) != "@type") continue;
        std::vector<std::string> types;
        for (const auto& t : as_array(v))
            if (t.is_string()) types.push_back(t.get<std::string>());
        std::sort(types.begin(), types.end());
        for (const auto& t : types)
            if (const TermDef* d = f.type_scoped->find(t); d && d->context)
                f.ctx = TRY(apply_scoped(f.ctx, *d->context, d->context_key, d->base_url, false, false));
        if (first_type_key && !types.empty()) {
            const auto& arr = as_array(v);
            if (!arr.empty() && arr.back().is_string())
                f.input_type = expand_iri(*f.type_scoped, arr.back().get<std::string>(), false, true);
        }
        first_type_key = false;
    }
    TRY(expand_entries(f, element)); // 13-14
    json& result = f.result;

    if (auto v = result.find("@value"); v != result.end()) { // 15
        for (auto& [k, _] : result.items())
            if (k != "@direction" && k != "@index" && k != "@language" && k != "@type" && k != "@value")
                return jsonld_error("invalid value object", k);
        if (result.contains("@type") && (result.contains("@language") || result.contains("@direction")))
            return jsonld_error("invalid value object");
        auto t = result.find("@type");
        if (t != result.end() && *t == "@json") {
            // any JSON value is allowed
        } else if (v->is_null() || (v->is_array() && v->empty())) {
            return dropped("null @value value");
        } else if (!v->is_string() && result.contains("@language")) {
            return jsonld_error("invalid language-tagged value");
        } else if (t != result.end() && (!t->is_string() || !is_well_formed_iri(t->get<std::string>()))) {
            return jsonld_error("invalid typed value");
        } else if (!is_scalar(*v)) {
            return jsonld_error("invalid value object value");
        }
    } else if (auto t = result.find("@type"); t != result.end() && !t->is_array()) { // 16
        *t = json::array({std::move(*t)});
    } else if (result.contains("@set") || result.contains("@list")) { // 17
        if (result.size() > 2 || (result.size() == 2 && !result.contains("@index")))
            return jsonld_error("invalid set or list object");
        if (result.contains("@set")) return json(std::move(result["@set"]));
    }
    if (result.size() == 1 && result.contains("@language")) // 18
        return dropped("object with only @language");
    if (!active_property || *active_property == "@graph") { // 19
        bool drop = result.empty() || result.contains("@value") || result.contains("@list") ||
                    (result.size() == 1 && result.contains("@id"));
        if (drop) return dropped(result.empty() ? "empty object" : "free-floating scalar");
    }
    return std::move(result);
}

Result<void> Processor::expand_entries(Frame& f, const json& element) {
    const ActiveContext& ctx = *f.ctx;
    json& result = f.result;
    for (auto& [key, value] : element.items()) {
        if (key == "@context") continue; // 13.1
        auto ep = expand_iri(ctx, key, false, true);
        if (!ep || (ep->find(':') == std::string::npos && !is_keyword(*ep))) { // 13.3
            TRY(unsafe("invalid property", key)); // undefined term, null mapping or "@foo"
            continue;
        }
        const std::string& prop = *ep;
        if (is_keyword(prop)) { // 13.4
            if (f.active_property && *f.active_property == "@reverse")
                return jsonld_error("invalid reverse property map");
            if (result.contains(prop) && prop != "@included" && prop != "@type")
                return jsonld_error("colliding keywords", prop);
            json ev;
            if (prop == "@id") {
                if (!value.is_string()) return jsonld_error("invalid @id value");
                auto iri = expand_iri(ctx, value.get<std::string>(), true, false);
                if (!iri) TRY(unsafe("reserved @id value", value.get<std::string>()));
                else if (!is_absolute_iri(*iri) && !is_blank_node_id(*iri))
                    TRY(unsafe("relative @id reference", *iri));
                ev = iri ? json(*iri) : json(nullptr); // kept as null: the node stays anonymous
            } else if (prop == "@type") {
                auto one = [&](const json& t) -> Result<json> {
                    if (!t.is_string()) return jsonld_error("invalid type value");
                    auto iri = expand_iri(*f.type_scoped, t.get<std::string>(), true, true);
                    if (!iri || (*iri != "@json" && !is_absolute_iri(*iri) && !is_blank_node_id(*iri)))
                        TRY(unsafe("relative @type reference", t.get<std::string>()));
                    return iri ? json(*iri) : json(nullptr);
                };
                if (value.is_array()) {
                    ev = json::array();
                    for (const auto& t : value) ev.push_back(TRY(one(t)));
                } else {
                    ev = TRY(one(value));
                }
                if (auto existing = result.find("@type"); existing != result.end()) {
                    json merged = as_array(std::move(*existing));
                    for (auto& x : as_array(std::move(ev))) merged.push_back(std::move(x));
                    ev = std::move(merged);
                }
            } else if (prop == "@graph") {
                static const std::string graph = "@graph";
                ev = as_array(TRY(expand(f.ctx, &graph, value, f.base_url, false, f.depth + 1)));
            } else if (prop == "@included") {
                static const std::string inc = "@included";
                ev = as_array(TRY(expand(f.ctx, &inc, value, f.base_url, false, f.depth + 1)));
                for (const auto& n : ev)
                    if (!n.is_object() || n.contains("@value") || n.contains("@list") || n.contains("@set"))
                        return jsonld_error("invalid @included value");
                if (auto existing = result.find("@included"); existing != result.end())
                    for (auto& x : *existing) ev.push_back(std::move(x));
            } else if (prop == "@value") {
                if (f.input_type == "@json") ev = value;
                else if (!value.is_null() && !is_scalar(value)) return jsonld_error("invalid value object value");
                else ev = value;
                if (ev.is_null()) {
                    result["@value"] = nullptr;
                    continue;
                }
            } else if (prop == "@language") {
                if (!value.is_string()) return jsonld_error("invalid language-tagged string");
                if (!is_well_formed_language(value.get<std::string>()))
                    TRY(unsafe("invalid @language value", value.get<std::string>()));
                ev = value;
            } else if (prop == "@direction") {
                if (value != "ltr" && value != "rtl") return jsonld_error("invalid base direction");
                ev = value;
            } else if (prop == "@index") {
                if (!value.is_string()) return jsonld_error("invalid @index value");
                ev = value;
            } else if (prop == "@list") {
                if (!f.active_property || *f.active_property == "@graph") {
                    TRY(unsafe("free-floating scalar", "@list"));
                    continue;
                }
                ev = as_array(TRY(expand(f.ctx, f.active_property, value, f.base_url, false, f.depth + 1)));
            } else if (prop == "@set") {
                ev = TRY(expand(f.ctx, f.active_property, value, f.base_url, false, f.depth + 1));
            } else if (prop == "@reverse") {
                if (!value.is_object()) return jsonld_error("invalid @reverse value");
                static const std::string rev = "@reverse";
                json expanded = TRY(expand(f.ctx, &rev, value, f.base_url, false, f.depth + 1));
                if (auto r = expanded.find("@reverse"); r != expanded.end())
                    for (auto& [p, items] : r->items()) append_to(result, p, items);
                for (auto& [p, items] : expanded.items()) {
                    if (p == "@reverse") continue;
                    for (auto& item : items) {
                        if (is_value_object(item) || is_list_object(item))
                            return jsonld_error("invalid reverse property value");
                        append_to(result["@reverse"], p, item);
                    }
                }
                continue;
            } else if (prop == "@nest") {
                f.nests.push_back(key);
                continue;
            } else {
                // Framing keywords have no meaning in expansion; context keywords
                // (@vocab, @base...) have none in a node object. Either way it is dropped.
                TRY(unsafe("invalid property", key));
                continue;
            }
            result[prop] = std::move(ev);
            continue;
        }

        const TermDef* def = ctx.find(key); // 13.5
        json ev;
        if (def && def->type == "@json") { // 13.6
            ev = json{{"@value", value}, {"@type", "@json"}};
        } else if (def && def->has_container("@language") && value.is_object()) { // 13.7
            ev = json::array();
            auto direction = def->has_direction ? def->direction : ctx.default_direction;
            for (auto& [lang, lv] : value.items()) {
                for (const auto& item : as_array(lv)) {
                    if (item.is_null()) continue;
                    if (!item.is_string()) return jsonld_error("invalid language map value");
                    json v{{"@value", item}};
                    if (lang != "@none" && expand_iri(ctx, lang, false, true) != "@none") {
                        if (!is_well_formed_language(lang)) TRY(unsafe("invalid @language value", lang));
                        v["@language"] = lang;
                    }
                    if (direction) v["@direction"] = *direction;
                    ev.push_back(std::move(v));
                }
            }
        } else if (def && (def->has_container("@index") || def->has_container("@type") || def->has_container("@id")) &&
                   value.is_object()) { // 13.8
            ev = TRY(expand_index_map(f, key, prop, value, *def));
        } else { // 13.9
            ev = TRY(expand(f.ctx, &key, value, f.base_url, false, f.depth + 1));
        }
        if (ev.is_null()) continue; // 13.10
        if (def && def->has_container("@list") && !is_list_object(ev)) // 13.11
            ev = json{{"@list", as_array(std::move(ev))}};
        if (def && def->has_container("@graph") && !def->has_container("@id") && !def->has_container("@index")) {
            json wrapped = json::array(); // 13.12
            for (auto& x : as_array(std::move(ev))) wrapped.push_back(json{{"@graph", as_array(std::move(x))}});
            ev = std::move(wrapped);
        }
        if (def && def->reverse) { // 13.13
            for (auto& item : as_array(std::move(ev))) {
                if (is_value_object(item) || is_list_object(item)) return jsonld_error("invalid reverse property value");
                append_to(result["@reverse"], prop, std::move(item));
            }
        } else {
            append_to(result, prop, std::move(ev)); // 13.14
        }
    }
    // 14: nested properties expand as if they were written on this node.
    std::vector<std::string> nests = std::move(f.nests);
    std::sort(nests.begin(), nests.end());
    const Ctx saved = f.ctx;
    for (const auto& nk : nests) {
        // Steps 3 and 8 again: the nesting term's own scoped context applies inside.
        const TermDef* nd = saved->find(nk);
        f.ctx = nd && nd->context ? TRY(apply_scoped(saved, *nd->context, nd->context_key, nd->base_url, true, true)) : saved;
        for (const auto& nv : as_array(element.at(nk))) {
            if (!nv.is_object()) return jsonld_error("invalid @nest value");
            for (auto& [k, _] : nv.items())
                if (expand_iri(*f.ctx, k, false, true) == "@value") return jsonld_error("invalid @nest value");
            TRY(expand_entries(f, nv));
        }
    }
    f.ctx = saved;
    return {};
}

} // namespace mc::credentials::jsonld
