// IssuerKey: one signing key of an issuer, with its algorithm, creation time and a
// `retired` flag. Rotation retires a key instead of deleting it: retired keys no longer
// sign but still verify what they signed. Secrets are only ever stored sealed
// (SealedIssuerKey) under a 32-byte master key with libsodium secretbox.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "credentials/keys/encoding.hpp"
#include "credentials/keys/secret.hpp"
#include "platform/error.hpp"

namespace mc::credentials {

enum class KeyAlgorithm {
    ed25519, // Data Integrity eddsa-rdfc-2022, and JWT "EdDSA" for internal use
    es256,   // ECDSA P-256 + SHA-256 (VC-JWT)
    rs256,   // RSASSA-PKCS1-v1_5 + SHA-256, RSA >= 2048 bits (VC-JWT)
};

// Stable names for storage: "Ed25519", "ES256", "RS256".
std::string_view key_algorithm_name(KeyAlgorithm alg);
Result<KeyAlgorithm> parse_key_algorithm(std::string_view name);
// The JOSE "alg" value this key produces: "EdDSA", "ES256", "RS256".
std::string_view jose_algorithm(KeyAlgorithm alg);

using SysSeconds = std::chrono::sys_seconds;

// What a verifier needs. bytes: raw 32 bytes for Ed25519; DER SubjectPublicKeyInfo otherwise.
struct PublicKey {
    KeyAlgorithm algorithm = KeyAlgorithm::ed25519;
    Bytes bytes;
    friend bool operator==(const PublicKey&, const PublicKey&) = default;
};

struct IssuerKey {
    std::string id;
    KeyAlgorithm algorithm = KeyAlgorithm::ed25519;
    SysSeconds created{};
    bool retired = false;
    Bytes public_key;   // as in PublicKey::bytes
    SecretBytes secret; // Ed25519: 32-byte seed; ES256/RS256: PKCS#8 DER private key

    PublicKey public_part() const { return {algorithm, public_key}; }
};

// Fresh key from the system CSPRNG.
Result<IssuerKey> generate_issuer_key(KeyAlgorithm alg, std::string id, SysSeconds created);
// Ed25519 key from a known 32-byte seed (imports, test vectors).
Result<IssuerKey> ed25519_key_from_seed(const SecretBytes& seed, std::string id, SysSeconds created);

// "<issuer-id>#<publicKeyMultibase>" for Ed25519 keys (the Multikey verification method).
Result<std::string> verification_method_id(std::string_view issuer_id, const IssuerKey& key);
// The publicKeyMultibase ("z6Mk...") of an Ed25519 public key.
Result<std::string> public_key_multibase(const PublicKey& key);
// Ed25519 PublicKey from "z6Mk..." (or from a verification method id ending in "#z6Mk...").
Result<PublicKey> ed25519_public_key_from_multibase(std::string_view multibase);

// Signs with the key's own algorithm. ES256 yields JOSE r||s (64 bytes), not DER.
Result<Bytes> sign_message(const IssuerKey& key, ByteView message);
// Verifies with the algorithm of `key` (never one named by the signed data).
Result<void> verify_message(const PublicKey& key, ByteView message, ByteView signature);

// --- encryption at rest ---
using MasterKey = std::array<std::uint8_t, 32>;

struct SealedIssuerKey {
    std::string id;
    KeyAlgorithm algorithm = KeyAlgorithm::ed25519;
    SysSeconds created{};
    bool retired = false;
    Bytes public_key;
    Bytes sealed_secret; // 24-byte nonce || secretbox(XSalsa20-Poly1305) ciphertext
};

Result<SealedIssuerKey> seal_issuer_key(const IssuerKey& key, const MasterKey& master);
// Fails (forbidden) if the master key is wrong or the record was altered, including a
// public key that does not belong to the sealed secret.
Result<IssuerKey> unseal_issuer_key(const SealedIssuerKey& sealed, const MasterKey& master);

// RFC 3339 "YYYY-MM-DDTHH:MM:SSZ" (what `created`, `validFrom` use) and back. Parsing
// accepts fractional seconds and "+hh:mm" offsets; the result is UTC seconds.
std::string format_utc(SysSeconds t);
Result<SysSeconds> parse_utc(std::string_view text);

} // namespace mc::credentials
