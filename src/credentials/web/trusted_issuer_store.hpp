// The agency's list of issuers it trusts besides itself (tables trusted_issuers*, migration
// 0051). Trust needs both halves on one entry: the credential's issuer id (or DID) and the key
// its signature was checked with. Every change is written to an audit table with who made it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "platform/error.hpp"

namespace mc::credentials {

struct TrustedIssuer {
    std::string id;
    std::string name;
    std::vector<std::string> issuer_ids; // https ids or DIDs, compared byte for byte
    std::vector<std::string> keys;       // Ed25519 public keys, multibase (z6Mk...)
};

struct TrustAuditEntry {
    std::string action; // added | changed | removed
    std::string actor_id;
    std::string name;
    std::string detail;
    long long at = 0;
};

std::vector<TrustedIssuer> trusted_issuers(soci::session& sql);
Result<TrustedIssuer> find_trusted_issuer(soci::session& sql, const std::string& id);
// Inserts (entry.id empty) or replaces an entry; returns its id. Call inside a WriteTx.
Result<std::string> save_trusted_issuer(soci::session& sql, TrustedIssuer entry, const std::string& actor_id);
Result<void> remove_trusted_issuer(soci::session& sql, const std::string& id, const std::string& actor_id);
// The name of the entry holding both this issuer id and this key, if any.
std::optional<std::string> trusted_issuer_name(soci::session& sql, const std::string& issuer_id,
                                               const std::string& key_multibase);
std::vector<TrustAuditEntry> trust_audit(soci::session& sql, int limit);

} // namespace mc::credentials
