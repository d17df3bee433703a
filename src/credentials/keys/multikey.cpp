#include "credentials/keys/multikey.hpp"

#include <sodium.h>

#include <algorithm>

namespace mc::credentials {
namespace {

constexpr std::uint8_t kPubPrefix[2] = {0xed, 0x01};
constexpr std::uint8_t kSecPrefix[2] = {0x80, 0x26};

auto bad(std::string detail) { return fail(Errc::bad_input, "credentials.errors.bad_key", std::move(detail)); }

} // namespace

std::string encode_ed25519_public_multikey(const Ed25519PublicKey& key) {
    Bytes raw(kPubPrefix, kPubPrefix + 2);
    raw.insert(raw.end(), key.begin(), key.end());
    return multibase_base58btc(raw);
}

Result<Ed25519PublicKey> decode_ed25519_public_multikey(std::string_view multibase) {
    if (multibase.empty() || multibase[0] != 'z') return bad("multikey: not base58btc");
    auto raw = TRY(base58btc_decode(multibase.substr(1), 128));
    if (raw.size() != 34 || raw[0] != kPubPrefix[0] || raw[1] != kPubPrefix[1])
        return bad("multikey: not an Ed25519 public key");
    Ed25519PublicKey key;
    std::copy(raw.begin() + 2, raw.end(), key.begin());
    return key;
}

std::string encode_ed25519_secret_multikey(const SecretBytes& seed) {
    SecretBytes raw(2 + seed.size());
    raw.data()[0] = kSecPrefix[0];
    raw.data()[1] = kSecPrefix[1];
    std::copy(seed.data(), seed.data() + seed.size(), raw.data() + 2);
    std::string out = multibase_base58btc(raw.view());
    return out;
}

Result<SecretBytes> decode_ed25519_secret_multikey(std::string_view multibase) {
    if (multibase.empty() || multibase[0] != 'z') return bad("multikey: not base58btc");
    auto decoded = base58btc_decode(multibase.substr(1), 256);
    if (!decoded) return bad("multikey: invalid base58");
    SecretBytes raw(*decoded); // move into wiping storage, then wipe the temporary
    sodium_memzero(decoded->data(), decoded->size());
    if ((raw.size() != 34 && raw.size() != 66) || raw.data()[0] != kSecPrefix[0] ||
        raw.data()[1] != kSecPrefix[1])
        return bad("multikey: not an Ed25519 secret key");
    SecretBytes seed(raw.view().subspan(2, 32));
    if (raw.size() == 66) {
        auto pub = TRY(ed25519_public_from_seed(seed));
        if (!std::equal(pub.begin(), pub.end(), raw.data() + 34)) return bad("multikey: public half mismatch");
    }
    return seed;
}

Result<Ed25519PublicKey> ed25519_public_from_seed(const SecretBytes& seed) {
    ensure_sodium();
    if (seed.size() != crypto_sign_SEEDBYTES) return bad("ed25519: seed must be 32 bytes");
    Ed25519PublicKey pub;
    SecretBytes sk(crypto_sign_SECRETKEYBYTES);
    crypto_sign_seed_keypair(pub.data(), sk.data(), seed.data());
    return pub;
}

} // namespace mc::credentials
