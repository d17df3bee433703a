// Signatures that credentials in the field still carry: the Ed25519Signature2020 suite (VC 1.1
// wallets) and the 2022 drafts' cryptosuite name "eddsa-2022". Both sign the same 64 bytes as
// eddsa-rdfc-2022; the W3C vc-di-eddsa vectors for the 2020 suite pin every intermediate.
#include <gtest/gtest.h>

#include <sodium.h>

#include "credentials/proof/default_proof.hpp"
#include "platform/unwrap.hpp"
#include "vectors.hpp"

using namespace proof_test;

namespace {

const std::string kDir = "conformance/vc-di-eddsa/TestVectors/Ed25519Signature2020/";

Canonicalizer table(std::vector<std::pair<json, std::string>> entries) {
    return [entries = std::move(entries)](const json& doc) -> mc::Result<std::string> {
        for (const auto& [j, text] : entries)
            if (j == doc) return text;
        return mc::fail(mc::Errc::bad_input, "test", "not in table: " + doc.dump());
    };
}

} // namespace

TEST(LegacySuites, Ed25519Signature2020VectorsEveryIntermediate) {
    auto signed_doc = shared_json(kDir + "signedEdSig.json");
    auto unsigned_doc = signed_doc;
    unsigned_doc.erase("proof");
    auto config = shared_json(kDir + "proofConfigEdSig.json");
    auto canon_doc = shared(kDir + "canonDocEdSig.txt");
    auto canon_proof = shared(kDir + "proofCanonEdSig.txt");
    auto hash_data = eddsa_rdfc_hash_data(canon_proof, canon_doc);
    EXPECT_EQ(hex_encode(hash_data), trimmed(shared(kDir + "combinedHashEdSig.txt")));

    ProofOptions options;
    options.verification_method = config["verificationMethod"].get<std::string>();
    options.created = *parse_utc("2023-02-24T23:36:38Z");
    EXPECT_EQ(mc::unwrap(make_proof_config(unsigned_doc, options, kEd25519Signature2020)), config);

    auto canon = table({{unsigned_doc, canon_doc}, {config, canon_proof}});
    auto secured = mc::unwrap(sign_data_integrity(unsigned_doc, vc_di_key(), options, canon, kEd25519Signature2020));
    EXPECT_EQ(secured, signed_doc);
    EXPECT_TRUE(verify_data_integrity(signed_doc, fragment_resolver(), canon));

    auto suite = proof_suite(signed_doc["proof"]);
    ASSERT_TRUE(suite);
    EXPECT_EQ(suite->name, "Ed25519Signature2020");
    EXPECT_TRUE(suite->legacy);
}

// The same vector through the engine's own canonicalizer: it needs the pinned 2020 suite
// context, which the engine did not know before (the credential was refused as unknown).
TEST(LegacySuites, Ed25519Signature2020VerifiesThroughTheEngine) {
    auto signed_doc = shared_json(kDir + "signedEdSig.json");
    auto r = verify_credential(signed_doc, fragment_resolver());
    EXPECT_TRUE(r) << (r ? "" : r.error().key + ": " + r.error().detail);
    auto tampered = signed_doc;
    tampered["credentialSubject"]["alumniOf"] = "Another School";
    EXPECT_FALSE(verify_credential(tampered, fragment_resolver()));
}

TEST(LegacySuites, Eddsa2022IsTheSameSignatureUnderItsOldName) {
    auto doc = shared_json("conformance/vc-di-eddsa/TestVectors/eddsa-rdfc-2022/signedDataInt.json");
    doc.erase("proof");
    auto key = vc_di_key();
    ProofOptions options;
    options.verification_method = "did:key:" + *public_key_multibase(key.public_part()) + "#" +
                                  *public_key_multibase(key.public_part());
    options.created = *parse_utc("2023-02-24T23:36:38Z");
    auto secured = mc::unwrap(sign_data_integrity(doc, key, options, rdfc_canonicalizer(), kEddsa2022Legacy));
    EXPECT_EQ(secured["proof"]["cryptosuite"], "eddsa-2022");
    EXPECT_TRUE(verify_credential(secured, fragment_resolver()));
    auto suite = proof_suite(secured["proof"]);
    ASSERT_TRUE(suite);
    EXPECT_TRUE(suite->legacy);
    // Anything else under DataIntegrityProof is still refused.
    secured["proof"]["cryptosuite"] = "eddsa-jcs-2022";
    EXPECT_FALSE(verify_credential(secured, fragment_resolver()));
    EXPECT_FALSE(proof_suite(secured["proof"]));
}

TEST(LegacySuites, CurrentSuiteIsNotLegacy) {
    json proof = {{"type", "DataIntegrityProof"}, {"cryptosuite", "eddsa-rdfc-2022"}};
    auto suite = proof_suite(proof);
    ASSERT_TRUE(suite);
    EXPECT_FALSE(suite->legacy);
    EXPECT_FALSE(proof_suite(json{{"type", "Ed25519Signature2020"}, {"cryptosuite", "eddsa-rdfc-2022"}}));
    EXPECT_FALSE(proof_suite(json{{"type", "Ed25519Signature2018"}}));
    EXPECT_FALSE(proof_suite(json::array()));
}
