#include "credentials/rdfc/canonicalize.hpp"

#include "credentials/jsonld/jsonld.hpp"
#include "credentials/rdfc/rdfc10.hpp"

namespace mc::credentials {

Result<std::string> canonicalize_jsonld(const nlohmann::json& document) {
    // Default options: pinned loader only, no base IRI (credentials use absolute IRIs;
    // relative ones are dropped by toRdf exactly as other verifiers drop them).
    rdf::Dataset dataset = TRY(jsonld::to_rdf(document));
    rdfc::Canonical canonical = TRY(rdfc::canonicalize(dataset));
    return std::move(canonical.nquads);
}

} // namespace mc::credentials
