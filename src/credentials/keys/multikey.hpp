// Multikey encodings (W3C Controlled Identifiers §2.2.2): multibase base58btc of a
// multicodec varint prefix followed by the raw key. Ed25519 public keys use 0xed (varint
// ed 01) and give the familiar "z6Mk..." form; Ed25519 secret keys use 0x1300 (varint 80 26).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "credentials/keys/encoding.hpp"
#include "credentials/keys/secret.hpp"
#include "platform/error.hpp"

namespace mc::credentials {

using Ed25519PublicKey = std::array<std::uint8_t, 32>;

std::string encode_ed25519_public_multikey(const Ed25519PublicKey& key);
Result<Ed25519PublicKey> decode_ed25519_public_multikey(std::string_view multibase);

// The 32-byte seed form. Decoding also accepts the 64-byte seed||public form some
// libraries emit (then the public half must match the seed) and returns the 32-byte seed.
std::string encode_ed25519_secret_multikey(const SecretBytes& seed);
Result<SecretBytes> decode_ed25519_secret_multikey(std::string_view multibase);

// Public key for a 32-byte Ed25519 seed.
Result<Ed25519PublicKey> ed25519_public_from_seed(const SecretBytes& seed);

} // namespace mc::credentials
