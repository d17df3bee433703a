// Checks any Open Badges 3.0 credential, ours or another issuer's, and says in plain terms
// what holds: the signature, who issued it, whether it is revoked, expired or not yet valid.
// Works offline: our own keys and status lists come from the database; another issuer's key
// is taken from its self-describing verification method (did:key or <issuer>#z6Mk...), and
// its revocation status is reported as not checkable rather than guessed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "app/app.hpp"

namespace mc::credentials {

enum class Verdict { valid, revoked, expired, not_yet_valid, invalid };

struct VerificationReport {
    Verdict verdict = Verdict::invalid;
    bool signature_ok = false;
    bool issuer_known = false;   // signed with a key of an issuer registered here
    bool status_checked = false; // revocation status could be read
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
    nlohmann::json credential;
};

std::string_view verdict_name(Verdict v);

// Verifies a credential document (JSON-LD object with a Data Integrity proof).
VerificationReport verify_document(app::App& app, soci::session& sql, const nlohmann::json& document);
// Accepts what people paste or drop: JSON text, or a PNG/SVG image with a baked credential.
VerificationReport verify_input(app::App& app, soci::session& sql, std::string_view bytes);

nlohmann::json report_json(const VerificationReport& report);

} // namespace mc::credentials
