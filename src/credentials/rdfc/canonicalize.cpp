#include "credentials/rdfc/canonicalize.hpp"

#include "credentials/jsonld/jsonld.hpp"
#include "credentials/rdfc/rdfc10.hpp"

namespace mc::credentials {

Result<std::string> canonicalize_jsonld(const nlohmann::json& document, bool safe) {
    // Pinned loader only, no base IRI (credentials use absolute IRIs). In safe mode a
    // relative IRI fails; otherwise toRdf drops it exactly as other verifiers do.
    jsonld::Options options;
    options.safe = safe;
    rdf::Dataset dataset = TRY(jsonld::to_rdf(document, options));
    rdfc::Canonical canonical = TRY(rdfc::canonicalize(dataset));
    return std::move(canonical.nquads);
}

} // namespace mc::credentials
