// SQL of credentials brought in through the OB 3.0 API (migration 0111): each educator's
// imported credentials with the verdict and trust they were given on the way in.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

namespace mc::ob3api {

struct ImportedCredential {
    std::string id, educator_id, credential_key, body, body_hash, format, verdict, trust, issuer_name, achievement_name,
        client_id;
    long long received_at = 0, updated_at = 0;
};

std::optional<ImportedCredential> find_import(soci::session& sql, const std::string& educator_id,
                                              const std::string& credential_key);
// Inserts (id empty) or replaces the body, verdict and trust of the row with this id.
std::string save_import(soci::session& sql, ImportedCredential c);
std::vector<ImportedCredential> imports_of(soci::session& sql, const std::string& educator_id); // newest first

} // namespace mc::ob3api
