// Expansion of @index, @id and @type maps (Expansion Algorithm step 13.8): the map keys
// become @index / @id / @type entries (or an index property) of the expanded items.
#include "credentials/jsonld/context.hpp"
#include "credentials/jsonld/iri.hpp"

namespace mc::credentials::jsonld {

Result<json> Processor::expand_index_map(Frame& f, const std::string& key, const std::string& expanded_property,
                                         const json& value, const TermDef& def) {
    const Ctx& ctx = f.ctx;
    json out = json::array();
    const std::string index_key = def.index.value_or("@index");
    const bool id_or_type = def.has_container("@id") || def.has_container("@type");
    for (auto& [index, index_value] : value.items()) {
        Ctx map_ctx = ctx;
        if (id_or_type && ctx->previous) map_ctx = ctx->previous;
        if (def.has_container("@type")) {
            if (const TermDef* td = map_ctx->find(index); td && td->context)
                map_ctx = TRY(apply_scoped(map_ctx, *td->context, td->context_key, td->base_url, false, true));
        } else {
            map_ctx = ctx;
        }
        auto expanded_index = expand_iri(*ctx, index, false, true);
        const bool none = expanded_index == "@none";
        json items = index_value.is_array() ? index_value : json::array({index_value});
        json expanded = TRY(expand(map_ctx, &key, items, f.base_url, true, f.depth + 1));
        for (auto& item : expanded) {
            if (def.has_container("@graph") && !(item.is_object() && item.contains("@graph") &&
                                                 [&] {
                                                     for (auto& [k, _] : item.items())
                                                         if (k != "@graph" && k != "@id" && k != "@index") return false;
                                                     return true;
                                                 }()))
                item = json{{"@graph", json::array({std::move(item)})}};
            if (def.has_container("@index") && index_key != "@index" && !none) {
                json re_expanded = TRY(expand_value(*ctx, index_key, index));
                auto eik = expand_iri(*ctx, index_key, false, true);
                if (!eik) {
                    TRY(unsafe("invalid property", index_key)); // the index property means nothing
                    continue;
                }
                json values = json::array({std::move(re_expanded)});
                if (auto existing = item.find(*eik); existing != item.end()) {
                    if (existing->is_array())
                        for (auto& x : *existing) values.push_back(std::move(x));
                    else
                        values.push_back(std::move(*existing));
                }
                if (item.contains("@value")) return jsonld_error("invalid value object");
                item[*eik] = std::move(values);
            } else if (def.has_container("@index") && !item.contains("@index") && !none) {
                item["@index"] = index;
            } else if (def.has_container("@id") && !item.contains("@id") && !none) {
                auto id = expand_iri(*ctx, index, true, false);
                item["@id"] = id ? json(*id) : json(nullptr);
            } else if (def.has_container("@type") && !none) {
                json types = json::array({expanded_index ? json(*expanded_index) : json(nullptr)});
                if (auto existing = item.find("@type"); existing != item.end()) {
                    if (existing->is_array())
                        for (auto& x : *existing) types.push_back(std::move(x));
                    else
                        types.push_back(std::move(*existing));
                }
                item["@type"] = std::move(types);
            }
            out.push_back(std::move(item));
        }
    }
    (void)expanded_property;
    return out;
}

} // namespace mc::credentials::jsonld
