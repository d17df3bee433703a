// Data Integrity signing/verification bound to the engine's own JSON-LD + RDFC-1.0
// canonicalizer (credentials/rdfc/canonicalize.hpp). This is what award and verify code call.
#pragma once

#include "credentials/proof/data_integrity.hpp"

namespace mc::credentials {

Canonicalizer rdfc_canonicalizer();

// Adds an eddsa-rdfc-2022 DataIntegrityProof (purpose assertionMethod) to `credential`.
Result<nlohmann::json> sign_credential(const nlohmann::json& credential, const IssuerKey& key,
                                       std::string_view verification_method, SysSeconds created);

// Verifies all proofs of `secured`; `resolve` maps a verification method id to a key.
Result<void> verify_credential(const nlohmann::json& secured, const PublicKeyResolver& resolve);

} // namespace mc::credentials
