// Untrusted compact JWS text -> parser and VC-JWT verification (must fail cleanly, never crash).
// Input that is a JSON object is also signed as a payload, so claim checks get fuzzed too.
#include <string_view>

#include "credentials/jwt/vc_jwt.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    using namespace mc::credentials;
    static const IssuerKey key = *generate_issuer_key(KeyAlgorithm::ed25519, "fuzz", SysSeconds{});
    std::string_view token(reinterpret_cast<const char*>(data), size);
    if (auto parts = parse_jwt(token)) (void)credential_from_payload(parts->payload);
    (void)verify_vc_jwt(token, key.public_part(), {});
    if (auto payload = parse_json_bounded(token); payload && payload->is_object())
        if (auto signed_token = sign_jws(*payload, key, {{"kid", "k"}}))
            (void)verify_vc_jwt(*signed_token, key.public_part(), {});
    return 0;
}
