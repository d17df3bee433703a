// canonicalize_jsonld against published vectors: W3C vc-di-eddsa (eddsa-rdfc-2022) and the
// 1EdTech OB 3.0 / CLR 2.0 proof examples (documents extracted to tests/credentials/data/ob3).
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "credentials/rdfc/canonicalize.hpp"

namespace {
using nlohmann::json;
using mc::credentials::canonicalize_jsonld;
const std::string kShared = MC_SHARED_DIR;
const std::string kData = MC_TEST_DATA_DIR;
const std::string kEddsa = kShared + "/conformance/vc-di-eddsa/TestVectors/eddsa-rdfc-2022/";

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}
std::string with_final_newline(std::string s) {
    if (!s.empty() && s.back() != '\n') s += '\n';
    return s;
}
json unsigned_of(const std::string& signed_path) {
    json doc = json::parse(slurp(signed_path));
    doc.erase("proof");
    return doc;
}

void expect_canon(const json& doc, const std::string& expected_path) {
    auto r = canonicalize_jsonld(doc);
    ASSERT_TRUE(r) << r.error().detail;
    EXPECT_EQ(*r, with_final_newline(slurp(expected_path)));
}

TEST(CanonicalizeJsonld, EddsaRdfc2022Document) {
    expect_canon(json::parse(slurp(kShared + "/conformance/vc-di-eddsa/TestVectors/unsigned.json")),
                 kEddsa + "canonDocDataInt.txt");
    expect_canon(unsigned_of(kEddsa + "signedDataInt.json"), kEddsa + "canonDocDataInt.txt");
}
TEST(CanonicalizeJsonld, EddsaRdfc2022ProofConfig) {
    expect_canon(json::parse(slurp(kEddsa + "proofConfigDataInt.json")), kEddsa + "proofCanonDataInt.txt");
}
void expect_refused(const json& doc, const std::string& url) {
    auto r = canonicalize_jsonld(doc);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, mc::Errc::bad_input);
    EXPECT_NE(r.error().detail.find(url), std::string::npos) << r.error().detail;
}

// These vectors use contexts we do not pin, so they must be refused, not fetched.
TEST(CanonicalizeJsonld, EddsaRdfc2022EmploymentDocumentNeedsUnpinnedContext) {
    expect_refused(unsigned_of(kEddsa + "employ/signedDataInt.json"), "https://w3id.org/citizenship/v4rc1");
}
TEST(CanonicalizeJsonld, OpenBadges3Vectors) {
    const std::string v = kShared + "/conformance/ob3/test-vectors/obv3p0/";
    expect_canon(json::parse(slurp(kData + "/ob3/ob-document.json")), v + "document-canon.txt");
    expect_canon(json::parse(slurp(kData + "/ob3/ob-proof.json")), v + "proof-canon.txt");
}
// The CLR 2.0 vector names the OB 3.0 extensions context, which issuers in the field use too:
// it is pinned, so the record canonicalizes to 1EdTech's own N-Quads.
TEST(CanonicalizeJsonld, Clr2DocumentWithTheExtensionsContext) {
    expect_canon(json::parse(slurp(kData + "/ob3/clr-document.json")),
                 kShared + "/conformance/ob3/test-vectors/clrv2p0/document-canon.txt");
}

TEST(CanonicalizeJsonld, UnknownContextIsBadInput) {
    json doc = {{"@context", {"https://www.w3.org/ns/credentials/v2", "https://evil.example/ctx"}}, {"name", "x"}};
    auto r = canonicalize_jsonld(doc);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, mc::Errc::bad_input);
}

TEST(CanonicalizeJsonld, PoisonGraphIsTooComplex) {
    // Ten blank nodes that all point at each other: RDFC-1.0's factorial worst case.
    json graph = json::array();
    for (int i = 0; i < 10; ++i) {
        json node = {{"@id", "_:n" + std::to_string(i)}};
        for (int j = 0; j < 10; ++j)
            if (j != i) node["http://example.org/p"].push_back({{"@id", "_:n" + std::to_string(j)}});
        graph.push_back(node);
    }
    // How fast the refusal is: bench/credentials (BM_RefusePoisonGraph, a ratio to Ed25519 verify).
    auto r = canonicalize_jsonld(json{{"@graph", graph}});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().key, "credentials.too_complex");
}

// Speed (the cost of canonicalizing an OB 3.0 credential) is measured in bench/credentials
// (BM_CanonicalizeOb3Credential), as a ratio to Ed25519 verification in the same run.
} // namespace
