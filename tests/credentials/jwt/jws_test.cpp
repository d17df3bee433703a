#include <gtest/gtest.h>

#include <openssl/hmac.h>

#include "credentials/jwt/jws.hpp"
#include "credentials/keys/openssl_keys.hpp"
#include "platform/unwrap.hpp"

using namespace mc::credentials;
using nlohmann::json;
using namespace std::chrono;

namespace {

std::string b64(const std::string& s) { return base64url_encode(as_bytes(s)); }

IssuerKey make(KeyAlgorithm alg) { return *generate_issuer_key(alg, "k", SysSeconds{}); }

} // namespace

TEST(Jws, ParseRejectsMalformed) {
    const std::string h = b64(R"({"alg":"ES256"})"), p = b64(R"({"a":1})"), s = b64("sig");
    EXPECT_TRUE(parse_jwt(h + "." + p + "." + s));
    for (const std::string& t : {std::string(""), std::string("."), std::string(".."), h + "." + p,
                                 h + "." + p + ".", h + "." + p + "." + s + ".x", h + "=." + p + "." + s,
                                 b64("[1]") + "." + p + "." + s, b64("{") + "." + p + "." + s,
                                 h + "." + b64("\"str\"") + "." + s, h + "." + p + "." + "!!"}) {
        EXPECT_FALSE(parse_jwt(t)) << t;
    }
    std::string deep(100000, '[');
    EXPECT_FALSE(parse_jwt(b64(deep) + "." + p + "." + s));
    EXPECT_FALSE(parse_jwt(std::string(kMaxJwtBytes + 1, 'a')));
}

TEST(Jws, AlgorithmIsFixedByTheKey) {
    auto es = make(KeyAlgorithm::es256);
    auto rs = make(KeyAlgorithm::rs256);
    auto ed = make(KeyAlgorithm::ed25519);
    json payload{{"x", 1}};
    auto es_token = mc::unwrap(sign_jws(payload, es));
    EXPECT_TRUE(verify_jws(es_token, es.public_part()));
    EXPECT_FALSE(verify_jws(es_token, rs.public_part()));
    EXPECT_FALSE(verify_jws(es_token, ed.public_part()));
    auto ed_token = mc::unwrap(sign_jws(payload, ed));
    EXPECT_TRUE(verify_jws(ed_token, ed.public_part()));
    EXPECT_FALSE(verify_jws(ed_token, es.public_part()));

    // ES256 signatures in JWS are raw r||s.
    auto parts = mc::unwrap(parse_jwt(es_token));
    EXPECT_EQ(parts.signature.size(), 64u);
    auto der = mc::unwrap(ecdsa_jose_to_der(parts.signature));
    EXPECT_FALSE(verify_jws(parts.signing_input + "." + base64url_encode(der), es.public_part()));

    // A header lying about alg is refused even with a valid signature for the key.
    auto lying = b64(R"({"alg":"RS256","typ":"JWT"})") + "." + b64(payload.dump());
    auto sig = mc::unwrap(sign_message(es, as_bytes(lying)));
    EXPECT_FALSE(verify_jws(lying + "." + base64url_encode(sig), es.public_part()));
}

TEST(Jws, NoneAndHmacConfusionRejected) {
    auto rs = make(KeyAlgorithm::rs256);
    std::string body = b64(R"({"x":1})");
    for (const char* alg : {"none", "None", "NONE"}) {
        std::string input = b64(std::string(R"({"alg":")") + alg + R"("})") + "." + body;
        EXPECT_FALSE(verify_jws(input + ".", rs.public_part()));
        EXPECT_FALSE(verify_jws(input + "." + b64("x"), rs.public_part()));
    }
    // HS256 keyed with the public key bytes (classic confusion attack).
    std::string input = b64(R"({"alg":"HS256","typ":"JWT"})") + "." + body;
    unsigned char mac[32];
    unsigned int len = 0;
    HMAC(EVP_sha256(), rs.public_key.data(), static_cast<int>(rs.public_key.size()),
         reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &len);
    EXPECT_FALSE(verify_jws(input + "." + base64url_encode(ByteView(mac, len)), rs.public_part()));
}

TEST(Jws, HeaderRules) {
    auto ed = make(KeyAlgorithm::ed25519);
    auto signed_with = [&](const json& header) {
        std::string input = b64(header.dump()) + "." + b64(R"({"x":1})");
        return input + "." + base64url_encode(*sign_message(ed, as_bytes(input)));
    };
    EXPECT_TRUE(verify_jws(signed_with({{"alg", "EdDSA"}, {"typ", "JWT"}}), ed.public_part()));
    EXPECT_FALSE(verify_jws(signed_with({{"alg", "EdDSA"}, {"crit", {"exp"}}}), ed.public_part()));
    EXPECT_FALSE(verify_jws(signed_with({{"alg", "EdDSA"}, {"typ", "vc+ld+json"}}), ed.public_part()));
    EXPECT_FALSE(verify_jws(signed_with({{"alg", 5}}), ed.public_part()));
    EXPECT_FALSE(verify_jws(signed_with({{"typ", "JWT"}}), ed.public_part()));
}

TEST(Jws, RetiredKeysDoNotSign) {
    auto ed = make(KeyAlgorithm::ed25519);
    auto token = mc::unwrap(sign_jws({{"x", 1}}, ed));
    ed.retired = true;
    EXPECT_FALSE(sign_jws({{"x", 1}}, ed));
    EXPECT_TRUE(verify_jws(token, ed.public_part())); // still verifies after rotation
}

TEST(Jws, BoundedJson) {
    EXPECT_TRUE(parse_json_bounded(R"({"a":[[["x"]]]})", 4));
    EXPECT_FALSE(parse_json_bounded(R"({"a":[[["x"]]]})", 3));
    EXPECT_TRUE(parse_json_bounded(R"({"a":"[[[[[[["})", 2)); // brackets inside strings do not count
    EXPECT_FALSE(parse_json_bounded("{\"a\":1"));
    EXPECT_FALSE(parse_json_bounded("\xff"));
    json bad_utf8 = std::string("\xff\xfe");
    EXPECT_FALSE(dump_json(bad_utf8));
}
