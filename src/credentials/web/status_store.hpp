// Revocation through W3C Bitstring Status Lists kept in the database (status_lists.bits holds
// the list's encodedList). Each award gets a random free index; revoking sets its bit, and
// the signed list credential served at /status/<id> tells any verifier.
#pragma once

#include <memory>
#include <string>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "app/app.hpp"
#include "credentials/status/bitstring_status_list.hpp"

namespace mc::credentials {

struct StatusSlot {
    std::string list_id;
    long long index = 0;
    nlohmann::json entry; // the credentialStatus object
};

std::string status_list_url(const app::App& app, const std::string& list_id);

// Picks a random unused index in the issuer's current list (a new list when it is full).
Result<StatusSlot> allocate_status(const app::App& app, soci::session& sql, const std::string& issuer_id);
// Hands out many slots in a row (bulk issue): reads the list's used indexes once, not once per
// award. Call next() inside the write transaction that stores the awards; after a failed
// transaction, call reset() so the next call reads the store again.
class StatusBatchAllocator {
public:
    StatusBatchAllocator(const app::App& app, std::string issuer_id);
    Result<StatusSlot> next(soci::session& sql);
    void reset();

private:
    const app::App& app_;
    std::string issuer_id_;
    std::string list_id_;
    std::unique_ptr<StatusIndexAllocator> allocator_;
};

Result<void> set_status_bit(soci::session& sql, const std::string& list_id, long long index, bool revoked);
Result<bool> status_bit(soci::session& sql, const std::string& list_id, long long index);

// The signed BitstringStatusListCredential for a list.
Result<nlohmann::json> signed_status_list(app::App& app, soci::session& sql, const std::string& list_id);

} // namespace mc::credentials
