// Randomness and hashing helpers built on libsodium. Ids are random (not sequential) so a
// URL never reveals how many educators or submissions exist, nor lets anyone guess the next.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "platform/error.hpp"

namespace mc::crypto {

void init(); // sodium_init once; safe to call many times

std::string new_id();                              // 26 chars, lower-case base32, 128 random bits
std::string random_token(std::size_t bytes = 32);   // base64url without padding
std::uint32_t random_uniform(std::uint32_t upper);  // [0, upper)

std::string sha256_hex(std::string_view data);
std::string base64url_encode(std::string_view bytes);
Result<std::string> base64url_decode(std::string_view text);
std::string base64_encode(std::string_view bytes);

// Argon2id with libsodium's interactive limits: the string carries its own parameters and salt.
Result<std::string> password_hash(std::string_view password);
bool password_verify(std::string_view stored_hash, std::string_view password);

// Authenticated secret-key encryption (XSalsa20-Poly1305) for secrets at rest.
std::string seal(std::string_view plaintext, std::string_view key32);
Result<std::string> unseal(std::string_view sealed, std::string_view key32);

} // namespace mc::crypto
