// The Open Badges 3.0 API's OAuth 2.0 rules, with microcred as the Service Provider: the four
// scopes, the checks of a dynamic client registration (RFC 7591), PKCE S256 (RFC 7636) and the
// discovery document. Pure: no SOCI, no HTTP; unit-tested without a database.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace mc::ob3api {

// A scope is a bit; a grant holds a set of them.
enum Scope : std::uint32_t {
    credential_readonly = 1u << 0,
    credential_upsert = 1u << 1,
    profile_readonly = 1u << 2,
    profile_update = 1u << 3,
};
inline constexpr std::uint32_t all_scopes = credential_readonly | credential_upsert | profile_readonly | profile_update;

// The scope's URI as OB 3.0 names it, and its short name ("credential.readonly") for the catalogs.
std::string scope_uri(Scope s);
std::string_view scope_name(Scope s);
inline constexpr Scope every_scope[] = {credential_readonly, credential_upsert, profile_readonly, profile_update};

// "uri uri ..." -> bits; nullopt when a word is not one of the four (or the text is too long).
std::optional<std::uint32_t> parse_scopes(std::string_view text);
std::string scope_text(std::uint32_t scopes); // space-separated URIs, in the order above

// How a client proves who it is at the token endpoint.
inline constexpr std::string_view kAuthBasic = "client_secret_basic";
inline constexpr std::string_view kAuthPost = "client_secret_post";
inline constexpr std::string_view kAuthNone = "none"; // a public client: PKCE alone

// What a registration asked for, checked.
struct ClientMetadata {
    std::string client_name, client_uri, logo_uri, tos_uri, policy_uri, software_id, software_version;
    std::vector<std::string> redirect_uris;
    std::string auth_method = std::string(kAuthBasic);
    std::uint32_t scopes = all_scopes;
    nlohmann::json to_json() const; // as echoed in the registration answer (RFC 7591 section 3.2.1)
    static ClientMetadata from_json(const nlohmann::json& stored); // what to_json wrote
};

// A refused registration: the RFC 7591 error code, the member at fault and a catalog key.
struct RegistrationProblem {
    std::string error; // invalid_redirect_uri or invalid_client_metadata
    std::string field; // e.g. "redirect_uris"
    std::string key;   // ob3api.register.<...>
};

struct RegistrationCheck {
    std::optional<ClientMetadata> metadata;
    std::optional<RegistrationProblem> problem; // set when metadata is not
};
RegistrationCheck check_registration(const nlohmann::json& body);

// Limits of what a client may register.
inline constexpr std::size_t kMaxRegistrationBytes = 16 * 1024;
inline constexpr std::size_t kMaxRedirectUris = 5;
inline constexpr std::size_t kMaxUriBytes = 512;
inline constexpr std::size_t kMaxNameChars = 100;

// https://host[:port]/path, or http only to a loopback host (127.0.0.1, [::1], localhost) for
// native apps (RFC 8252); never a fragment, credentials in the authority, or control characters.
bool redirect_uri_allowed(std::string_view uri);
// An https URL (or loopback http) for client_uri, logo_uri, tos_uri, policy_uri.
bool web_uri_allowed(std::string_view uri);

// RFC 7636: a verifier is 43 to 128 characters of [A-Za-z0-9-._~]; a challenge is the
// base64url (no padding) of the verifier's SHA-256, 43 characters.
bool valid_code_verifier(std::string_view verifier);
bool valid_code_challenge(std::string_view challenge);
std::string s256_challenge(std::string_view verifier);
bool pkce_s256_matches(std::string_view verifier, std::string_view challenge); // constant time

// Lifetimes.
inline constexpr long long kCodeSeconds = 10 * 60;
inline constexpr long long kAccessSeconds = 60 * 60;
inline constexpr long long kRefreshSeconds = 180LL * 24 * 3600;

// The OB 3.0 Service Description Document: an OpenAPI-shaped document naming the registration,
// authorization, token, refresh and revocation URLs and the scopes, under base_url.
nlohmann::json discovery_document(const std::string& base_url);

// The paths of the OAuth endpoints (under base_url).
inline constexpr std::string_view kDiscoveryPath = "/ims/ob/v3p0/discovery";
inline constexpr std::string_view kRegisterPath = "/oauth/register";
inline constexpr std::string_view kAuthorizePath = "/oauth/authorize";
inline constexpr std::string_view kTokenPath = "/oauth/token";
inline constexpr std::string_view kRevokePath = "/oauth/revoke";

} // namespace mc::ob3api
