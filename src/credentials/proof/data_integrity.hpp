// W3C Data Integrity proofs with the eddsa-rdfc-2022 cryptosuite (vc-di-eddsa §3.3):
//   hashData  = SHA-256(RDFC(proofConfig)) || SHA-256(RDFC(document without proof))
//   proofValue = multibase base58btc ('z') of Ed25519(hashData)
// where proofConfig is the proof without proofValue, carrying the document's @context.
//
// Canonicalization (JSON-LD expansion + RDFC-1.0) is injected as a Canonicalizer so this
// part can be tested against canonical N-Quads vectors on its own; default_proof.hpp binds
// it to the engine's canonicalize_jsonld.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "credentials/keys/issuer_key.hpp"
#include "platform/error.hpp"

namespace mc::credentials {

inline constexpr std::string_view kDataIntegrityProof = "DataIntegrityProof";
inline constexpr std::string_view kEddsaRdfc2022 = "eddsa-rdfc-2022";
inline constexpr std::string_view kAssertionMethod = "assertionMethod";

// JSON-LD document -> canonical N-Quads (RDFC-1.0).
using Canonicalizer = std::function<Result<std::string>(const nlohmann::json&)>;
// Verification method id -> its public key. This is where the caller decides whom to
// trust (e.g. only keys of the credential's issuer, retired keys included); an error
// result makes verification fail with that error.
using PublicKeyResolver = std::function<Result<PublicKey>(std::string_view verification_method)>;

struct ProofOptions {
    std::string verification_method; // e.g. "<issuer-id>#z6Mk..."
    SysSeconds created{};
    std::string proof_purpose{kAssertionMethod};
};

// SHA-256(proof config) || SHA-256(document): the 64 bytes that get signed.
Bytes eddsa_rdfc_hash_data(std::string_view canonical_proof_config, std::string_view canonical_document);

// The proof configuration for `document` (type, cryptosuite, created, verificationMethod,
// proofPurpose, and the document's @context).
Result<nlohmann::json> make_proof_config(const nlohmann::json& document, const ProofOptions& options);

// Returns `credential` with a "proof" member added. Fails if it already has one, if it is
// not a JSON-LD object with @context, or if the key is not an unretired Ed25519 key.
Result<nlohmann::json> sign_data_integrity(const nlohmann::json& credential, const IssuerKey& key,
                                           const ProofOptions& options, const Canonicalizer& canonicalize);

// Verifies every proof on `secured` (a single proof or a proof set; all must verify).
// Rejects other types/cryptosuites/purposes, proof chains, malformed proofValue, and
// signatures that do not match. Never throws on malformed input.
Result<void> verify_data_integrity(const nlohmann::json& secured, const PublicKeyResolver& resolve,
                                   const Canonicalizer& canonicalize,
                                   std::string_view expected_purpose = kAssertionMethod);

} // namespace mc::credentials
