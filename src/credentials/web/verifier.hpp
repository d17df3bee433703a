// Checks any Open Badges 3.0 credential, ours or another issuer's, and says in plain terms
// what holds: the signature, who issued it, whether it is revoked, expired or not yet valid.
// Works offline: our own keys and status lists come from the database; another issuer's key
// is taken from its self-describing verification method (did:key or <issuer>#z6Mk...), and
// its revocation status is reported as not checkable rather than guessed.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "app/app.hpp"
#include "platform/text/bounded_json.hpp"

namespace mc::credentials {

// What a person is told first. `valid` means a confirmed issuer stands behind an intact,
// in-date, unrevoked credential; `unconfirmed` means the signature holds but nothing ties the
// key to the issuer it names (anyone can publish a key under any https id they write down).
enum class Verdict { valid, revoked, expired, not_yet_valid, invalid, unconfirmed, not_a_credential };

// Who stands behind the signature, judged only once the signature holds.
enum class Trust {
    none,        // the signature does not hold (or there is none): no trust badge at all
    agency,      // issuer id exactly ours and a key registered here
    trusted,     // an issuer id and key on this agency's list of trusted issuers
    unconfirmed, // signature intact, issuer not confirmed
};

// Revocation, said only as far as it was actually looked at.
enum class StatusCheck { not_checked, checked, no_list };

struct VerificationReport {
    Verdict verdict = Verdict::invalid;
    Trust trust = Trust::none;
    StatusCheck status = StatusCheck::not_checked;
    bool signature_ok = false;
    bool issuer_known = false;   // signed with a key of an issuer registered here
    bool status_checked = false; // a status list was read for this credential
    std::string signing_key;     // multibase of the key the signature was checked with
    std::string trusted_issuer;  // name on the agency's list, when trust == trusted
    bool revoked = false;
    bool expired = false;
    bool not_yet_valid = false;
    std::string credential_id;
    std::string issuer_id;
    std::string issuer_name;
    std::string achievement_name;
    std::string recipient_name;
    std::string valid_from;
    std::string valid_until;
    std::string revoked_reason; // ours only
    std::vector<std::string> problems; // catalog keys under credentials.problems.*
    std::vector<std::string> notes;    // accepted but worth saying: catalog keys under credentials.notes.*
    nlohmann::json credential;
};

// What a pasted or baked credential may be: an OB 3.0 credential nests about 8 levels and a
// learner record about 12; one with inline images stays well under 1 MiB.
inline constexpr text::JsonLimits kCredentialJsonLimits{.max_bytes = 1u << 20, .max_depth = 64};

std::string_view verdict_name(Verdict v);
std::string_view trust_name(Trust t);
std::string_view status_name(StatusCheck s);

// What verification looks up about this agency. The server answers from its database; a
// worker process (no database) asks the server over its socket (verify_worker.hpp).
class VerifierFacts {
public:
    virtual ~VerifierFacts() = default;
    // A key registered under one of our issuers (issuer row id, publicKeyMultibase).
    virtual bool our_key_registered(const std::string& issuer_row, const std::string& multibase) = 0;
    // The name on the agency's trusted list holding both this issuer id and key.
    virtual std::optional<std::string> trusted_issuer(const std::string& issuer_id, const std::string& key) = 0;
    // One of our status lists' bits; nullopt when there is no such list or index.
    virtual std::optional<bool> status_bit(const std::string& list_id, long long index) = 0;
    // Why one of our awards was revoked ("" when unknown).
    virtual std::string revoked_reason(const std::string& award_id) = 0;
};
std::unique_ptr<VerifierFacts> database_facts(soci::session& sql);

// Verifies a credential document (JSON-LD object with a Data Integrity proof).
VerificationReport verify_document(app::App& app, soci::session& sql, const nlohmann::json& document);
// Accepts what people paste or drop: JSON text, or a PNG/SVG image with a baked credential.
VerificationReport verify_input(app::App& app, soci::session& sql, std::string_view bytes);

// verify_input with the facts given: what a worker process runs.
VerificationReport verify_input_with(const std::string& base_url, VerifierFacts& facts, std::string_view bytes);

nlohmann::json report_json(const VerificationReport& report);

} // namespace mc::credentials
