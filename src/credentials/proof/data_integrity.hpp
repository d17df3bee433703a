// W3C Data Integrity proofs with the eddsa-rdfc-2022 cryptosuite (vc-di-eddsa §3.3):
//   hashData  = SHA-256(RDFC(proofConfig)) || SHA-256(RDFC(document without proof))
//   proofValue = multibase base58btc ('z') of Ed25519(hashData)
// where proofConfig is the proof without proofValue, carrying the document's @context.
//
// Canonicalization (JSON-LD expansion + RDFC-1.0) is injected as a Canonicalizer so this
// part can be tested against canonical N-Quads vectors on its own; default_proof.hpp binds
// it to the engine's canonicalize_jsonld.
#pragma once

#include <optional>

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
// Older names of the same signature that issuers in the field still emit. Both hash and sign
// exactly as eddsa-rdfc-2022 does (SHA-256 of the canonical proof configuration, then of the
// canonical document, Ed25519 over the 64 bytes): "eddsa-2022" is the cryptosuite's name in the
// 2022 drafts, and Ed25519Signature2020 is the pre-Data-Integrity suite (no cryptosuite member,
// its terms from https://w3id.org/security/suites/ed25519-2020/v1) that VC 1.1 wallets hold.
inline constexpr std::string_view kEddsa2022Legacy = "eddsa-2022";
inline constexpr std::string_view kEd25519Signature2020 = "Ed25519Signature2020";

// Which of the accepted suites a proof uses; `legacy` when it is one of the older names above.
struct ProofSuite {
    std::string name; // "eddsa-rdfc-2022", "eddsa-2022" or "Ed25519Signature2020"
    bool legacy = false;
};
// The suite of one proof object, or nothing when it is none we accept.
std::optional<ProofSuite> proof_suite(const nlohmann::json& proof);

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
// `suite` is kEddsaRdfc2022 for everything we issue; the older names exist so that tests can make
// the credentials other issuers still send.
Result<nlohmann::json> make_proof_config(const nlohmann::json& document, const ProofOptions& options,
                                         std::string_view suite = kEddsaRdfc2022);

// Returns `credential` with a "proof" member added. Fails if it already has one, if it is
// not a JSON-LD object with @context, or if the key is not an unretired Ed25519 key.
Result<nlohmann::json> sign_data_integrity(const nlohmann::json& credential, const IssuerKey& key,
                                           const ProofOptions& options, const Canonicalizer& canonicalize,
                                           std::string_view suite = kEddsaRdfc2022);

// Verifies every proof on `secured` (a single proof or a proof set; all must verify).
// Rejects other types/cryptosuites/purposes, proof chains, malformed proofValue, and
// signatures that do not match. Never throws on malformed input.
Result<void> verify_data_integrity(const nlohmann::json& secured, const PublicKeyResolver& resolve,
                                   const Canonicalizer& canonicalize,
                                   std::string_view expected_purpose = kAssertionMethod);

} // namespace mc::credentials
