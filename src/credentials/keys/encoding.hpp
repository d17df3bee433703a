// Byte/text encodings used across the credentials engine: hex, base58btc, base64url and
// the multibase prefixes ('z' base58btc, 'u' base64url-no-pad) that W3C specs require.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "platform/error.hpp"

namespace mc::credentials {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

inline ByteView as_bytes(std::string_view s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}
inline std::string to_string(ByteView b) { return {b.begin(), b.end()}; }

std::string hex_encode(ByteView data);
Result<Bytes> hex_decode(std::string_view text);

// base58btc (Bitcoin alphabet). Decoding is quadratic in the input length, so it refuses
// inputs longer than max_chars: every base58 value we handle (keys, signatures) is short.
std::string base58btc_encode(ByteView data);
Result<Bytes> base58btc_decode(std::string_view text, std::size_t max_chars = 1024);

// base64url without padding (RFC 4648 §5), as JOSE and multibase 'u' use it. Decoding
// rejects padding, whitespace, and non-zero trailing bits so each value has one encoding.
std::string base64url_encode(ByteView data);
Result<Bytes> base64url_decode(std::string_view text);

// Multibase: 'z' + base58btc, or 'u' + base64url (no padding).
std::string multibase_base58btc(ByteView data);
std::string multibase_base64url(ByteView data);
// Decodes either prefix; anything else is bad_input.
Result<Bytes> multibase_decode(std::string_view text);

} // namespace mc::credentials
