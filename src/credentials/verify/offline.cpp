#include "credentials/verify/offline.hpp"

#include "credentials/jwt/vc_jwt.hpp"
#include "credentials/keys/openssl_keys.hpp"
#include "credentials/proof/default_proof.hpp"
#include "credentials/verify/credential_kinds.hpp"
#include "credentials/verify/offline_input.hpp"
#include "credentials/verify/offline_keys.hpp"

namespace mc::credentials {
namespace {

using nlohmann::json;

std::string text_of(const json& j, const char* key) {
    return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

// Why a check failed, for a person: the log detail when there is one, else the key.
std::string reason(const Error& e) { return e.detail.empty() ? e.key : e.detail; }

struct Checks {
    bool signature_ok = false, issuer_ok = false, dates_ok = false, schema_ok = false;
    bool key_vouched = false; // the signing key is one the caller trusts
};

bool vouched_key(const OfflineOptions& o, std::string_view key) {
    for (const auto& k : o.trusted_keys)
        if (!key.empty() && k == key) return true;
    return false;
}

bool vouched(const OfflineOptions& o, std::string_view method) {
    if (offline::is_did_key(method)) return vouched_key(o, offline::did_key_multibase(method));
    auto hash = method.find('#');
    if (hash == std::string_view::npos) return false;
    return vouched_key(o, method.substr(hash + 1));
}

// How the signing key relates to the issuer, when it is not a key named under the issuer's id.
enum class KeySource { issuers_own, self_named_did_key, embedded_jwk };

void describe_issuer(OfflineReport& r, Checks& c, const json& credential, const std::string& key_name,
                     const std::optional<Error>& key_error, KeySource source = KeySource::issuers_own) {
    std::string id = offline::issuer_id(credential);
    std::string name = credential.is_object() && credential.contains("issuer") ? text_of(credential["issuer"], "name") : "";
    std::string who = name.empty() ? id : name + " (" + id + ")";
    if (id.empty()) who = "(not named)";
    if (key_error) {
        r.issuer = who + "; NOT confirmed: " + reason(*key_error);
        return;
    }
    c.issuer_ok = !id.empty();
    if (c.issuer_ok && source == KeySource::self_named_did_key) {
        r.issuer = who + "; signed with " + key_name +
                   ", a did:key that names only itself: nothing offline ties it to this issuer";
        return;
    }
    if (c.issuer_ok && source == KeySource::embedded_jwk) {
        r.issuer = who + "; signed with " + key_name;
        return;
    }
    r.issuer = c.issuer_ok ? who + "; signed with " + key_name +
                                 ", a key named under the issuer's own id (offline: not compared with the keys "
                                 "the issuer publishes)"
                           : who;
}

void check_dates(OfflineReport& r, Checks& c, const json& credential, SysSeconds now) {
    auto from_text = text_of(credential, "validFrom"), until_text = text_of(credential, "validUntil");
    auto from = from_text.empty() ? Result<SysSeconds>(SysSeconds{}) : parse_utc(from_text);
    auto until = until_text.empty() ? Result<SysSeconds>(SysSeconds::max()) : parse_utc(until_text);
    if (!from || !until) {
        r.expiry = "NOT valid: the validity dates cannot be read";
    } else if (now < *from) {
        r.expiry = "NOT valid yet: valid from " + from_text;
    } else if (*until < now) {
        r.expiry = "EXPIRED on " + until_text;
    } else {
        c.dates_ok = true;
        r.expiry = "in date: " + (from_text.empty() ? std::string("no start date") : "valid from " + from_text) +
                   (until_text.empty() ? ", no end date" : ", until " + until_text);
    }
}

void check_rest(OfflineReport& r, Checks& c, const json& original, SysSeconds now) {
    // VC 1.1 credentials (issuanceDate, expirationDate) are read through their VC 2.0 names.
    const json credential = vc2_view(original);
    if (on_vc_1_1(original))
        r.notes.push_back("on the VC 1.1 data model (the 2018 context, issuanceDate): read with the VC 2.0 names");
    check_dates(r, c, credential, now);
    if (credential.is_object() && credential.contains("credentialStatus")) {
        std::string list = text_of(credential["credentialStatus"], "statusListCredential");
        r.revocation = "not checked offline (status list " + (list.empty() ? std::string("not named") : list) + ")";
    } else {
        r.revocation = "no status list: the issuer cannot revoke this credential";
    }
    auto schema = validate_credential_schema(original);
    const std::string kind(kind_label(credential_kind(credential)));
    c.schema_ok = schema.has_value();
    r.schema = c.schema_ok ? "matches the " + kind + " schema"
                           : "does NOT match the " + kind + " schema at " + schema.error().detail;
}

void verify_json(OfflineReport& r, Checks& c, const std::string& text, const OfflineOptions& o, SysSeconds now) {
    auto doc = parse_json_bounded(text);
    if (!doc || !doc->is_object()) {
        r.signature = "NOT checked: the file is not a readable JSON credential";
        return;
    }
    r.form += " carrying a JSON credential";
    const std::string issuer = offline::issuer_id(*doc);
    std::optional<Error> key_error;
    std::string key_name;
    KeySource source = KeySource::issuers_own;
    PublicKeyResolver resolve = [&](std::string_view method) -> Result<PublicKey> {
        key_name = std::string(method);
        auto key = offline::key_from_method(method, issuer);
        if (!key && offline::is_did_key(method)) {
            // A did:key is its own key: the signature can be checked, the issuer cannot.
            key = offline::did_key(method);
            if (key) source = KeySource::self_named_did_key;
        }
        if (!key) key_error = key.error();
        return key;
    };
    const json& proof = doc->contains("proof") ? (*doc)["proof"] : *doc;
    auto suite = proof_suite(proof.is_array() && !proof.empty() ? proof[0] : proof);
    if (!doc->contains("proof")) {
        r.signature = "NOT valid: the credential carries no proof";
    } else if (auto v = verify_credential(*doc, resolve); v) {
        c.signature_ok = true;
        c.key_vouched = vouched(o, key_name) ||
                        (source == KeySource::self_named_did_key && vouched_key(o, offline::did_key_multibase(key_name)));
        const std::string suite_name = suite ? suite->name : std::string(kEddsaRdfc2022);
        r.signature = "valid (" + (suite_name == kEd25519Signature2020 ? suite_name : "Data Integrity " + suite_name) + ")";
        if (suite && suite->legacy)
            r.notes.push_back("signed with the older suite name " + suite->name +
                              ": accepted; current issuers use eddsa-rdfc-2022");
    } else {
        r.signature = "NOT valid: " + reason(key_error ? *key_error : v.error());
    }
    describe_issuer(r, c, *doc, key_name, key_error, source);
    check_rest(r, c, *doc, now);
}

void verify_jwt(OfflineReport& r, Checks& c, const std::string& token, const OfflineOptions& o, SysSeconds now) {
    r.form += " carrying a VC-JWT";
    auto parts = parse_jwt(token);
    if (!parts) {
        r.signature = "NOT checked: the JWT cannot be read (" + reason(parts.error()) + ")";
        return;
    }
    auto credential = credential_from_payload(parts->payload);
    if (!credential) {
        r.signature = "NOT checked: " + reason(credential.error());
        return;
    }
    const std::string issuer = offline::issuer_id(*credential);
    std::optional<Error> key_error;
    std::string key_name;
    KeySource source = KeySource::issuers_own;
    Result<PublicKey> key = fail(Errc::bad_input, "credentials.problems.unknown_key", "issuer key unknown");
    if (auto kid = parts->header.find("kid"); kid != parts->header.end() && kid->is_string()) {
        key_name = kid->get<std::string>();
        key = offline::key_from_method(key_name, issuer);
        if (!key && offline::is_did_key(key_name)) {
            key = offline::did_key(key_name);
            if (key) source = KeySource::self_named_did_key;
        }
    } else if (parts->header.contains("jwk")) {
        // The OB 3.0 spec lets a VC-JWT carry its key in the header. Anyone can put any key there,
        // so it checks the signature and says nothing about who signed, unless the caller vetted it.
        source = KeySource::embedded_jwk;
        key_name = o.trust_embedded_jwk ? "the key embedded in the token (trusted by the caller)"
                                        : "the key embedded in the token (jwk), which proves nothing about the issuer";
        key = public_key_from_jwk(parts->header["jwk"]);
    }
    if (!key) {
        key_error = key.error();
        r.signature = "NOT checked: " + reason(*key_error);
    } else if (auto v = verify_vc_jwt(token, *key, {.now = now}); v || v.error().key == "credentials.errors.expired" ||
                                                                   v.error().key == "credentials.errors.not_yet_valid") {
        // Expiry is reported on its own line; those two errors come after the signature check.
        c.signature_ok = true;
        c.key_vouched = source == KeySource::embedded_jwk         ? o.trust_embedded_jwk
                        : source == KeySource::self_named_did_key ? vouched_key(o, offline::did_key_multibase(key_name))
                                                                  : vouched(o, key_name);
        r.signature = "valid (VC-JWT " + parts->header.value("alg", std::string("?")) + ")";
    } else {
        r.signature = "NOT valid: " + reason(v.error());
    }
    describe_issuer(r, c, *credential, key_name, key_error, source);
    check_rest(r, c, *credential, now);
}

} // namespace

OfflineReport verify_offline(std::string_view bytes, const OfflineOptions& options) {
    OfflineReport r;
    Checks c;
    const SysSeconds now =
        options.now.value_or(std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
    auto input = offline::extract_credential(bytes);
    if (!input) {
        r.form = "unreadable";
        r.signature = "NOT checked: " + reason(input.error());
        r.issuer = r.expiry = r.revocation = r.schema = "not checked";
        return r;
    }
    r.form = input->container;
    if (input->kind == offline::Extracted::Kind::json) verify_json(r, c, input->text, options, now);
    else verify_jwt(r, c, input->text, options, now);
    for (std::string* line : {&r.issuer, &r.expiry, &r.revocation, &r.schema})
        if (line->empty()) *line = "not checked";
    r.valid = c.signature_ok && c.issuer_ok && c.dates_ok && c.schema_ok;
    r.confirmed = r.valid && c.key_vouched;
    if (r.valid && !r.confirmed)
        r.issuer += "; the issuer is NOT confirmed: give the issuer's published key with --trust-key to confirm it";
    else if (r.confirmed)
        r.issuer += "; confirmed: the signing key is one you trusted";
    return r;
}

} // namespace mc::credentials
