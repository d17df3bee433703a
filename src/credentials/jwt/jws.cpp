#include "credentials/jwt/jws.hpp"

namespace mc::credentials {
namespace {

using nlohmann::json;

auto bad(std::string detail) { return fail(Errc::bad_input, "credentials.errors.bad_jwt", std::move(detail)); }

// Nesting depth of JSON text, counting brackets outside strings. Cheap and linear;
// malformed text is left for the real parser to reject.
bool depth_within(std::string_view text, int max_depth) {
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > max_depth) return false;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return true;
}

Result<json> decode_object(std::string_view segment, const char* what) {
    auto raw = base64url_decode(segment);
    if (!raw) return bad(std::string(what) + ": not base64url");
    auto value = TRY(parse_json_bounded(to_string(*raw)));
    if (!value.is_object()) return bad(std::string(what) + ": not a JSON object");
    return value;
}

} // namespace

Result<json> parse_json_bounded(std::string_view text, int max_depth) {
    if (!depth_within(text, max_depth)) return bad("json nested too deeply");
    json value = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (value.is_discarded()) return bad("malformed json");
    return value;
}

Result<std::string> dump_json(const json& value) {
    try {
        return value.dump();
    } catch (const json::exception& e) {
        return bad(std::string("cannot serialize json: ") + e.what());
    }
}

Result<JwtParts> parse_jwt(std::string_view token) {
    if (token.size() > kMaxJwtBytes) return fail(Errc::too_large, "credentials.errors.bad_jwt", "token too large");
    auto first = token.find('.');
    if (first == std::string_view::npos) return bad("not a compact JWS");
    auto second = token.find('.', first + 1);
    if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos)
        return bad("a compact JWS has exactly three segments");
    JwtParts parts;
    parts.header = TRY(decode_object(token.substr(0, first), "header"));
    parts.payload = TRY(decode_object(token.substr(first + 1, second - first - 1), "payload"));
    auto sig = base64url_decode(token.substr(second + 1));
    if (!sig || sig->empty()) return bad("missing or malformed signature");
    parts.signature = std::move(*sig);
    parts.signing_input = std::string(token.substr(0, second));
    return parts;
}

Result<std::string> sign_jws(const json& payload, const IssuerKey& key, const json& extra_header) {
    if (key.retired) return fail(Errc::conflict, "credentials.errors.key_retired", "retired keys do not sign");
    if (!payload.is_object() || !extra_header.is_object()) return bad("header and payload must be objects");
    json header = extra_header;
    header["alg"] = jose_algorithm(key.algorithm);
    header["typ"] = "JWT";
    auto header_text = TRY(dump_json(header));
    auto payload_text = TRY(dump_json(payload));
    std::string input = base64url_encode(as_bytes(header_text)) + "." + base64url_encode(as_bytes(payload_text));
    auto signature = TRY(sign_message(key, as_bytes(input)));
    return input + "." + base64url_encode(signature);
}

Result<JwtParts> verify_jws(std::string_view token, const PublicKey& key) {
    auto parts = TRY(parse_jwt(token));
    const auto& h = parts.header;
    auto alg = h.find("alg");
    if (alg == h.end() || !alg->is_string()) return bad("header without alg");
    // The key decides; a token naming any other algorithm (including "none") is refused.
    if (alg->get_ref<const std::string&>() != jose_algorithm(key.algorithm))
        return bad("header alg does not match the key");
    if (h.contains("crit")) return bad("critical header extensions are not supported");
    if (auto typ = h.find("typ"); typ != h.end() && (!typ->is_string() || *typ != "JWT"))
        return bad("typ must be JWT");
    if (!verify_message(key, as_bytes(parts.signing_input), parts.signature))
        return fail(Errc::bad_input, "credentials.errors.bad_signature", "JWS signature does not verify");
    return parts;
}

} // namespace mc::credentials
