#include <gtest/gtest.h>

#include "credentials/keys/encoding.hpp"
#include "credentials/keys/multikey.hpp"

using namespace mc::credentials;

TEST(Encoding, HexRoundTrip) {
    auto b = hex_decode("00ff10Ab");
    ASSERT_TRUE(b);
    EXPECT_EQ(hex_encode(*b), "00ff10ab");
    EXPECT_FALSE(hex_decode("abc"));
    EXPECT_FALSE(hex_decode("zz"));
}

TEST(Encoding, Base58KnownValues) {
    EXPECT_EQ(base58btc_encode(as_bytes("Hello World!")), "2NEpo7TZRRrLZSi2U");
    EXPECT_EQ(base58btc_encode(Bytes{0, 0, 1}), "112");
    EXPECT_EQ(base58btc_encode(Bytes{}), "");
    auto d = base58btc_decode("112");
    ASSERT_TRUE(d);
    EXPECT_EQ(*d, (Bytes{0, 0, 1}));
    EXPECT_FALSE(base58btc_decode("0OIl")); // not in the alphabet
    EXPECT_FALSE(base58btc_decode(std::string(2000, '2')));
}

TEST(Encoding, Base58RoundTripRandomish) {
    for (int n = 0; n < 80; ++n) {
        Bytes b(n);
        for (int i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>((i * 73 + n * 19) & (i % 5 ? 0xff : 0));
        auto d = base58btc_decode(base58btc_encode(b));
        ASSERT_TRUE(d);
        EXPECT_EQ(*d, b);
    }
}

TEST(Encoding, Base64Url) {
    EXPECT_EQ(base64url_encode(as_bytes("")), "");
    EXPECT_EQ(base64url_encode(as_bytes("f")), "Zg");
    EXPECT_EQ(base64url_encode(as_bytes("fo")), "Zm8");
    EXPECT_EQ(base64url_encode(as_bytes("foo")), "Zm9v");
    EXPECT_EQ(base64url_encode(Bytes{0xfb, 0xff}), "-_8");
    auto d = base64url_decode("-_8");
    ASSERT_TRUE(d);
    EXPECT_EQ(*d, (Bytes{0xfb, 0xff}));
    EXPECT_FALSE(base64url_decode("Zg=="));  // padding refused
    EXPECT_FALSE(base64url_decode("Zh"));    // non-zero trailing bits
    EXPECT_FALSE(base64url_decode("Z"));     // impossible length
    EXPECT_FALSE(base64url_decode("Zm+v"));  // standard alphabet refused
}

TEST(Encoding, Multibase) {
    EXPECT_EQ(multibase_base64url(as_bytes("foo")), "uZm9v");
    EXPECT_EQ(multibase_base58btc(as_bytes("Hello World!")), "z2NEpo7TZRRrLZSi2U");
    EXPECT_TRUE(multibase_decode("uZm9v"));
    EXPECT_TRUE(multibase_decode("z2NEpo7TZRRrLZSi2U"));
    EXPECT_FALSE(multibase_decode("f666f6f"));
    EXPECT_FALSE(multibase_decode(""));
}

// vc-di-eddsa TestVectors/keyPair.json: the secret multikey must yield the public multikey.
TEST(Multikey, VcDiEddsaKeyPair) {
    auto seed = decode_ed25519_secret_multikey("z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq");
    ASSERT_TRUE(seed);
    EXPECT_EQ(encode_ed25519_secret_multikey(*seed), "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq");
    auto pub = ed25519_public_from_seed(*seed);
    ASSERT_TRUE(pub);
    EXPECT_EQ(encode_ed25519_public_multikey(*pub), "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2");
    auto back = decode_ed25519_public_multikey("z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2");
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, *pub);
}

// 1EdTech OB 3.0 vector key: hex seed, and the 64-byte secretKeyMultibase form.
TEST(Multikey, Ob3KeyPair) {
    auto raw = hex_decode("6241a409e6707bb640a0140a8a32bc3d193c33a661747284d6adfa4ed4180be4");
    ASSERT_TRUE(raw);
    auto pub = ed25519_public_from_seed(SecretBytes(*raw));
    ASSERT_TRUE(pub);
    EXPECT_EQ(hex_encode(*pub), "4bdeafde2ea8beefadd8c699b5c7e0704cf51154d52e17b20b71337ca04cc5a5");
    EXPECT_EQ(encode_ed25519_public_multikey(*pub), "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi");
    auto seed = decode_ed25519_secret_multikey(
        "zrv2bqTbNwCTsRrHFcJCPjVAduh4Ezcnoq1A3ZxH1GWTNkxipLVuaAoMFmze2gFN9oNXfJjufxSHWVZzsJiUsMHFMcx");
    ASSERT_TRUE(seed);
    EXPECT_EQ(hex_encode(seed->view()), hex_encode(*raw));
}

TEST(Multikey, RejectsWrongCodec) {
    // A valid secret multikey is not a public multikey, and vice versa.
    EXPECT_FALSE(decode_ed25519_public_multikey("z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq"));
    EXPECT_FALSE(decode_ed25519_secret_multikey("z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"));
    EXPECT_FALSE(decode_ed25519_public_multikey("u6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"));
    EXPECT_FALSE(decode_ed25519_public_multikey("z6Mk"));
}
