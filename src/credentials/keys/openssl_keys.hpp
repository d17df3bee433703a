// OpenSSL 3 (EVP) side of the keys: ES256 / RS256 generation, PEM/DER import-export,
// JWK form, and the DER <-> JOSE conversion of ECDSA signatures (JOSE uses raw r||s).
#pragma once

#include <nlohmann/json.hpp>

#include "credentials/keys/issuer_key.hpp"

namespace mc::credentials {

// PKCS#8 PEM of the private key (any algorithm). The result is secret: never log it.
Result<std::string> export_private_pem(const IssuerKey& key);
// SubjectPublicKeyInfo PEM.
Result<std::string> export_public_pem(const PublicKey& key);
// Imports a PKCS#8 / traditional PEM private key; the algorithm follows the key type
// (P-256 -> ES256, RSA >= 2048 -> RS256, Ed25519). Other curves and small RSA are refused.
Result<IssuerKey> import_private_pem(std::string_view pem, std::string id, SysSeconds created);
Result<PublicKey> import_public_pem(std::string_view pem);
Result<PublicKey> import_public_der(ByteView spki_der);

// JWK (RFC 7517) of a public key: EC P-256, RSA, or OKP Ed25519; and back. Only public
// members are read; a JWK carrying "d" (a private key) is refused.
Result<nlohmann::json> public_jwk(const PublicKey& key);
Result<PublicKey> public_key_from_jwk(const nlohmann::json& jwk);

// ECDSA signature forms. DER must be strict (what OpenSSL itself would emit).
Result<Bytes> ecdsa_der_to_jose(ByteView der);  // -> 64 bytes r||s
Result<Bytes> ecdsa_jose_to_der(ByteView jose); // 64 bytes -> DER
// Low-level ECDSA P-256 / SHA-256 verification of a DER signature (Wycheproof form).
Result<void> verify_ecdsa_p256_der(ByteView spki_der, ByteView message, ByteView der_signature);

namespace detail {
// Used by issuer_key.cpp for the OpenSSL-backed algorithms.
Result<IssuerKey> generate_openssl_key(KeyAlgorithm alg, std::string id, SysSeconds created);
Result<Bytes> openssl_sign(const IssuerKey& key, ByteView message);
Result<void> openssl_verify(const PublicKey& key, ByteView message, ByteView signature);
// Re-derives the public SPKI from a PKCS#8 secret (seal/unseal consistency check).
Result<Bytes> openssl_public_from_private(KeyAlgorithm alg, const SecretBytes& pkcs8);
} // namespace detail

} // namespace mc::credentials
