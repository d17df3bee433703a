// Sign/verify behaviour with a stand-in canonicalizer (JSON dump with sorted keys): enough
// to exercise every accept/reject path of the proof logic independently of RDFC.
#include <gtest/gtest.h>

#include "platform/unwrap.hpp"
#include "vectors.hpp"

using namespace proof_test;
using namespace std::chrono;

namespace {

Canonicalizer dump_canonicalizer() {
    return [](const json& doc) -> mc::Result<std::string> { return doc.dump(); };
}

json credential() {
    return json::parse(R"({
      "@context": ["https://www.w3.org/ns/credentials/v2",
                   "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
      "id": "urn:uuid:1", "type": ["VerifiableCredential", "OpenBadgeCredential"],
      "issuer": {"id": "https://issuer.example", "type": ["Profile"], "name": "Agency"},
      "validFrom": "2024-01-01T00:00:00Z", "name": "Infant CPR",
      "credentialSubject": {"id": "did:example:ed", "type": ["AchievementSubject"]}})");
}

struct Fixture : ::testing::Test {
    IssuerKey key = ob3_key();
    std::string vm = mc::unwrap(verification_method_id("https://issuer.example", key));
    SysSeconds created = sys_days{2024y / 6 / 1};
    json secured = mc::unwrap(sign_data_integrity(credential(), key, {vm, created}, dump_canonicalizer()));
    mc::Result<void> check(const json& doc) { return verify_data_integrity(doc, fragment_resolver(), dump_canonicalizer()); }
};

} // namespace

TEST_F(Fixture, SignsAndVerifies) {
    EXPECT_TRUE(check(secured));
    EXPECT_EQ(secured["proof"]["created"], "2024-06-01T00:00:00Z");
    EXPECT_EQ(secured["proof"]["verificationMethod"], vm);
    EXPECT_FALSE(secured["proof"].contains("@context"));
}

TEST_F(Fixture, Deterministic) {
    auto again = sign_data_integrity(credential(), key, {vm, created}, dump_canonicalizer());
    ASSERT_TRUE(again);
    EXPECT_EQ((*again)["proof"]["proofValue"], secured["proof"]["proofValue"]);
}

TEST_F(Fixture, RejectsTampering) {
    auto doc = secured;
    doc["name"] = "Infant CPR (advanced)";
    EXPECT_FALSE(check(doc));
    doc = secured;
    doc["proof"]["created"] = "2024-06-02T00:00:00Z";
    EXPECT_FALSE(check(doc));
    doc = secured;
    doc["@context"].push_back("https://example.org/extra");
    EXPECT_FALSE(check(doc));
}

TEST_F(Fixture, RejectsWrongKey) {
    auto other = mc::unwrap(generate_issuer_key(KeyAlgorithm::ed25519, "x", created));
    auto resolver = [&](std::string_view) -> mc::Result<PublicKey> { return other.public_part(); };
    EXPECT_FALSE(verify_data_integrity(secured, resolver, dump_canonicalizer()));
    auto refuse = [](std::string_view) -> mc::Result<PublicKey> {
        return mc::fail(mc::Errc::not_found, "unknown key");
    };
    auto r = verify_data_integrity(secured, refuse, dump_canonicalizer());
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, mc::Errc::not_found);
    auto es = mc::unwrap(generate_issuer_key(KeyAlgorithm::es256, "e", created));
    auto es_resolver = [&](std::string_view) -> mc::Result<PublicKey> { return es.public_part(); };
    EXPECT_FALSE(verify_data_integrity(secured, es_resolver, dump_canonicalizer()));
}

TEST_F(Fixture, RejectsWrongProofParameters) {
    for (auto [field, value] : std::vector<std::pair<std::string, json>>{
             {"type", "Ed25519Signature2020"},
             {"cryptosuite", "eddsa-jcs-2022"},
             {"cryptosuite", "ecdsa-rdfc-2019"},
             {"proofPurpose", "authentication"},
             {"proofValue", "u" + base64url_encode(Bytes(64, 1))},
             {"proofValue", "z"},
             {"proofValue", "z3"},
             {"proofValue", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"},
             {"proofValue", 12},
             {"verificationMethod", json::object()},
             {"created", "yesterday"},
             {"previousProof", "urn:uuid:2"},
         }) {
        auto doc = secured;
        doc["proof"][field] = value;
        EXPECT_FALSE(check(doc)) << field << "=" << value.dump();
    }
    for (auto field : {"type", "cryptosuite", "proofPurpose", "proofValue", "verificationMethod"}) {
        auto doc = secured;
        doc["proof"].erase(field);
        EXPECT_FALSE(check(doc)) << "without " << field;
    }
}

TEST_F(Fixture, ProofSets) {
    auto doc = secured;
    doc["proof"] = json::array({secured["proof"]});
    EXPECT_TRUE(check(doc));
    auto bad = secured["proof"];
    bad["proofValue"] = "z" + base58btc_encode(Bytes(64, 7));
    doc["proof"].push_back(bad);
    EXPECT_FALSE(check(doc)); // every proof of the set must verify
    doc["proof"] = json::array();
    EXPECT_FALSE(check(doc));
}

TEST_F(Fixture, SigningRules) {
    EXPECT_FALSE(sign_data_integrity(secured, key, {vm, created}, dump_canonicalizer())); // already signed
    auto retired = key;
    retired.retired = true;
    EXPECT_FALSE(sign_data_integrity(credential(), retired, {vm, created}, dump_canonicalizer()));
    auto doc = credential();
    doc.erase("@context");
    EXPECT_FALSE(sign_data_integrity(doc, key, {vm, created}, dump_canonicalizer()));
    EXPECT_FALSE(sign_data_integrity(json::array(), key, {vm, created}, dump_canonicalizer()));
    auto es = mc::unwrap(generate_issuer_key(KeyAlgorithm::es256, "e", created));
    EXPECT_FALSE(sign_data_integrity(credential(), es, {vm, created}, dump_canonicalizer()));
    // A retired key still verifies what it signed (rotation).
    EXPECT_TRUE(check(secured));
}

TEST_F(Fixture, NeverThrowsOnJunk) {
    for (const char* text : {"null", "1", "\"s\"", "[]", "{}", R"({"proof":null})", R"({"proof":[1,2]})",
                             R"({"proof":{"proofValue":"z"}})", R"({"@context":5,"proof":{}})",
                             R"({"proof":{"type":"DataIntegrityProof","cryptosuite":"eddsa-rdfc-2022",
                               "proofPurpose":"assertionMethod","verificationMethod":"x#y",
                               "proofValue":"z11111111111111111111111111111111111111111111111111111111111111111",
                               "@context":{"a":1}}})"}) {
        EXPECT_NO_THROW(EXPECT_FALSE(check(json::parse(text)))) << text;
    }
}
