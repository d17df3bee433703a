// Offline verification of one credential file's bytes (JSON, compact JWT, or a PNG/SVG
// badge carrying either), with no database, no network and no web code: keys come only
// from the credential's own verification method (<issuer-id>#z6Mk... or did:key), and a
// status list is reported as not checked rather than guessed.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "credentials/keys/issuer_key.hpp"

namespace mc::credentials {

struct OfflineOptions {
    // A JWT header may carry its own public key ("jwk"). Anyone can put any key there, so
    // it proves nothing about the issuer; it is used only when the caller has vetted it.
    bool trust_embedded_jwk = false;
    std::optional<SysSeconds> now; // default: the system clock
    // Ed25519 public keys (multibase, z6Mk...) the caller vouches for, e.g. read from the
    // agency's own issuer page. Offline, nothing else can confirm who an issuer is: a key named
    // under an issuer's id proves only that the signature holds (anyone can name one).
    std::vector<std::string> trusted_keys;
};

// Each check in plain words, as the CLI prints it.
struct OfflineReport {
    bool valid = false;     // signature, issuer key, dates and schema all hold
    bool confirmed = false; // valid, and signed with a key the caller vouched for
    std::string form;   // what the bytes were, e.g. "PNG badge carrying a JSON credential"
    std::string signature, issuer, expiry, revocation, schema;
    std::vector<std::string> notes; // accepted, but worth saying (an older suite name, VC 1.1)
};

OfflineReport verify_offline(std::string_view bytes, const OfflineOptions& options = {});

} // namespace mc::credentials
