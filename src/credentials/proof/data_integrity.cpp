#include "credentials/proof/data_integrity.hpp"

#include <sodium.h>

namespace mc::credentials {
namespace {

using nlohmann::json;

auto invalid(std::string detail) {
    return fail(Errc::bad_input, "credentials.errors.invalid_proof", std::move(detail));
}

const json* member(const json& obj, const char* name) {
    auto it = obj.find(name);
    return it == obj.end() ? nullptr : &*it;
}

bool is_string_member(const json& obj, const char* name, std::string_view expected) {
    const json* v = member(obj, name);
    return v && v->is_string() && v->get_ref<const std::string&>() == expected;
}

void sha256_into(std::string_view text, std::uint8_t* out) {
    ensure_sodium();
    crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(text.data()), text.size());
}

// Canonical hash data of `unsecured` under `config` (both already carry the @context).
Result<Bytes> hash_data_of(const json& unsecured, const json& config, const Canonicalizer& canonicalize) {
    auto canon_config = TRY(canonicalize(config));
    auto canon_doc = TRY(canonicalize(unsecured));
    return eddsa_rdfc_hash_data(canon_config, canon_doc);
}

Result<void> verify_one(const json& unsecured, const json& proof, const PublicKeyResolver& resolve,
                        const Canonicalizer& canonicalize, std::string_view expected_purpose) {
    if (!proof.is_object()) return invalid("proof is not an object");
    if (!proof_suite(proof))
        return invalid("proof is neither DataIntegrityProof with eddsa-rdfc-2022 (or its older name eddsa-2022) nor "
                       "Ed25519Signature2020");
    if (!is_string_member(proof, "proofPurpose", expected_purpose)) return invalid("unexpected proofPurpose");
    if (member(proof, "previousProof")) return invalid("proof chains are not supported");
    const json* vm = member(proof, "verificationMethod");
    if (!vm || !vm->is_string()) return invalid("verificationMethod missing");
    if (const json* created = member(proof, "created")) {
        if (!created->is_string() || !parse_utc(created->get_ref<const std::string&>())) return invalid("bad created");
    }
    const json* value = member(proof, "proofValue");
    if (!value || !value->is_string()) return invalid("proofValue missing");
    const auto& text = value->get_ref<const std::string&>();
    if (text.empty() || text[0] != 'z') return invalid("proofValue is not multibase base58btc");
    auto signature = base58btc_decode(std::string_view(text).substr(1), 128);
    if (!signature || signature->size() != 64) return invalid("proofValue is not a 64-byte signature");

    // The proof's own @context, if present, must be a prefix of the document's (spec §3.3.2).
    json document = unsecured;
    json config = proof;
    config.erase("proofValue");
    if (const json* ctx = member(proof, "@context")) {
        const json* doc_ctx = member(unsecured, "@context");
        json a = ctx->is_array() ? *ctx : json::array({*ctx});
        json b = doc_ctx ? (doc_ctx->is_array() ? *doc_ctx : json::array({*doc_ctx})) : json::array();
        if (a.size() > b.size() || !std::equal(a.begin(), a.end(), b.begin())) return invalid("proof @context mismatch");
        document["@context"] = *ctx;
    }
    const json* doc_ctx = member(document, "@context");
    if (!doc_ctx) return invalid("document has no @context");
    config["@context"] = *doc_ctx;

    auto key = TRY(resolve(vm->get_ref<const std::string&>()));
    if (key.algorithm != KeyAlgorithm::ed25519) return invalid("verification method is not an Ed25519 key");
    auto data = TRY(hash_data_of(document, config, canonicalize));
    if (!verify_message(key, data, *signature)) return invalid("signature does not verify");
    return {};
}

} // namespace

std::optional<ProofSuite> proof_suite(const json& proof) {
    if (!proof.is_object()) return std::nullopt;
    if (is_string_member(proof, "type", kDataIntegrityProof)) {
        if (is_string_member(proof, "cryptosuite", kEddsaRdfc2022)) return ProofSuite{std::string(kEddsaRdfc2022), false};
        if (is_string_member(proof, "cryptosuite", kEddsa2022Legacy)) return ProofSuite{std::string(kEddsa2022Legacy), true};
        return std::nullopt;
    }
    // The 2020 suite has no cryptosuite member; one that carries any is something else.
    if (is_string_member(proof, "type", kEd25519Signature2020) && !member(proof, "cryptosuite"))
        return ProofSuite{std::string(kEd25519Signature2020), true};
    return std::nullopt;
}

Bytes eddsa_rdfc_hash_data(std::string_view canonical_proof_config, std::string_view canonical_document) {
    Bytes out(2 * crypto_hash_sha256_BYTES);
    sha256_into(canonical_proof_config, out.data());
    sha256_into(canonical_document, out.data() + crypto_hash_sha256_BYTES);
    return out;
}

Result<json> make_proof_config(const json& document, const ProofOptions& options, std::string_view suite) {
    if (!document.is_object()) return fail(Errc::bad_input, "credentials.errors.bad_credential", "not an object");
    const json* ctx = member(document, "@context");
    if (!ctx) return fail(Errc::bad_input, "credentials.errors.bad_credential", "no @context");
    if (options.verification_method.empty()) return invalid("no verification method");
    if (suite == kEd25519Signature2020)
        return json{{"type", kEd25519Signature2020},
                    {"created", format_utc(options.created)},
                    {"verificationMethod", options.verification_method},
                    {"proofPurpose", options.proof_purpose},
                    {"@context", *ctx}};
    if (suite != kEddsaRdfc2022 && suite != kEddsa2022Legacy) return invalid("unknown suite " + std::string(suite));
    return json{{"type", kDataIntegrityProof},
                {"cryptosuite", suite},
                {"created", format_utc(options.created)},
                {"verificationMethod", options.verification_method},
                {"proofPurpose", options.proof_purpose},
                {"@context", *ctx}};
}

Result<json> sign_data_integrity(const json& credential, const IssuerKey& key, const ProofOptions& options,
                                 const Canonicalizer& canonicalize, std::string_view suite) {
    if (key.algorithm != KeyAlgorithm::ed25519) return invalid("eddsa-rdfc-2022 needs an Ed25519 key");
    if (key.retired) return fail(Errc::conflict, "credentials.errors.key_retired", "retired keys do not sign");
    if (credential.is_object() && credential.contains("proof"))
        return fail(Errc::conflict, "credentials.errors.already_signed", "credential already has a proof");
    auto config = TRY(make_proof_config(credential, options, suite));
    auto data = TRY(hash_data_of(credential, config, canonicalize));
    auto signature = TRY(sign_message(key, data));
    config.erase("@context"); // the proof inherits the document's context
    config["proofValue"] = multibase_base58btc(signature);
    json secured = credential;
    secured["proof"] = std::move(config);
    return secured;
}

Result<void> verify_data_integrity(const json& secured, const PublicKeyResolver& resolve,
                                   const Canonicalizer& canonicalize, std::string_view expected_purpose) {
    if (!secured.is_object()) return invalid("not an object");
    const json* proof = member(secured, "proof");
    if (!proof) return invalid("no proof");
    json unsecured = secured;
    unsecured.erase("proof");
    if (!proof->is_array()) return verify_one(unsecured, *proof, resolve, canonicalize, expected_purpose);
    if (proof->empty()) return invalid("empty proof set");
    for (const auto& p : *proof) TRY(verify_one(unsecured, p, resolve, canonicalize, expected_purpose));
    return {};
}

} // namespace mc::credentials
