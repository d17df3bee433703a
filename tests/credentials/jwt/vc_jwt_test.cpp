#include <gtest/gtest.h>

#include "credentials/jwt/vc_jwt.hpp"
#include "credentials/keys/openssl_keys.hpp"
#include "platform/unwrap.hpp"

using namespace mc::credentials;
using nlohmann::json;
using namespace std::chrono;

namespace {

json credential() {
    return json::parse(R"({
      "@context": ["https://www.w3.org/ns/credentials/v2",
                   "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
      "id": "urn:uuid:7d3c", "type": ["VerifiableCredential", "OpenBadgeCredential"],
      "issuer": {"id": "https://agency.example/issuers/1", "type": ["Profile"], "name": "State ECE Agency"},
      "validFrom": "2024-01-01T00:00:00Z", "validUntil": "2027-01-01T00:00:00Z",
      "name": "Family Engagement",
      "credentialSubject": {"id": "did:example:educator", "type": ["AchievementSubject"]}})");
}

const SysSeconds kNow = sys_days{2025y / 3 / 1};
const VcJwtVerifyOptions kOpts{kNow};

class EachAlg : public ::testing::TestWithParam<KeyAlgorithm> {};

} // namespace

TEST_P(EachAlg, RoundTripWithKid) {
    auto key = mc::unwrap(generate_issuer_key(GetParam(), "k", kNow));
    auto token = sign_vc_jwt(credential(), key, {.kid = "https://agency.example/issuers/1#key-1"});
    ASSERT_TRUE(token) << token.error().detail;
    auto parts = mc::unwrap(parse_jwt(*token));
    EXPECT_EQ(parts.header, (json{{"alg", jose_algorithm(GetParam())}, {"typ", "JWT"},
                                  {"kid", "https://agency.example/issuers/1#key-1"}}));
    EXPECT_EQ(parts.payload["iss"], "https://agency.example/issuers/1");
    EXPECT_EQ(parts.payload["jti"], "urn:uuid:7d3c");
    EXPECT_EQ(parts.payload["sub"], "did:example:educator");
    EXPECT_EQ(parts.payload["nbf"], 1704067200);
    EXPECT_EQ(parts.payload["exp"], 1798761600);
    EXPECT_EQ(parts.payload["name"], "Family Engagement"); // the credential is the payload
    auto back = verify_vc_jwt(*token, key.public_part(), kOpts);
    ASSERT_TRUE(back) << back.error().detail;
    EXPECT_EQ(*back, credential());
}

TEST_P(EachAlg, RoundTripWithJwk) {
    auto key = mc::unwrap(generate_issuer_key(GetParam(), "k", kNow));
    auto token = mc::unwrap(sign_vc_jwt(credential(), key, {.kid = {}, .embed_jwk = true}));
    auto parts = mc::unwrap(parse_jwt(token));
    EXPECT_FALSE(parts.header.contains("kid"));
    auto jwk_key = public_key_from_jwk(parts.header["jwk"]);
    ASSERT_TRUE(jwk_key);
    EXPECT_EQ(*jwk_key, key.public_part());
    EXPECT_TRUE(verify_vc_jwt(token, *jwk_key, kOpts));
}

INSTANTIATE_TEST_SUITE_P(Jwt, EachAlg, ::testing::Values(KeyAlgorithm::es256, KeyAlgorithm::rs256, KeyAlgorithm::ed25519));

TEST(VcJwt, RejectsTamperingAndTime) {
    auto key = mc::unwrap(generate_issuer_key(KeyAlgorithm::es256, "k", kNow));
    auto token = mc::unwrap(sign_vc_jwt(credential(), key, {.kid = "k"}));
    auto parts = mc::unwrap(parse_jwt(token));
    auto payload = parts.payload;
    payload["name"] = "Something else";
    auto forged = parts.signing_input.substr(0, parts.signing_input.find('.')) + "." +
                  base64url_encode(as_bytes(payload.dump())) + "." + base64url_encode(parts.signature);
    EXPECT_FALSE(verify_vc_jwt(forged, key.public_part(), kOpts));

    EXPECT_FALSE(verify_vc_jwt(token, key.public_part(), {sys_days{2023y / 12 / 31}}));   // before nbf
    EXPECT_TRUE(verify_vc_jwt(token, key.public_part(), {sys_days{2024y / 1 / 1} - 30s})); // within leeway
    EXPECT_FALSE(verify_vc_jwt(token, key.public_part(), {sys_days{2027y / 1 / 2}}));      // expired
}

TEST(VcJwt, ClaimsMustAgreeWithCredential) {
    auto key = mc::unwrap(generate_issuer_key(KeyAlgorithm::ed25519, "k", kNow));
    auto good = mc::unwrap(parse_jwt(*sign_vc_jwt(credential(), key, {.kid = "k"})));
    for (auto [claim, value] : std::vector<std::pair<std::string, json>>{
             {"iss", "https://evil.example"}, {"jti", "urn:uuid:other"}, {"sub", "did:example:other"},
             {"nbf", 1}, {"exp", 4102444800}, {"nbf", "2024"}, {"iss", 5}}) {
        auto payload = good.payload;
        payload[claim] = value;
        auto token = sign_jws(payload, key, {{"kid", "k"}});
        EXPECT_FALSE(verify_vc_jwt(*token, key.public_part(), kOpts)) << claim;
    }
    for (const char* claim : {"iss", "nbf", "jti", "sub", "exp"}) {
        auto payload = good.payload;
        payload.erase(claim);
        EXPECT_FALSE(verify_vc_jwt(*sign_jws(payload, key, {{"kid", "k"}}), key.public_part(), kOpts)) << claim;
    }
}

TEST(VcJwt, AcceptsVcClaimForm) {
    auto key = mc::unwrap(generate_issuer_key(KeyAlgorithm::rs256, "k", kNow));
    json payload{{"vc", credential()}, {"iss", "https://agency.example/issuers/1"}, {"jti", "urn:uuid:7d3c"},
                 {"sub", "did:example:educator"}, {"nbf", 1704067200}, {"exp", 1798761600}};
    auto back = verify_vc_jwt(*sign_jws(payload, key, {{"kid", "k"}}), key.public_part(), kOpts);
    ASSERT_TRUE(back) << back.error().detail;
    EXPECT_EQ(*back, credential());
}

TEST(VcJwt, SigningNeedsIssuerValidFromAndKeyRef) {
    auto key = mc::unwrap(generate_issuer_key(KeyAlgorithm::ed25519, "k", kNow));
    auto c = credential();
    c.erase("validFrom");
    EXPECT_FALSE(sign_vc_jwt(c, key, {.kid = "k"}));
    c = credential();
    c.erase("issuer");
    EXPECT_FALSE(sign_vc_jwt(c, key, {.kid = "k"}));
    EXPECT_FALSE(sign_vc_jwt(credential(), key, {}));
    EXPECT_FALSE(sign_vc_jwt(json::array(), key, {.kid = "k"}));
    c = credential();
    c["issuer"] = "https://agency.example/issuers/1"; // issuer as a plain IRI works too
    EXPECT_TRUE(verify_vc_jwt(*sign_vc_jwt(c, key, {.kid = "k"}), key.public_part(), kOpts));
}
