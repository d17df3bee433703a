#include "credentials/proof/default_proof.hpp"

#include "credentials/rdfc/canonicalize.hpp"

namespace mc::credentials {

Canonicalizer rdfc_canonicalizer() {
    return [](const nlohmann::json& doc) { return canonicalize_jsonld(doc); };
}

Result<nlohmann::json> sign_credential(const nlohmann::json& credential, const IssuerKey& key,
                                       std::string_view verification_method, SysSeconds created) {
    ProofOptions options;
    options.verification_method = std::string(verification_method);
    options.created = created;
    return sign_data_integrity(credential, key, options, rdfc_canonicalizer());
}

Result<void> verify_credential(const nlohmann::json& secured, const PublicKeyResolver& resolve) {
    return verify_data_integrity(secured, resolve, rdfc_canonicalizer());
}

} // namespace mc::credentials
