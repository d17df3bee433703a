// Which key may have signed, decided from the credential alone (no database, no network).
// Used by verify_offline; web/verifier.cpp can use key_from_method for foreign issuers.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "credentials/keys/issuer_key.hpp"

namespace mc::credentials::offline {

// The issuer id of a credential: "issuer" as a string, or its "id". Empty if neither.
std::string issuer_id(const nlohmann::json& credential);

// Ed25519 key named by a verification method (or JWT kid) of the form
// "<controller>#<publicKeyMultibase>", accepted only when the controller is the
// credential's issuer. For did:key the fragment must be the DID's own key, since the
// DID is the key. Failure keys: credentials.problems.unknown_key / key_not_issuers.
Result<PublicKey> key_from_method(std::string_view method, std::string_view issuer);

} // namespace mc::credentials::offline
