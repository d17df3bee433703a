// SQL of the OB 3.0 API's OAuth tables (migration 0110): registered clients, an educator's
// grants to them, and the codes and tokens of each grant, stored as SHA-256 hashes only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "ob3api/oauth.hpp"
#include "platform/error.hpp"

namespace mc::ob3api {

struct Client {
    std::string id, secret_hash, auth_method, client_name;
    ClientMetadata metadata;
    long long created_at = 0;
};

// Registers a client; secret_hash is "" for a public client.
void save_client(soci::session& sql, const std::string& id, const std::string& secret_hash, const ClientMetadata& m,
                 long long now);
std::optional<Client> find_client(soci::session& sql, const std::string& id);

struct Grant {
    std::string id, client_id, client_name, educator_id;
    std::uint32_t scopes = 0;
    long long created_at = 0, revoked_at = 0; // 0: not revoked
};

std::string create_grant(soci::session& sql, const std::string& client_id, const std::string& educator_id,
                         std::uint32_t scopes, long long now);
std::optional<Grant> find_grant(soci::session& sql, const std::string& id);
std::vector<Grant> live_grants_of(soci::session& sql, const std::string& educator_id); // newest first
// Ends the grant and every token of it; false when it was already revoked or unknown.
bool revoke_grant(soci::session& sql, const std::string& grant_id, long long now);

void save_code(soci::session& sql, const std::string& code_hash, const std::string& grant_id, const std::string& redirect_uri,
               const std::string& challenge, long long expires_at);
struct CodeUse {
    enum class Outcome { ok, unknown, expired, used } outcome = Outcome::unknown;
    std::string grant_id, redirect_uri, challenge;
};
// Marks the code used (once: a second use answers `used`, and the caller revokes the grant).
CodeUse take_code(soci::session& sql, const std::string& code_hash, long long now);

void save_access_token(soci::session& sql, const std::string& token_hash, const std::string& grant_id,
                       std::uint32_t scopes, long long expires_at);
void save_refresh_token(soci::session& sql, const std::string& token_hash, const std::string& grant_id,
                        std::uint32_t scopes, long long expires_at);

// A live access token: not expired, not revoked, its grant not revoked.
struct TokenOwner {
    std::string grant_id, client_id, educator_id;
    std::uint32_t scopes = 0;
};
std::optional<TokenOwner> find_access_token(soci::session& sql, const std::string& token_hash, long long now);

struct RefreshUse {
    enum class Outcome { ok, unknown, expired, reused } outcome = Outcome::unknown;
    std::string grant_id, client_id;
    std::uint32_t scopes = 0;
};
// Marks a live refresh token used (rotation). Presenting a used one answers `reused`.
RefreshUse take_refresh_token(soci::session& sql, const std::string& token_hash, long long now);

// Deletes codes and access tokens expired more than a day ago and refresh tokens past their
// expiry (a rotated one is kept until then, so its reuse is still caught). Returns rows deleted.
long long delete_expired(soci::session& sql, long long now);

// RFC 7009: the grant of an access or refresh token held by client_id, or "" when neither.
std::string grant_of_token(soci::session& sql, const std::string& token_hash, const std::string& client_id);

} // namespace mc::ob3api
