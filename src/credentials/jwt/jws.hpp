// Compact JWS (RFC 7515) as VC-JWT uses it. The algorithm is a property of the key: the
// verifier never lets a token choose it, so "none", HS256-with-a-public-key and other
// algorithm-confusion tricks are rejected by construction.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "credentials/keys/issuer_key.hpp"
#include "platform/error.hpp"

namespace mc::credentials {

inline constexpr std::size_t kMaxJwtBytes = 1 << 20;  // 1 MiB: a credential with inline images
inline constexpr int kMaxJsonDepth = 64;               // nesting limit for untrusted JSON

// Parses untrusted JSON text without exceptions and with a nesting-depth bound (the
// recursive parser would otherwise let deep input exhaust the stack).
Result<nlohmann::json> parse_json_bounded(std::string_view text, int max_depth = kMaxJsonDepth);
// Serializes without throwing (invalid UTF-8 in strings is bad_input, not an exception).
Result<std::string> dump_json(const nlohmann::json& value);

struct JwtParts {
    nlohmann::json header;    // an object
    nlohmann::json payload;   // an object
    std::string signing_input; // "<b64 header>.<b64 payload>", exactly as received
    Bytes signature;
};

// Splits and decodes a compact JWS: three base64url segments, header and payload JSON
// objects, non-empty signature. It does not verify anything.
Result<JwtParts> parse_jwt(std::string_view token);

// Signs `payload` with `key`; header gets alg (from the key), typ "JWT", plus `extra_header`
// members (kid or jwk). Refuses retired keys.
Result<std::string> sign_jws(const nlohmann::json& payload, const IssuerKey& key,
                             const nlohmann::json& extra_header = nlohmann::json::object());

// Verifies a compact JWS against `key`: header "alg" must equal the key's algorithm,
// "crit" is refused, typ (if present) must be "JWT". Returns the parsed parts.
Result<JwtParts> verify_jws(std::string_view token, const PublicKey& key);

} // namespace mc::credentials
