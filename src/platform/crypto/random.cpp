#include "platform/crypto/random.hpp"

#include <sodium.h>

#include <cstring>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace mc::crypto {

void init() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
    });
}

std::string new_id() {
    init();
    unsigned char bytes[16];
    randombytes_buf(bytes, sizeof bytes);
    static const char* alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (unsigned char b : bytes) {
        buffer = (buffer << 8) | b;
        bits += 8;
        while (bits >= 5) {
            out += alphabet[(buffer >> (bits - 5)) & 31];
            bits -= 5;
        }
    }
    if (bits > 0) out += alphabet[(buffer << (5 - bits)) & 31];
    return out;
}

std::string random_token(std::size_t n) {
    init();
    std::string bytes(n, '\0');
    randombytes_buf(bytes.data(), n);
    return base64url_encode(bytes);
}

std::uint32_t random_uniform(std::uint32_t upper) {
    init();
    return randombytes_uniform(upper);
}

std::string sha256_hex(std::string_view data) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    std::string hex(crypto_hash_sha256_BYTES * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), digest, sizeof digest);
    hex.pop_back();
    return hex;
}

namespace {
std::string b64(std::string_view bytes, int variant) {
    std::string out(sodium_base64_encoded_len(bytes.size(), variant), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      variant);
    out.resize(std::strlen(out.c_str()));
    return out;
}
} // namespace

std::string base64url_encode(std::string_view bytes) { return b64(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING); }
std::string base64_encode(std::string_view bytes) { return b64(bytes, sodium_base64_VARIANT_ORIGINAL); }

Result<std::string> base64url_decode(std::string_view text) {
    std::string out(text.size(), '\0');
    std::size_t len = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                          &len, nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
        return fail(Errc::bad_input, "errors.bad_encoding", "invalid base64url");
    out.resize(len);
    return out;
}

Result<std::string> password_hash(std::string_view password) {
    init();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return fail(Errc::internal, "errors.internal", "argon2id out of memory");
    return std::string(out);
}

bool password_verify(std::string_view stored, std::string_view password) {
    init();
    std::string s(stored);
    return crypto_pwhash_str_verify(s.c_str(), password.data(), password.size()) == 0;
}

std::string seal(std::string_view plaintext, std::string_view key32) {
    init();
    if (key32.size() != crypto_secretbox_KEYBYTES) throw std::invalid_argument("seal: key must be 32 bytes");
    std::string out(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plaintext.size(), '\0');
    auto* nonce = reinterpret_cast<unsigned char*>(out.data());
    randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES, reinterpret_cast<const unsigned char*>(plaintext.data()),
                          plaintext.size(), nonce, reinterpret_cast<const unsigned char*>(key32.data()));
    return out;
}

Result<std::string> unseal(std::string_view sealed, std::string_view key32) {
    init();
    if (key32.size() != crypto_secretbox_KEYBYTES ||
        sealed.size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
        return fail(Errc::bad_input, "errors.bad_encoding", "sealed value too short");
    std::string out(sealed.size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
    auto* nonce = reinterpret_cast<const unsigned char*>(sealed.data());
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(out.data()), nonce + crypto_secretbox_NONCEBYTES,
                                   sealed.size() - crypto_secretbox_NONCEBYTES, nonce,
                                   reinterpret_cast<const unsigned char*>(key32.data())) != 0)
        return fail(Errc::bad_input, "errors.bad_encoding", "sealed value fails authentication");
    return out;
}

} // namespace mc::crypto
