#include "credentials/keys/issuer_key.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstdio>

#include "credentials/keys/multikey.hpp"
#include "credentials/keys/openssl_keys.hpp"

namespace mc::credentials {
namespace {

auto bad(std::string detail) { return fail(Errc::bad_input, "credentials.errors.bad_key", std::move(detail)); }

std::uint8_t algorithm_tag(KeyAlgorithm alg) { return static_cast<std::uint8_t>(alg) + 1; }

// Public key bytes that belong to `secret`, computed afresh (never trusted from storage).
Result<Bytes> derive_public(KeyAlgorithm alg, const SecretBytes& secret) {
    if (alg == KeyAlgorithm::ed25519) {
        auto pub = TRY(ed25519_public_from_seed(secret));
        return Bytes(pub.begin(), pub.end());
    }
    return detail::openssl_public_from_private(alg, secret);
}

} // namespace

std::string_view key_algorithm_name(KeyAlgorithm alg) {
    switch (alg) {
    case KeyAlgorithm::ed25519: return "Ed25519";
    case KeyAlgorithm::es256: return "ES256";
    case KeyAlgorithm::rs256: return "RS256";
    }
    return "unknown";
}

Result<KeyAlgorithm> parse_key_algorithm(std::string_view name) {
    for (auto alg : {KeyAlgorithm::ed25519, KeyAlgorithm::es256, KeyAlgorithm::rs256})
        if (name == key_algorithm_name(alg)) return alg;
    return bad("unknown key algorithm");
}

std::string_view jose_algorithm(KeyAlgorithm alg) {
    return alg == KeyAlgorithm::ed25519 ? "EdDSA" : key_algorithm_name(alg);
}

Result<IssuerKey> ed25519_key_from_seed(const SecretBytes& seed, std::string id, SysSeconds created) {
    auto pub = TRY(ed25519_public_from_seed(seed));
    IssuerKey key;
    key.id = std::move(id);
    key.algorithm = KeyAlgorithm::ed25519;
    key.created = created;
    key.public_key.assign(pub.begin(), pub.end());
    key.secret = seed;
    return key;
}

Result<IssuerKey> generate_issuer_key(KeyAlgorithm alg, std::string id, SysSeconds created) {
    if (alg != KeyAlgorithm::ed25519) return detail::generate_openssl_key(alg, std::move(id), created);
    ensure_sodium();
    SecretBytes seed(crypto_sign_SEEDBYTES);
    randombytes_buf(seed.data(), seed.size());
    return ed25519_key_from_seed(seed, std::move(id), created);
}

Result<std::string> public_key_multibase(const PublicKey& key) {
    if (key.algorithm != KeyAlgorithm::ed25519 || key.bytes.size() != 32)
        return bad("multikey form is only defined here for Ed25519");
    Ed25519PublicKey raw;
    std::copy(key.bytes.begin(), key.bytes.end(), raw.begin());
    return encode_ed25519_public_multikey(raw);
}

Result<PublicKey> ed25519_public_key_from_multibase(std::string_view multibase) {
    if (auto hash = multibase.rfind('#'); hash != std::string_view::npos) multibase = multibase.substr(hash + 1);
    auto raw = TRY(decode_ed25519_public_multikey(multibase));
    return PublicKey{KeyAlgorithm::ed25519, Bytes(raw.begin(), raw.end())};
}

Result<std::string> verification_method_id(std::string_view issuer_id, const IssuerKey& key) {
    if (issuer_id.empty() || issuer_id.find('#') != std::string_view::npos) return bad("issuer id must be a plain IRI");
    return std::string(issuer_id) + "#" + TRY(public_key_multibase(key.public_part()));
}

Result<Bytes> sign_message(const IssuerKey& key, ByteView message) {
    if (key.algorithm != KeyAlgorithm::ed25519) return detail::openssl_sign(key, message);
    ensure_sodium();
    if (key.secret.size() != crypto_sign_SEEDBYTES) return bad("ed25519 seed must be 32 bytes");
    Bytes pub(crypto_sign_PUBLICKEYBYTES);
    SecretBytes sk(crypto_sign_SECRETKEYBYTES);
    crypto_sign_seed_keypair(pub.data(), sk.data(), key.secret.data());
    Bytes sig(crypto_sign_BYTES);
    crypto_sign_detached(sig.data(), nullptr, message.data(), message.size(), sk.data());
    return sig;
}

Result<void> verify_message(const PublicKey& key, ByteView message, ByteView signature) {
    if (key.algorithm != KeyAlgorithm::ed25519) return detail::openssl_verify(key, message, signature);
    ensure_sodium();
    // libsodium rejects non-canonical S, small-order keys and non-canonical encodings.
    if (key.bytes.size() != crypto_sign_PUBLICKEYBYTES || signature.size() != crypto_sign_BYTES ||
        crypto_sign_verify_detached(signature.data(), message.data(), message.size(), key.bytes.data()) != 0)
        return fail(Errc::bad_input, "credentials.errors.bad_signature", "signature does not verify");
    return {};
}

Result<SealedIssuerKey> seal_issuer_key(const IssuerKey& key, const MasterKey& master) {
    ensure_sodium();
    if (key.secret.empty()) return bad("no secret to seal");
    // The algorithm travels inside the box so a record cannot be relabelled undetected.
    SecretBytes plain(1 + key.secret.size());
    plain.data()[0] = algorithm_tag(key.algorithm);
    std::copy(key.secret.data(), key.secret.data() + key.secret.size(), plain.data() + 1);
    SealedIssuerKey out{key.id, key.algorithm, key.created, key.retired, key.public_key, {}};
    out.sealed_secret.resize(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size());
    std::uint8_t* nonce = out.sealed_secret.data();
    randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES, plain.data(), plain.size(), nonce, master.data());
    return out;
}

Result<IssuerKey> unseal_issuer_key(const SealedIssuerKey& sealed, const MasterKey& master) {
    ensure_sodium();
    const auto& box = sealed.sealed_secret;
    if (box.size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + 2)
        return fail(Errc::forbidden, "credentials.errors.key_unseal", "sealed key too short");
    SecretBytes plain(box.size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES);
    if (crypto_secretbox_open_easy(plain.data(), box.data() + crypto_secretbox_NONCEBYTES,
                                   box.size() - crypto_secretbox_NONCEBYTES, box.data(), master.data()) != 0)
        return fail(Errc::forbidden, "credentials.errors.key_unseal", "wrong master key or altered record");
    if (plain.data()[0] != algorithm_tag(sealed.algorithm))
        return fail(Errc::forbidden, "credentials.errors.key_unseal", "algorithm does not match sealed secret");
    IssuerKey key;
    key.id = sealed.id;
    key.algorithm = sealed.algorithm;
    key.created = sealed.created;
    key.retired = sealed.retired;
    key.secret = SecretBytes(plain.view().subspan(1));
    key.public_key = TRY(derive_public(key.algorithm, key.secret));
    if (key.public_key != sealed.public_key)
        return fail(Errc::forbidden, "credentials.errors.key_unseal", "public key does not match sealed secret");
    return key;
}

std::string format_utc(SysSeconds t) {
    auto days = std::chrono::floor<std::chrono::days>(t);
    std::chrono::year_month_day ymd{days};
    std::chrono::hh_mm_ss hms{t - days};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()));
    return buf;
}

Result<SysSeconds> parse_utc(std::string_view s) {
    auto digits = [&](std::size_t pos, std::size_t n, int& out) {
        if (pos + n > s.size()) return false;
        out = 0;
        for (std::size_t i = pos; i < pos + n; ++i) {
            if (s[i] < '0' || s[i] > '9') return false;
            out = out * 10 + (s[i] - '0');
        }
        return true;
    };
    auto invalid = [] { return fail(Errc::bad_input, "credentials.errors.bad_datetime", "not an RFC 3339 date-time"); };
    int y, mo, d, h, mi, se;
    if (!digits(0, 4, y) || s.size() < 20 || s[4] != '-' || !digits(5, 2, mo) || s[7] != '-' || !digits(8, 2, d) ||
        (s[10] != 'T' && s[10] != 't') || !digits(11, 2, h) || s[13] != ':' || !digits(14, 2, mi) || s[16] != ':' ||
        !digits(17, 2, se))
        return invalid();
    std::size_t pos = 19;
    if (pos < s.size() && s[pos] == '.') { // fractional seconds: accepted, truncated
        std::size_t start = ++pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
        if (pos == start) return invalid();
    }
    int offset_minutes = 0;
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
        ++pos;
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
        int oh, om;
        if (!digits(pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' || !digits(pos + 4, 2, om) ||
            oh > 23 || om > 59)
            return invalid();
        offset_minutes = (s[pos] == '+' ? 1 : -1) * (oh * 60 + om);
        pos += 6;
    } else {
        return invalid();
    }
    if (pos != s.size() || h > 23 || mi > 59 || se > 60) return invalid();
    std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(mo)},
                                    std::chrono::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return invalid();
    auto t = std::chrono::sys_days{ymd} + std::chrono::hours{h} + std::chrono::minutes{mi} +
             std::chrono::seconds{std::min(se, 59)} - std::chrono::minutes{offset_minutes};
    return std::chrono::time_point_cast<std::chrono::seconds>(t);
}

} // namespace mc::credentials
