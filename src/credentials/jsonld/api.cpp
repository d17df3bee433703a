#include "credentials/jsonld/context.hpp"

namespace mc::credentials::jsonld {

Result<json> expand(const json& input, const Options& options) {
    Processor p(options);
    Ctx ctx = p.initial();
    if (options.expand_context) {
        const json& ec = options.expand_context->is_object() && options.expand_context->contains("@context")
                             ? options.expand_context->at("@context")
                             : *options.expand_context;
        ctx = TRY(p.process_context(ctx, ec, options.base));
    }
    json result = TRY(p.expand(ctx, nullptr, input, options.base, false, 0));
    // Top-level cleanup of the JsonLdProcessor.expand() API.
    if (result.is_object() && result.size() == 1 && result.contains("@graph")) result = std::move(result["@graph"]);
    if (result.is_null()) result = json::array();
    if (!result.is_array()) result = json::array({std::move(result)});
    return result;
}

} // namespace mc::credentials::jsonld
