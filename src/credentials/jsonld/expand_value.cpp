// JSON-LD 1.1 Value Expansion (5.3.2): a scalar under a term becomes a value object, or a
// node reference when the term is typed @id / @vocab.
#include "credentials/jsonld/context.hpp"
#include "credentials/jsonld/iri.hpp"

namespace mc::credentials::jsonld {

Result<json> Processor::expand_value(const ActiveContext& ctx, const std::string& active_property,
                                     const json& value) const {
    const TermDef* def = ctx.find(active_property);
    if (def && def->type && value.is_string()) {
        if (*def->type == "@id" || *def->type == "@vocab") {
            auto iri = expand_iri(ctx, value.get<std::string>(), true, *def->type == "@vocab");
            if (!iri) TRY(unsafe("reserved @id value", value.get<std::string>()));
            else if (!is_absolute_iri(*iri) && !is_blank_node_id(*iri))
                TRY(unsafe("relative object reference", *iri)); // toRdf would drop it
            return json{{"@id", iri ? json(*iri) : json(nullptr)}};
        }
    }
    json result{{"@value", value}};
    if (def && def->type && *def->type != "@id" && *def->type != "@vocab" && *def->type != "@none") {
        result["@type"] = *def->type;
    } else if (value.is_string()) {
        auto language = def && def->has_language ? def->language : ctx.default_language;
        auto direction = def && def->has_direction ? def->direction : ctx.default_direction;
        if (language) result["@language"] = *language;
        if (direction) result["@direction"] = *direction;
    }
    return result;
}

} // namespace mc::credentials::jsonld
