// Wycheproof signature vectors: every "valid" must verify, every "invalid" must not.
// "acceptable" cases (legacy encodings) may go either way; we count and print them.
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>

#include "credentials/keys/issuer_key.hpp"
#include "credentials/keys/openssl_keys.hpp"

using namespace mc::credentials;
using nlohmann::json;

namespace {

json load(const std::string& name) {
    std::ifstream in(std::string(MC_SHARED_DIR) + "/conformance/wycheproof/" + name);
    return json::parse(in);
}

Bytes hex(const json& v) { return *hex_decode(v.get<std::string>()); }

struct Counts { int valid = 0, invalid = 0, acceptable_accepted = 0, acceptable_rejected = 0; };

// Runs `verify(group, test)` over the file and checks the expected outcome of each test.
Counts run(const std::string& file, const std::function<bool(const json&, const json&)>& verify) {
    Counts c;
    auto doc = load(file);
    for (const auto& group : doc["testGroups"]) {
        for (const auto& t : group["tests"]) {
            bool ok = verify(group, t);
            const auto result = t["result"].get<std::string>();
            if (result == "valid") {
                EXPECT_TRUE(ok) << file << " tcId " << t["tcId"] << " " << t["comment"];
                ++c.valid;
            } else if (result == "invalid") {
                EXPECT_FALSE(ok) << file << " tcId " << t["tcId"] << " " << t["comment"];
                ++c.invalid;
            } else {
                ++(ok ? c.acceptable_accepted : c.acceptable_rejected);
            }
        }
    }
    std::printf("%s: valid %d, invalid %d, acceptable accepted %d / rejected %d\n", file.c_str(), c.valid,
                c.invalid, c.acceptable_accepted, c.acceptable_rejected);
    return c;
}

} // namespace

TEST(Wycheproof, EcdsaP256Sha256Der) {
    auto c = run("ecdsa_secp256r1_sha256_test.json", [](const json& g, const json& t) {
        return verify_ecdsa_p256_der(hex(g["publicKeyDer"]), hex(t["msg"]), hex(t["sig"])).has_value();
    });
    EXPECT_EQ(c.valid + c.invalid, 484);
}

// The JOSE path: a valid DER signature converted to r||s must verify through
// verify_message(ES256); invalid DER must either fail conversion or fail verification.
TEST(Wycheproof, EcdsaP256Sha256Jose) {
    run("ecdsa_secp256r1_sha256_test.json", [](const json& g, const json& t) {
        auto key = import_public_der(hex(g["publicKeyDer"]));
        if (!key || key->algorithm != KeyAlgorithm::es256) return false;
        auto jose = ecdsa_der_to_jose(hex(t["sig"]));
        if (!jose) return false;
        // Conversion must be lossless for signatures that verify.
        auto der = ecdsa_jose_to_der(*jose);
        bool ok = verify_message(*key, hex(t["msg"]), *jose).has_value();
        if (ok) EXPECT_TRUE(der && *der == hex(t["sig"])) << "tcId " << t["tcId"];
        return ok;
    });
}

TEST(Wycheproof, RsaPkcs1Sha256) {
    auto c = run("rsa_signature_2048_sha256_test.json", [](const json& g, const json& t) {
        auto key = import_public_der(hex(g["publicKeyDer"]));
        if (!key || key->algorithm != KeyAlgorithm::rs256) return false;
        return verify_message(*key, hex(t["msg"]), hex(t["sig"])).has_value();
    });
    EXPECT_EQ(c.valid + c.invalid + c.acceptable_accepted + c.acceptable_rejected, 259);
}

TEST(Wycheproof, Ed25519) {
    auto c = run("ed25519_test.json", [](const json& g, const json& t) {
        PublicKey key{KeyAlgorithm::ed25519, hex(g["publicKey"]["pk"])};
        return verify_message(key, hex(t["msg"]), hex(t["sig"])).has_value();
    });
    EXPECT_EQ(c.valid + c.invalid, 151);
}
