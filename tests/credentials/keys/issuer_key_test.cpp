#include <gtest/gtest.h>

#include <openssl/evp.h>
#include <openssl/pem.h>

#include "credentials/keys/issuer_key.hpp"
#include "credentials/keys/openssl_keys.hpp"

using namespace mc::credentials;
using namespace std::chrono;

namespace {

const SysSeconds kCreated = sys_days{2024y / 5 / 1} + 10h;

MasterKey master(std::uint8_t fill) {
    MasterKey m;
    m.fill(fill);
    return m;
}

class EachAlgorithm : public ::testing::TestWithParam<KeyAlgorithm> {};

} // namespace

TEST_P(EachAlgorithm, SignVerifyAndReject) {
    auto key = generate_issuer_key(GetParam(), "key-1", kCreated);
    ASSERT_TRUE(key) << key.error().detail;
    auto other = generate_issuer_key(GetParam(), "key-2", kCreated);
    ASSERT_TRUE(other);
    auto sig = sign_message(*key, as_bytes("hello"));
    ASSERT_TRUE(sig) << sig.error().detail;
    if (GetParam() != KeyAlgorithm::rs256) {
        EXPECT_EQ(sig->size(), 64u); // ES256 is JOSE r||s
    }
    EXPECT_TRUE(verify_message(key->public_part(), as_bytes("hello"), *sig));
    EXPECT_FALSE(verify_message(key->public_part(), as_bytes("hellO"), *sig));
    EXPECT_FALSE(verify_message(other->public_part(), as_bytes("hello"), *sig));
    auto bent = *sig;
    bent[5] ^= 1;
    EXPECT_FALSE(verify_message(key->public_part(), as_bytes("hello"), bent));
    EXPECT_FALSE(verify_message(key->public_part(), as_bytes("hello"), ByteView(*sig).first(10)));
}

TEST_P(EachAlgorithm, SealUnseal) {
    auto key = generate_issuer_key(GetParam(), "key-1", kCreated);
    ASSERT_TRUE(key);
    key->retired = true;
    auto sealed = seal_issuer_key(*key, master(7));
    ASSERT_TRUE(sealed);
    // The secret never appears in the sealed record.
    auto& box = sealed->sealed_secret;
    EXPECT_EQ(std::search(box.begin(), box.end(), key->secret.data(), key->secret.data() + 16), box.end());
    auto back = unseal_issuer_key(*sealed, master(7));
    ASSERT_TRUE(back) << back.error().detail;
    EXPECT_EQ(back->id, "key-1");
    EXPECT_TRUE(back->retired);
    EXPECT_EQ(back->created, kCreated);
    EXPECT_EQ(back->public_key, key->public_key);
    auto sig = sign_message(*back, as_bytes("x"));
    ASSERT_TRUE(sig);
    EXPECT_TRUE(verify_message(key->public_part(), as_bytes("x"), *sig));

    auto wrong = unseal_issuer_key(*sealed, master(8));
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, mc::Errc::forbidden);
    auto altered = *sealed;
    altered.sealed_secret.back() ^= 1;
    EXPECT_FALSE(unseal_issuer_key(altered, master(7)));
    auto swapped = *sealed;
    auto other = generate_issuer_key(GetParam(), "key-2", kCreated);
    swapped.public_key = other->public_key; // record points at someone else's public key
    EXPECT_FALSE(unseal_issuer_key(swapped, master(7)));
    auto relabelled = *sealed;
    relabelled.algorithm = GetParam() == KeyAlgorithm::ed25519 ? KeyAlgorithm::es256 : KeyAlgorithm::ed25519;
    EXPECT_FALSE(unseal_issuer_key(relabelled, master(7)));
    auto truncated = *sealed;
    truncated.sealed_secret.resize(10);
    EXPECT_FALSE(unseal_issuer_key(truncated, master(7)));
}

TEST_P(EachAlgorithm, PemAndJwkRoundTrip) {
    auto key = generate_issuer_key(GetParam(), "k", kCreated);
    ASSERT_TRUE(key);
    auto pem = export_private_pem(*key);
    ASSERT_TRUE(pem) << pem.error().detail;
    EXPECT_NE(pem->find("BEGIN PRIVATE KEY"), std::string::npos);
    auto imported = import_private_pem(*pem, "k2", kCreated);
    ASSERT_TRUE(imported) << imported.error().detail;
    EXPECT_EQ(imported->algorithm, GetParam());
    EXPECT_EQ(imported->public_key, key->public_key);

    auto pub_pem = export_public_pem(key->public_part());
    ASSERT_TRUE(pub_pem);
    auto pub = import_public_pem(*pub_pem);
    ASSERT_TRUE(pub) << pub.error().detail;
    EXPECT_EQ(*pub, key->public_part());

    auto jwk = public_jwk(key->public_part());
    ASSERT_TRUE(jwk) << jwk.error().detail;
    EXPECT_FALSE(jwk->contains("d"));
    auto from = public_key_from_jwk(*jwk);
    ASSERT_TRUE(from) << from.error().detail;
    EXPECT_EQ(*from, key->public_part());
    auto with_private = *jwk;
    with_private["d"] = "AAAA";
    EXPECT_FALSE(public_key_from_jwk(with_private));
}

INSTANTIATE_TEST_SUITE_P(Keys, EachAlgorithm,
                         ::testing::Values(KeyAlgorithm::ed25519, KeyAlgorithm::es256, KeyAlgorithm::rs256));

TEST(IssuerKey, VerificationMethodId) {
    auto seed = hex_decode("6241a409e6707bb640a0140a8a32bc3d193c33a661747284d6adfa4ed4180be4");
    auto key = ed25519_key_from_seed(SecretBytes(*seed), "k", kCreated);
    ASSERT_TRUE(key);
    auto vm = verification_method_id("https://example.edu/issuers/565049", *key);
    ASSERT_TRUE(vm);
    EXPECT_EQ(*vm, "https://example.edu/issuers/565049#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi");
    auto pub = ed25519_public_key_from_multibase(*vm);
    ASSERT_TRUE(pub);
    EXPECT_EQ(*pub, key->public_part());
    auto es = generate_issuer_key(KeyAlgorithm::es256, "e", kCreated);
    EXPECT_FALSE(verification_method_id("https://x", *es)); // Multikey form is Ed25519-only here
}

TEST(IssuerKey, AlgorithmNames) {
    for (auto alg : {KeyAlgorithm::ed25519, KeyAlgorithm::es256, KeyAlgorithm::rs256})
        EXPECT_EQ(*parse_key_algorithm(key_algorithm_name(alg)), alg);
    EXPECT_FALSE(parse_key_algorithm("none"));
    EXPECT_EQ(jose_algorithm(KeyAlgorithm::ed25519), "EdDSA");
}

TEST(IssuerKey, RefusesWeakOrForeignKeys) {
    // RSA-1024 and P-384 are refused on import.
    EVP_PKEY* rsa = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", std::size_t{1024});
    EVP_PKEY* p384 = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384");
    for (EVP_PKEY* k : {rsa, p384}) {
        BIO* bio = BIO_new(BIO_s_mem());
        PEM_write_bio_PrivateKey(bio, k, nullptr, nullptr, 0, nullptr, nullptr);
        char* data = nullptr;
        long len = BIO_get_mem_data(bio, &data);
        EXPECT_FALSE(import_private_pem(std::string(data, len), "x", kCreated));
        BIO_free(bio);
        EVP_PKEY_free(k);
    }
    EXPECT_FALSE(import_private_pem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "x", kCreated));
    EXPECT_FALSE(import_public_pem("garbage"));
}

TEST(IssuerKey, UtcFormatting) {
    EXPECT_EQ(format_utc(kCreated), "2024-05-01T10:00:00Z");
    EXPECT_EQ(*parse_utc("2024-05-01T10:00:00Z"), kCreated);
    EXPECT_EQ(*parse_utc("2024-05-01T12:00:00.123+02:00"), kCreated);
    EXPECT_FALSE(parse_utc("2024-02-30T10:00:00Z"));
    EXPECT_FALSE(parse_utc("2024-05-01 10:00:00Z"));
    EXPECT_FALSE(parse_utc("2024-05-01T10:00:00"));
    EXPECT_FALSE(parse_utc("2024-05-01T10:00:00Zjunk"));
    EXPECT_FALSE(parse_utc(""));
}
