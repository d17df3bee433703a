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

// A did:key is its own key: "did:key:z6Mk..." or "did:key:z6Mk...#z6Mk..." (the fragment, when
// present, must be the DID's own key). It proves the signature, never who the signer is: a
// did:key that is not the issuer's id leaves the issuer unconfirmed.
bool is_did_key(std::string_view method);
Result<PublicKey> did_key(std::string_view method);
// The multibase key a did:key method names ("" when it is not one).
std::string did_key_multibase(std::string_view method);

} // namespace mc::credentials::offline
