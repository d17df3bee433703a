#include "credentials/jwt/vc_jwt.hpp"

#include <cmath>

#include "credentials/keys/openssl_keys.hpp"

namespace mc::credentials {
namespace {

using nlohmann::json;

auto bad(std::string detail) { return fail(Errc::bad_input, "credentials.errors.bad_jwt", std::move(detail)); }

constexpr const char* kRegistered[] = {"iss", "jti", "sub", "nbf", "exp", "iat"};

// Optional string member; a present member of another type is an error.
Result<std::optional<std::string>> string_member(const json& obj, const char* name) {
    auto it = obj.find(name);
    if (it == obj.end()) return std::optional<std::string>{};
    if (!it->is_string()) return bad(std::string(name) + " is not a string");
    return std::optional<std::string>{it->get<std::string>()};
}

Result<std::optional<std::string>> issuer_id(const json& credential) {
    auto it = credential.find("issuer");
    if (it == credential.end()) return std::optional<std::string>{};
    if (it->is_string()) return std::optional<std::string>{it->get<std::string>()};
    if (it->is_object()) return string_member(*it, "id");
    return bad("issuer is neither an IRI nor an object");
}

Result<std::optional<std::string>> subject_id(const json& credential) {
    auto it = credential.find("credentialSubject");
    if (it == credential.end() || !it->is_object()) return std::optional<std::string>{};
    return string_member(*it, "id");
}

Result<std::optional<std::int64_t>> date_member(const json& credential, const char* name) {
    auto text = TRY(string_member(credential, name));
    if (!text) return std::optional<std::int64_t>{};
    auto t = TRY(parse_utc(*text));
    return std::optional<std::int64_t>{t.time_since_epoch().count()};
}

Result<std::optional<std::int64_t>> numeric_date(const json& payload, const char* name) {
    auto it = payload.find(name);
    if (it == payload.end()) return std::optional<std::int64_t>{};
    if (it->is_number_integer()) return std::optional<std::int64_t>{it->get<std::int64_t>()};
    if (it->is_number_float()) {
        double d = it->get<double>();
        if (!std::isfinite(d) || std::fabs(d) > 1e15) return bad(std::string(name) + " out of range");
        return std::optional<std::int64_t>{static_cast<std::int64_t>(std::floor(d))};
    }
    return bad(std::string(name) + " is not a NumericDate");
}

template <class T>
Result<void> must_agree(const std::optional<T>& claim, const std::optional<T>& value, const char* name) {
    if (claim != value) return bad(std::string(name) + " does not match the credential");
    return {};
}

} // namespace

Result<std::string> sign_vc_jwt(const json& credential, const IssuerKey& key, const VcJwtSignOptions& options) {
    if (!credential.is_object()) return bad("credential is not an object");
    for (const char* claim : kRegistered)
        if (credential.contains(claim)) return bad(std::string("credential already has a ") + claim + " member");
    json payload = credential;
    auto iss = TRY(issuer_id(credential));
    if (!iss) return bad("credential has no issuer id");
    payload["iss"] = *iss;
    if (auto id = TRY(string_member(credential, "id"))) payload["jti"] = *id;
    if (auto sub = TRY(subject_id(credential))) payload["sub"] = *sub;
    auto nbf = TRY(date_member(credential, "validFrom"));
    if (!nbf) return bad("credential has no validFrom");
    payload["nbf"] = *nbf;
    if (auto exp = TRY(date_member(credential, "validUntil"))) payload["exp"] = *exp;

    json header = json::object();
    if (!options.kid.empty()) header["kid"] = options.kid;
    else if (options.embed_jwk) header["jwk"] = TRY(public_jwk(key.public_part()));
    else return bad("header needs a kid or a jwk");
    return sign_jws(payload, key, header);
}

Result<json> credential_from_payload(const json& payload) {
    if (auto vc = payload.find("vc"); vc != payload.end()) {
        if (!vc->is_object()) return bad("vc claim is not an object");
        return *vc;
    }
    json credential = payload;
    for (const char* claim : kRegistered) credential.erase(claim);
    return credential;
}

Result<json> verify_vc_jwt(std::string_view token, const PublicKey& key, const VcJwtVerifyOptions& options) {
    auto parts = TRY(verify_jws(token, key));
    const auto& payload = parts.payload;
    auto credential = TRY(credential_from_payload(payload));

    auto iss = TRY(string_member(payload, "iss"));
    if (!iss) return bad("iss claim missing");
    TRY(must_agree(iss, TRY(issuer_id(credential)), "iss"));
    TRY(must_agree(TRY(string_member(payload, "jti")), TRY(string_member(credential, "id")), "jti"));
    TRY(must_agree(TRY(string_member(payload, "sub")), TRY(subject_id(credential)), "sub"));
    auto nbf = TRY(numeric_date(payload, "nbf"));
    if (!nbf) return bad("nbf claim missing");
    TRY(must_agree(nbf, TRY(date_member(credential, "validFrom")), "nbf"));
    auto exp = TRY(numeric_date(payload, "exp"));
    TRY(must_agree(exp, TRY(date_member(credential, "validUntil")), "exp"));

    const std::int64_t now = options.now.time_since_epoch().count();
    const std::int64_t leeway = options.leeway.count();
    if (now + leeway < *nbf) return fail(Errc::bad_input, "credentials.errors.not_yet_valid", "nbf in the future");
    if (exp && now - leeway >= *exp) return fail(Errc::bad_input, "credentials.errors.expired", "exp has passed");
    return credential;
}

} // namespace mc::credentials
