// The agency's issuer Profile and its signing keys. The secret half of every key is sealed
// with a master key that lives outside the database (data/keys/master.key, mode 0600): a
// copy of the database alone cannot sign credentials.
#pragma once

#include <optional>

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "app/app.hpp"
#include "credentials/keys/issuer_key.hpp"
#include "credentials/model/open_badge.hpp"

namespace mc::credentials {

// Reads the master key, creating it (temp file, fsync, rename) on first use.
Result<MasterKey> load_or_create_master_key(const std::filesystem::path& data_dir);

struct IssuerRecord {
    std::string id;
    std::string name;
    std::string url;
    std::string email;
    std::string description;
};

// The URL that identifies an issuer in credentials: <base_url>/issuers/<id>.
std::string issuer_url(const app::App& app, const std::string& issuer_id);
IssuerFacts issuer_facts(const app::App& app, const IssuerRecord& issuer);

Result<IssuerRecord> default_issuer(soci::session& sql);
Result<IssuerRecord> find_issuer(soci::session& sql, const std::string& issuer_id);

// Creates the agency issuer and a first Ed25519 key when there is none (idempotent).
Result<void> ensure_default_issuer(app::App& app);

struct SigningKey {
    std::string key_row_id;          // issuer_keys.id
    IssuerKey key;                   // unsealed; wiped when destroyed
    std::string verification_method; // <issuer url>#<publicKeyMultibase>
};
// The newest unretired Ed25519 key of the issuer, unsealed for signing.
Result<SigningKey> active_signing_key(app::App& app, soci::session& sql, const std::string& issuer_id);

// Retires every current key and adds a fresh one; old credentials keep verifying.
Result<std::string> rotate_key(app::App& app, soci::session& sql, const std::string& issuer_id);

struct PublishedKey {
    std::string verification_method;
    std::string public_key_multibase;
    bool retired = false;
};
std::vector<PublishedKey> published_keys(const app::App& app, soci::session& sql, const std::string& issuer_id);

// The issuer's Ed25519 keys with their dates, newest first (the issuer page).
struct KeyDates {
    std::string public_key_multibase;
    long long created_at = 0;
    std::optional<long long> retired_at;
};
std::vector<KeyDates> key_history(soci::session& sql, const std::string& issuer_id);
// Whether `public_key_multibase` is one of the issuer's keys (current or retired).
bool is_issuer_key(soci::session& sql, const std::string& issuer_id, const std::string& public_key_multibase);

// The issuer Profile document (JSON-LD) with its keys as Multikey verification methods.
nlohmann::json issuer_profile_document(const app::App& app, soci::session& sql, const IssuerRecord& issuer);

} // namespace mc::credentials
