// Revocation through W3C Bitstring Status Lists kept in the database (status_lists.bits holds
// the list's encodedList). Each award gets a random free index; revoking sets its bit, and
// the signed list credential served at /status/<id> tells any verifier.
#pragma once

#include <string>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "app/app.hpp"

namespace mc::credentials {

struct StatusSlot {
    std::string list_id;
    long long index = 0;
    nlohmann::json entry; // the credentialStatus object
};

std::string status_list_url(const app::App& app, const std::string& list_id);

// Picks a random unused index in the issuer's current list (a new list when it is full).
Result<StatusSlot> allocate_status(const app::App& app, soci::session& sql, const std::string& issuer_id);
Result<void> set_status_bit(soci::session& sql, const std::string& list_id, long long index, bool revoked);
Result<bool> status_bit(soci::session& sql, const std::string& list_id, long long index);

// The signed BitstringStatusListCredential for a list.
Result<nlohmann::json> signed_status_list(app::App& app, soci::session& sql, const std::string& list_id);

} // namespace mc::credentials
