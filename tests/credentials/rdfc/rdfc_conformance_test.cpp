// Runs every entry of the W3C rdf-canon manifest (rdfc10/): eval, map, SHA-384, negative.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "credentials/rdfc/nquads.hpp"
#include "credentials/rdfc/rdfc10.hpp"

namespace {

using namespace mc::credentials;
const std::string kDir = std::string(MC_SHARED_DIR) + "/conformance/rdf-canon/tests/";

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::vector<nlohmann::json> entries() {
    auto manifest = nlohmann::json::parse(slurp(kDir + "manifest.jsonld"));
    return manifest.at("entries").get<std::vector<nlohmann::json>>();
}

class RdfCanon : public ::testing::TestWithParam<nlohmann::json> {};

TEST_P(RdfCanon, Conforms) {
    const auto& e = GetParam();
    const std::string type = e.at("type");
    auto input = rdf::parse_nquads(slurp(kDir + e.at("action").get<std::string>()));
    ASSERT_TRUE(input) << input.error().detail;
    rdfc::Options opt;
    if (e.value("hashAlgorithm", "") == "SHA384") opt.hash = rdfc::HashAlgorithm::sha384;

    auto out = rdfc::canonicalize(*input, opt);

    if (type == "rdfc:RDFC10NegativeEvalTest") {
        // How quickly: bench/credentials BM_RefuseRdfcPoisonVectors, a ratio to Ed25519 verify.
        ASSERT_FALSE(out) << "poison graph must be refused";
        EXPECT_EQ(out.error().key, "credentials.too_complex");
        return;
    }
    ASSERT_TRUE(out) << out.error().detail;
    const std::string expected = slurp(kDir + e.at("result").get<std::string>());
    if (type == "rdfc:RDFC10EvalTest") {
        EXPECT_EQ(out->nquads, expected);
    } else if (type == "rdfc:RDFC10MapTest") {
        auto want = nlohmann::json::parse(expected);
        nlohmann::json got = nlohmann::json::object();
        for (auto& [k, v] : out->issued) got[k] = v;
        EXPECT_EQ(got, want);
    } else {
        FAIL() << "unknown test type " << type;
    }
}

std::string name_of(const ::testing::TestParamInfo<nlohmann::json>& info) {
    std::string id = info.param.at("id");
    return id.substr(id.find('#') + 1);
}

INSTANTIATE_TEST_SUITE_P(W3C, RdfCanon, ::testing::ValuesIn(entries()), name_of);

TEST(RdfCanonLimits, WorkLimitIsConfigurable) {
    auto input = rdf::parse_nquads(slurp(kDir + "rdfc10/test044-in.nq"));
    ASSERT_TRUE(input);
    rdfc::Options tight;
    tight.max_work = 3;
    EXPECT_FALSE(rdfc::canonicalize(*input, tight));
}

TEST(RdfCanonHash, Sha256OfEmpty) {
    EXPECT_EQ(rdfc::hash_hex(rdfc::HashAlgorithm::sha256, ""),
              "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

} // namespace
