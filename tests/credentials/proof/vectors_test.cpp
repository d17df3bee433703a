// Byte-for-byte vectors with the canonical N-Quads given by the vectors themselves: a
// table canonicalizer answers only for the exact JSON the vectors canonicalized, so
// these tests also prove that our proof configuration is the one the vectors used.
#include <gtest/gtest.h>

#include <sodium.h>

#include "platform/unwrap.hpp"
#include "vectors.hpp"

using namespace proof_test;

namespace {

Canonicalizer table(std::vector<std::pair<json, std::string>> entries) {
    return [entries = std::move(entries)](const json& doc) -> mc::Result<std::string> {
        for (const auto& [j, text] : entries)
            if (j == doc) return text;
        return mc::fail(mc::Errc::bad_input, "test", "not in table: " + doc.dump());
    };
}

std::string sha256_hex(const std::string& s) {
    unsigned char h[32];
    crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(s.data()), s.size());
    return hex_encode(ByteView(h, 32));
}

struct VcDiCase { const char* dir; };
class VcDiEddsa : public ::testing::TestWithParam<const char*> {};

} // namespace

// vc-di-eddsa eddsa-rdfc-2022 (alumni) and eddsa-rdfc-2022/employ: every intermediate.
TEST_P(VcDiEddsa, ReproducesEveryIntermediate) {
    const std::string dir = std::string("conformance/vc-di-eddsa/TestVectors/") + GetParam() + "/";
    auto signed_doc = shared_json(dir + "signedDataInt.json");
    auto unsigned_doc = signed_doc;
    unsigned_doc.erase("proof");
    auto config = shared_json(dir + "proofConfigDataInt.json");
    auto canon_doc = shared(dir + "canonDocDataInt.txt");
    auto canon_proof = shared(dir + "proofCanonDataInt.txt");

    EXPECT_EQ(sha256_hex(canon_doc), trimmed(shared(dir + "docHashDataInt.txt")));      // docHash
    EXPECT_EQ(sha256_hex(canon_proof), trimmed(shared(dir + "proofHashDataInt.txt")));  // proofHash
    auto hash_data = eddsa_rdfc_hash_data(canon_proof, canon_doc);
    EXPECT_EQ(hex_encode(hash_data), trimmed(shared(dir + "combinedHashDataInt.txt"))); // combinedHash

    auto key = vc_di_key();
    auto sig = sign_message(key, hash_data);
    ASSERT_TRUE(sig);
    EXPECT_EQ(hex_encode(*sig), trimmed(shared(dir + "sigHexDataInt.txt")));       // sigHex
    EXPECT_EQ(multibase_base58btc(*sig), trimmed(shared(dir + "sigBTC58DataInt.txt"))); // sigBTC58

    ProofOptions options{config["verificationMethod"].get<std::string>(), *parse_utc("2023-02-24T23:36:38Z")};
    auto made = make_proof_config(unsigned_doc, options);
    ASSERT_TRUE(made);
    EXPECT_EQ(*made, config); // proofConfig

    auto canon = table({{unsigned_doc, canon_doc}, {config, canon_proof}});
    auto secured = sign_data_integrity(unsigned_doc, key, options, canon);
    ASSERT_TRUE(secured) << secured.error().detail;
    EXPECT_EQ(*secured, signed_doc); // signed document, proof included
    EXPECT_TRUE(verify_data_integrity(signed_doc, fragment_resolver(), canon));
}

INSTANTIATE_TEST_SUITE_P(Vectors, VcDiEddsa, ::testing::Values("eddsa-rdfc-2022", "eddsa-rdfc-2022/employ"));

namespace {

struct ObCase {
    const char* name;
    const char* data_file;
    const char* canon_dir;
    const char* doc_hash;
    const char* sig_hex;
};

class OneEdTech : public ::testing::TestWithParam<ObCase> {};

} // namespace

// 1EdTech OB 3.0 and CLR 2.0 linked-data-proof vectors.
TEST_P(OneEdTech, ReproducesProofValue) {
    const auto& c = GetParam();
    auto signed_doc = data_json(c.data_file);
    json expected_proof = signed_doc["proof"].is_array() ? signed_doc["proof"][0] : signed_doc["proof"];
    auto unsigned_doc = signed_doc;
    unsigned_doc.erase("proof");
    auto canon_doc = shared(std::string("conformance/ob3/test-vectors/") + c.canon_dir + "/document-canon.txt");
    auto canon_proof = shared(std::string("conformance/ob3/test-vectors/") + c.canon_dir + "/proof-canon.txt");

    EXPECT_EQ(sha256_hex(canon_doc), c.doc_hash);
    EXPECT_EQ(sha256_hex(canon_proof), "d34009cea0dbc1ca941e09dc01c8c9d3e3ce3c5b853f67ee44698dcea10f5d19");
    auto key = ob3_key();
    auto sig = sign_message(key, eddsa_rdfc_hash_data(canon_proof, canon_doc));
    ASSERT_TRUE(sig);
    EXPECT_EQ(hex_encode(*sig), c.sig_hex);

    ProofOptions options{expected_proof["verificationMethod"].get<std::string>(), *parse_utc("2010-01-01T19:23:24Z")};
    auto config = mc::unwrap(make_proof_config(unsigned_doc, options));
    auto canon = table({{unsigned_doc, canon_doc}, {config, canon_proof}});
    auto secured = sign_data_integrity(unsigned_doc, key, options, canon);
    ASSERT_TRUE(secured) << secured.error().detail;
    EXPECT_EQ((*secured)["proof"], expected_proof);
    EXPECT_TRUE(verify_data_integrity(signed_doc, fragment_resolver(), canon)); // as published
    EXPECT_TRUE(verify_data_integrity(*secured, fragment_resolver(), canon));
}

INSTANTIATE_TEST_SUITE_P(
    Vectors, OneEdTech,
    ::testing::Values(
        ObCase{"ob3", "proof/ob3_signed.json", "obv3p0", "87f65a76d40146205e3b3e06cb0fbd153f97f9ce70372390f52566bb7f9e0773",
               "f7a017acf7d27983267ec362657c0fb08e955549f49dac5bf36a03c4f2c3a4f1e3738a6c5ecd7ffba7135cb9cd754e6196f4b73082ea8df8e703c8ecd4333503"},
        ObCase{"clr", "proof/clr_signed.json", "clrv2p0", "768d7015ae69e0210e1c2a45194d9c1d15d7a6022e52b946574a2a27f6fa85fe",
               "0c220dadbcfcaa64ab8a8c5002dbe258e6c7746ca71c25e2ea3b7fbffd66568413f53b1d34f5655f3057864bd372bbf0d1e74ea2f8c72e2f4b5790f21a22b70a"}),
    [](const auto& info) { return std::string(info.param.name); });
