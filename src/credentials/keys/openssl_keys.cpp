#include "credentials/keys/openssl_keys.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cstring>
#include <memory>

namespace mc::credentials {
namespace {

struct Free {
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
    void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
    void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
    void operator()(BIO* p) const { BIO_free(p); }
    void operator()(BIGNUM* p) const { BN_free(p); }
    void operator()(ECDSA_SIG* p) const { ECDSA_SIG_free(p); }
    void operator()(PKCS8_PRIV_KEY_INFO* p) const { PKCS8_PRIV_KEY_INFO_free(p); }
    void operator()(OSSL_PARAM_BLD* p) const { OSSL_PARAM_BLD_free(p); }
    void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
};
template <class T> using Ptr = std::unique_ptr<T, Free>;

constexpr std::size_t kMaxPem = 16 * 1024;

// OpenSSL keeps a per-thread error queue; drop it so one bad input does not confuse later calls.
auto bad(std::string detail) {
    ERR_clear_error();
    return fail(Errc::bad_input, "credentials.errors.bad_key", std::move(detail));
}
auto bad_signature() {
    ERR_clear_error();
    return fail(Errc::bad_input, "credentials.errors.bad_signature", "signature does not verify");
}

// Never prompt for a passphrase (OpenSSL's default callback reads the terminal).
int no_password(char*, int, int, void*) { return 0; }

Result<KeyAlgorithm> classify(EVP_PKEY* pkey) {
    switch (EVP_PKEY_get_base_id(pkey)) {
    case EVP_PKEY_ED25519: return KeyAlgorithm::ed25519;
    case EVP_PKEY_EC: {
        char group[64] = {};
        std::size_t len = 0;
        if (!EVP_PKEY_get_utf8_string_param(pkey, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &len))
            return bad("ec key without a named group");
        if (std::strcmp(group, "prime256v1") != 0 && std::strcmp(group, "P-256") != 0)
            return bad("ec key is not P-256");
        return KeyAlgorithm::es256;
    }
    case EVP_PKEY_RSA: {
        // Below 2048 bits is too weak; above 8192 only costs verifiers time.
        int bits = EVP_PKEY_get_bits(pkey);
        if (bits < 2048 || bits > 8192) return bad("rsa key size out of range");
        return KeyAlgorithm::rs256;
    }
    default: return bad("unsupported key type");
    }
}

Result<Bytes> spki_of(EVP_PKEY* pkey) {
    int len = i2d_PUBKEY(pkey, nullptr);
    if (len <= 0) return bad("cannot encode public key");
    Bytes out(static_cast<std::size_t>(len));
    unsigned char* p = out.data();
    i2d_PUBKEY(pkey, &p);
    return out;
}

Result<SecretBytes> pkcs8_of(EVP_PKEY* pkey) {
    Ptr<PKCS8_PRIV_KEY_INFO> p8(EVP_PKEY2PKCS8(pkey));
    if (!p8) return bad("cannot encode private key");
    int len = i2d_PKCS8_PRIV_KEY_INFO(p8.get(), nullptr);
    if (len <= 0) return bad("cannot encode private key");
    SecretBytes out(static_cast<std::size_t>(len));
    unsigned char* p = out.data();
    i2d_PKCS8_PRIV_KEY_INFO(p8.get(), &p);
    return out;
}

Result<Ptr<EVP_PKEY>> load_public(ByteView der) {
    const unsigned char* p = der.data();
    Ptr<EVP_PKEY> pkey(d2i_PUBKEY(nullptr, &p, static_cast<long>(der.size())));
    if (!pkey || p != der.data() + der.size()) return bad("malformed SubjectPublicKeyInfo");
    return pkey;
}

// The in-memory private key of an IssuerKey (Ed25519 keeps a raw seed, others PKCS#8).
Result<Ptr<EVP_PKEY>> load_private(KeyAlgorithm alg, const SecretBytes& secret) {
    Ptr<EVP_PKEY> pkey;
    if (alg == KeyAlgorithm::ed25519) {
        pkey.reset(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, secret.data(), secret.size()));
    } else {
        const unsigned char* p = secret.data();
        pkey.reset(d2i_AutoPrivateKey(nullptr, &p, static_cast<long>(secret.size())));
    }
    if (!pkey) return bad("malformed private key");
    if (TRY(classify(pkey.get())) != alg) return bad("private key type does not match its algorithm");
    return pkey;
}

Result<Bytes> bn_bytes(EVP_PKEY* pkey, const char* name, int pad) {
    BIGNUM* raw = nullptr;
    if (!EVP_PKEY_get_bn_param(pkey, name, &raw)) return bad("missing key parameter");
    Ptr<BIGNUM> bn(raw);
    int n = pad > 0 ? pad : BN_num_bytes(bn.get());
    Bytes out(static_cast<std::size_t>(n));
    if (BN_bn2binpad(bn.get(), out.data(), n) < 0) return bad("key parameter too large");
    return out;
}

Result<std::string> jwk_string(const nlohmann::json& jwk, const char* name) {
    auto it = jwk.find(name);
    if (it == jwk.end() || !it->is_string()) return bad(std::string("jwk: missing ") + name);
    return it->get<std::string>();
}

Result<PublicKey> from_params(const char* type, OSSL_PARAM_BLD* bld) {
    Ptr<OSSL_PARAM> params(OSSL_PARAM_BLD_to_param(bld));
    Ptr<EVP_PKEY_CTX> ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
    EVP_PKEY* raw = nullptr;
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0 ||
        EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) <= 0)
        return bad("jwk: invalid key");
    Ptr<EVP_PKEY> pkey(raw);
    return PublicKey{TRY(classify(pkey.get())), TRY(spki_of(pkey.get()))};
}

} // namespace

namespace detail {

Result<IssuerKey> generate_openssl_key(KeyAlgorithm alg, std::string id, SysSeconds created) {
    Ptr<EVP_PKEY> pkey;
    if (alg == KeyAlgorithm::es256) pkey.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    else if (alg == KeyAlgorithm::rs256) pkey.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", std::size_t{2048}));
    else return bad("not an OpenSSL algorithm");
    if (!pkey) return fail(Errc::internal, "errors.internal", "key generation failed");
    IssuerKey key;
    key.id = std::move(id);
    key.algorithm = alg;
    key.created = created;
    key.public_key = TRY(spki_of(pkey.get()));
    key.secret = TRY(pkcs8_of(pkey.get()));
    return key;
}

Result<Bytes> openssl_sign(const IssuerKey& key, ByteView message) {
    auto pkey = TRY(load_private(key.algorithm, key.secret));
    Ptr<EVP_MD_CTX> ctx(EVP_MD_CTX_new());
    std::size_t len = 0;
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, pkey.get()) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &len, message.data(), message.size()) != 1)
        return fail(Errc::internal, "errors.internal", "signing failed");
    Bytes sig(len);
    if (EVP_DigestSign(ctx.get(), sig.data(), &len, message.data(), message.size()) != 1)
        return fail(Errc::internal, "errors.internal", "signing failed");
    sig.resize(len);
    if (key.algorithm == KeyAlgorithm::es256) return ecdsa_der_to_jose(sig);
    return sig;
}

Result<void> openssl_verify(const PublicKey& key, ByteView message, ByteView signature) {
    auto pkey = TRY(load_public(key.bytes));
    if (TRY(classify(pkey.get())) != key.algorithm) return bad("public key type does not match its algorithm");
    Bytes der;
    if (key.algorithm == KeyAlgorithm::es256) {
        if (signature.size() != 64) return bad_signature();
        der = TRY(ecdsa_jose_to_der(signature));
        signature = der;
    }
    Ptr<EVP_MD_CTX> ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, pkey.get()) != 1)
        return bad_signature();
    if (EVP_DigestVerify(ctx.get(), signature.data(), signature.size(), message.data(), message.size()) != 1)
        return bad_signature();
    return {};
}

Result<Bytes> openssl_public_from_private(KeyAlgorithm alg, const SecretBytes& pkcs8) {
    auto pkey = TRY(load_private(alg, pkcs8));
    return spki_of(pkey.get());
}

} // namespace detail

Result<std::string> export_private_pem(const IssuerKey& key) {
    auto pkey = TRY(load_private(key.algorithm, key.secret));
    // A secure-memory BIO clears its buffer when freed.
    Ptr<BIO> bio(BIO_new(BIO_s_secmem()));
    if (!bio || !PEM_write_bio_PrivateKey(bio.get(), pkey.get(), nullptr, nullptr, 0, nullptr, nullptr))
        return fail(Errc::internal, "errors.internal", "pem export failed");
    char* data = nullptr;
    long len = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(len));
}

Result<std::string> export_public_pem(const PublicKey& key) {
    Ptr<EVP_PKEY> pkey;
    if (key.algorithm == KeyAlgorithm::ed25519) {
        if (key.bytes.size() != 32) return bad("ed25519 public key must be 32 bytes");
        pkey.reset(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, key.bytes.data(), 32));
    } else {
        pkey = TRY(load_public(key.bytes));
    }
    Ptr<BIO> bio(BIO_new(BIO_s_mem()));
    if (!pkey || !bio || !PEM_write_bio_PUBKEY(bio.get(), pkey.get()))
        return fail(Errc::internal, "errors.internal", "pem export failed");
    char* data = nullptr;
    long len = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(len));
}

Result<IssuerKey> import_private_pem(std::string_view pem, std::string id, SysSeconds created) {
    if (pem.size() > kMaxPem) return bad("pem too large");
    Ptr<BIO> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    Ptr<EVP_PKEY> pkey(PEM_read_bio_PrivateKey(bio.get(), nullptr, no_password, nullptr));
    if (!pkey) return bad("unreadable private key pem");
    IssuerKey key;
    key.id = std::move(id);
    key.created = created;
    key.algorithm = TRY(classify(pkey.get()));
    if (key.algorithm == KeyAlgorithm::ed25519) {
        SecretBytes seed(32);
        std::size_t len = 32;
        Bytes pub(32);
        std::size_t plen = 32;
        if (!EVP_PKEY_get_raw_private_key(pkey.get(), seed.data(), &len) || len != 32 ||
            !EVP_PKEY_get_raw_public_key(pkey.get(), pub.data(), &plen) || plen != 32)
            return bad("unreadable ed25519 key");
        key.secret = std::move(seed);
        key.public_key = std::move(pub);
    } else {
        key.public_key = TRY(spki_of(pkey.get()));
        key.secret = TRY(pkcs8_of(pkey.get()));
    }
    return key;
}

Result<PublicKey> import_public_der(ByteView spki_der) {
    auto pkey = TRY(load_public(spki_der));
    auto alg = TRY(classify(pkey.get()));
    if (alg == KeyAlgorithm::ed25519) {
        Bytes raw(32);
        std::size_t len = 32;
        if (!EVP_PKEY_get_raw_public_key(pkey.get(), raw.data(), &len) || len != 32) return bad("bad ed25519 key");
        return PublicKey{alg, std::move(raw)};
    }
    return PublicKey{alg, TRY(spki_of(pkey.get()))};
}

Result<PublicKey> import_public_pem(std::string_view pem) {
    if (pem.size() > kMaxPem) return bad("pem too large");
    Ptr<BIO> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    Ptr<EVP_PKEY> pkey(PEM_read_bio_PUBKEY(bio.get(), nullptr, no_password, nullptr));
    if (!pkey) return bad("unreadable public key pem");
    return import_public_der(TRY(spki_of(pkey.get())));
}

Result<nlohmann::json> public_jwk(const PublicKey& key) {
    if (key.algorithm == KeyAlgorithm::ed25519) {
        if (key.bytes.size() != 32) return bad("ed25519 public key must be 32 bytes");
        return nlohmann::json{{"kty", "OKP"}, {"crv", "Ed25519"}, {"x", base64url_encode(key.bytes)}};
    }
    auto pkey = TRY(load_public(key.bytes));
    if (key.algorithm == KeyAlgorithm::es256) {
        auto x = TRY(bn_bytes(pkey.get(), OSSL_PKEY_PARAM_EC_PUB_X, 32));
        auto y = TRY(bn_bytes(pkey.get(), OSSL_PKEY_PARAM_EC_PUB_Y, 32));
        return nlohmann::json{{"kty", "EC"}, {"crv", "P-256"}, {"x", base64url_encode(x)}, {"y", base64url_encode(y)}};
    }
    auto n = TRY(bn_bytes(pkey.get(), OSSL_PKEY_PARAM_RSA_N, 0));
    auto e = TRY(bn_bytes(pkey.get(), OSSL_PKEY_PARAM_RSA_E, 0));
    return nlohmann::json{{"kty", "RSA"}, {"n", base64url_encode(n)}, {"e", base64url_encode(e)}};
}

Result<PublicKey> public_key_from_jwk(const nlohmann::json& jwk) {
    if (!jwk.is_object()) return bad("jwk: not an object");
    if (jwk.contains("d") || jwk.contains("p") || jwk.contains("k")) return bad("jwk: carries private material");
    auto kty = TRY(jwk_string(jwk, "kty"));
    if (kty == "OKP") {
        if (TRY(jwk_string(jwk, "crv")) != "Ed25519") return bad("jwk: unsupported OKP curve");
        auto x = TRY(base64url_decode(TRY(jwk_string(jwk, "x"))));
        if (x.size() != 32) return bad("jwk: bad Ed25519 x");
        return PublicKey{KeyAlgorithm::ed25519, std::move(x)};
    }
    Ptr<OSSL_PARAM_BLD> bld(OSSL_PARAM_BLD_new());
    if (!bld) return fail(Errc::internal, "errors.internal", "out of memory");
    if (kty == "EC") {
        if (TRY(jwk_string(jwk, "crv")) != "P-256") return bad("jwk: unsupported EC curve");
        auto x = TRY(base64url_decode(TRY(jwk_string(jwk, "x"))));
        auto y = TRY(base64url_decode(TRY(jwk_string(jwk, "y"))));
        if (x.size() != 32 || y.size() != 32) return bad("jwk: bad P-256 coordinates");
        Bytes point{0x04};
        point.insert(point.end(), x.begin(), x.end());
        point.insert(point.end(), y.begin(), y.end());
        if (!OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) ||
            !OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()))
            return bad("jwk: invalid key");
        return from_params("EC", bld.get());
    }
    if (kty == "RSA") {
        auto n = TRY(base64url_decode(TRY(jwk_string(jwk, "n"))));
        auto e = TRY(base64url_decode(TRY(jwk_string(jwk, "e"))));
        if (n.empty() || n.size() > 1024 || e.empty() || e.size() > 8) return bad("jwk: bad RSA parameters");
        Ptr<BIGNUM> bn_n(BN_bin2bn(n.data(), static_cast<int>(n.size()), nullptr));
        Ptr<BIGNUM> bn_e(BN_bin2bn(e.data(), static_cast<int>(e.size()), nullptr));
        if (!bn_n || !bn_e || !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) ||
            !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get()))
            return bad("jwk: invalid key");
        return from_params("RSA", bld.get());
    }
    return bad("jwk: unsupported kty");
}

Result<Bytes> ecdsa_der_to_jose(ByteView der) {
    const unsigned char* p = der.data();
    Ptr<ECDSA_SIG> sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size())));
    if (!sig || p != der.data() + der.size()) return bad("malformed ECDSA signature");
    const BIGNUM* r = nullptr;
    const BIGNUM* s = nullptr;
    ECDSA_SIG_get0(sig.get(), &r, &s);
    if (BN_is_negative(r) || BN_is_negative(s) || BN_num_bytes(r) > 32 || BN_num_bytes(s) > 32)
        return bad("ECDSA signature values out of range");
    // d2i accepts some BER forms (long lengths, padded integers); strict DER re-encodes identically.
    int len = i2d_ECDSA_SIG(sig.get(), nullptr);
    Bytes again(len > 0 ? static_cast<std::size_t>(len) : 0);
    unsigned char* q = again.data();
    if (len <= 0 || i2d_ECDSA_SIG(sig.get(), &q) != len || !std::equal(again.begin(), again.end(), der.begin(), der.end()))
        return bad("ECDSA signature is not strict DER");
    Bytes out(64);
    BN_bn2binpad(r, out.data(), 32);
    BN_bn2binpad(s, out.data() + 32, 32);
    return out;
}

Result<Bytes> ecdsa_jose_to_der(ByteView jose) {
    if (jose.size() != 64) return bad("JOSE ECDSA signature must be 64 bytes");
    Ptr<ECDSA_SIG> sig(ECDSA_SIG_new());
    BIGNUM* r = BN_bin2bn(jose.data(), 32, nullptr);
    BIGNUM* s = BN_bin2bn(jose.data() + 32, 32, nullptr);
    if (!sig || !r || !s || !ECDSA_SIG_set0(sig.get(), r, s)) {
        BN_free(r);
        BN_free(s);
        return fail(Errc::internal, "errors.internal", "out of memory");
    }
    int len = i2d_ECDSA_SIG(sig.get(), nullptr);
    if (len <= 0) return bad("cannot encode ECDSA signature");
    Bytes out(static_cast<std::size_t>(len));
    unsigned char* q = out.data();
    i2d_ECDSA_SIG(sig.get(), &q);
    return out;
}

Result<void> verify_ecdsa_p256_der(ByteView spki_der, ByteView message, ByteView der_signature) {
    auto pkey = TRY(load_public(spki_der));
    if (TRY(classify(pkey.get())) != KeyAlgorithm::es256) return bad("not a P-256 key");
    Ptr<EVP_MD_CTX> ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, pkey.get()) != 1 ||
        EVP_DigestVerify(ctx.get(), der_signature.data(), der_signature.size(), message.data(),
                         message.size()) != 1)
        return bad_signature();
    return {};
}

} // namespace mc::credentials
