// VC-JWT for Open Badges 3.0 (§8.2): the JWT payload is the credential itself, with the
// registered claims derived from it:
//   iss = issuer id, jti = credential id, sub = credentialSubject.id,
//   nbf = validFrom, exp = validUntil (NumericDate seconds).
// The JOSE header carries alg (fixed by the key), typ "JWT", and either kid or jwk.
// Verification also accepts the older form with the credential under a "vc" claim.
#pragma once

#include <chrono>

#include "credentials/jwt/jws.hpp"

namespace mc::credentials {

struct VcJwtSignOptions {
    // Exactly one of these is put in the header: kid (a URL the verifier resolves, e.g.
    // "<issuer-id>#key-1") or, when kid is empty and embed_jwk is true, the public JWK.
    std::string kid;
    bool embed_jwk = false;
};

Result<std::string> sign_vc_jwt(const nlohmann::json& credential, const IssuerKey& key,
                                const VcJwtSignOptions& options);

struct VcJwtVerifyOptions {
    SysSeconds now{};
    std::chrono::seconds leeway{60}; // clock skew tolerated on nbf/exp
};

// Verifies signature (with `key`'s algorithm only), the claims' agreement with the
// credential, and nbf/exp against `now`. Returns the credential.
Result<nlohmann::json> verify_vc_jwt(std::string_view token, const PublicKey& key, const VcJwtVerifyOptions& options);

// The credential carried by an already verified payload (top-level or "vc" claim).
Result<nlohmann::json> credential_from_payload(const nlohmann::json& payload);

} // namespace mc::credentials
