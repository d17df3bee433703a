#include "credentials/web/verifier.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <mutex>
#include <memory>
#include <optional>
#include <unordered_map>

#include "credentials/baking/png_bake.hpp"
#include "credentials/baking/svg_bake.hpp"
#include "credentials/jwt/vc_jwt.hpp"
#include "credentials/keys/issuer_key.hpp"
#include "credentials/proof/default_proof.hpp"
#include "credentials/keys/openssl_keys.hpp"
#include "credentials/verify/credential_kinds.hpp"
#include "credentials/verify/offline_keys.hpp"
#include "credentials/web/award_store.hpp"
#include "credentials/web/issuer_store.hpp"
#include "credentials/web/status_store.hpp"
#include "credentials/web/trusted_issuer_store.hpp"
#include "platform/crypto/random.hpp"
#include "platform/text/bounded_json.hpp"

namespace mc::credentials {

using nlohmann::json;

std::string_view verdict_name(Verdict v) {
    switch (v) {
    case Verdict::valid: return "valid";
    case Verdict::revoked: return "revoked";
    case Verdict::expired: return "expired";
    case Verdict::not_yet_valid: return "not_yet_valid";
    case Verdict::invalid: return "invalid";
    case Verdict::unconfirmed: return "unconfirmed";
    case Verdict::not_a_credential: return "not_a_credential";
    }
    return "invalid";
}

std::string_view trust_name(Trust t) {
    switch (t) {
    case Trust::agency: return "agency";
    case Trust::trusted: return "trusted";
    case Trust::unconfirmed: return "unconfirmed";
    case Trust::none: return "none";
    }
    return "none";
}

std::string_view status_name(StatusCheck s) {
    switch (s) {
    case StatusCheck::checked: return "checked";
    case StatusCheck::no_list: return "no_list";
    case StatusCheck::not_checked: return "not_checked";
    }
    return "not_checked";
}

namespace {

// What one verification may look up, and the base URL it judges "ours" by. In the server
// process the facts come from the database; in a worker they are questions to the server.
struct Ctx {
    const std::string& base_url;
    VerifierFacts& facts;
};

VerificationReport verify_document_in(const Ctx& cx, const json& doc);
void check_clr_parts(const Ctx& cx, VerificationReport& r, const json& doc);


std::string text_at(const json& j, std::initializer_list<const char*> path) {
    const json* node = &j;
    for (const char* key : path) {
        if (!node->is_object() || !node->contains(key)) return {};
        node = &(*node)[key];
    }
    return node->is_string() ? node->get<std::string>() : std::string();
}

std::string issuer_id_of(const json& doc) {
    if (!doc.contains("issuer")) return {};
    const auto& issuer = doc["issuer"];
    if (issuer.is_string()) return issuer.get<std::string>();
    return text_at(issuer, {"id"});
}

// Our issuers are exactly <base_url>/issuers/<row id>, compared byte for byte: an id that only
// looks like ours (other case, "/./", a trailing dot, another port) is somebody else's. Row ids
// are letters, digits, '-' and '_', so no path trick survives the second test either.
std::string our_issuer_row_id(const std::string& base_url, std::string_view issuer_id) {
    std::string prefix = base_url + "/issuers/";
    if (!issuer_id.starts_with(prefix)) return {};
    auto row = issuer_id.substr(prefix.size());
    if (row.empty() || row.size() > 64) return {};
    for (char c : row)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) return {};
    return std::string(row);
}

void read_names(VerificationReport& r, const json& original) {
    // A VC 1.1 credential says issuanceDate / expirationDate for validFrom / validUntil.
    const json doc = vc2_view(original);
    if (on_vc_1_1(original)) r.notes.push_back("vc_1_1");
    r.credential_id = text_at(doc, {"id"});
    r.issuer_id = issuer_id_of(doc);
    r.issuer_name = text_at(doc, {"issuer", "name"});
    r.achievement_name = text_at(doc, {"credentialSubject", "achievement", "name"});
    if (r.achievement_name.empty()) r.achievement_name = text_at(doc, {"name"});
    r.valid_from = text_at(doc, {"validFrom"});
    r.valid_until = text_at(doc, {"validUntil"});
    const auto subject = doc.value("credentialSubject", json::object());
    if (subject.is_object() && subject.contains("identifier") && subject["identifier"].is_array())
        for (const auto& id : subject["identifier"])
            if (id.is_object() && id.value("identityType", "") == "name" && !id.value("hashed", true))
                r.recipient_name = id.value("identityHash", "");
}

void check_dates(VerificationReport& r) {
    auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    if (!r.valid_from.empty()) {
        auto from = parse_utc(r.valid_from);
        if (!from) r.problems.push_back("bad_dates");
        else if (*from > now) r.not_yet_valid = true;
    }
    if (!r.valid_until.empty()) {
        auto until = parse_utc(r.valid_until);
        if (!until) r.problems.push_back("bad_dates");
        else if (*until < now) r.expired = true;
    }
}

// Only our own credentials' lists are read (from the database): another issuer's list is not
// fetched, and a stranger pointing at one of our lists learns nothing about their own credential.
void check_status(const Ctx& cx, VerificationReport& r, const json& doc) {
    if (!doc.contains("credentialStatus")) {
        r.status = StatusCheck::no_list; // nothing to revoke it by; said so, not called "checked"
        return;
    }
    if (!r.issuer_known) {
        r.problems.push_back("status_not_checked");
        return;
    }
    const auto& entry = doc["credentialStatus"];
    std::string list_url = text_at(entry, {"statusListCredential"});
    std::string prefix = cx.base_url + "/status/";
    if (!list_url.starts_with(prefix)) {
        r.problems.push_back("status_not_checked");
        return;
    }
    long long index = 0;
    try {
        index = std::stoll(text_at(entry, {"statusListIndex"}));
    } catch (...) {
        r.problems.push_back("bad_status");
        return;
    }
    auto bit = cx.facts.status_bit(list_url.substr(prefix.size()), index);
    if (!bit) {
        r.problems.push_back("bad_status");
        return;
    }
    r.status_checked = true;
    r.status = StatusCheck::checked;
    r.revoked = *bit;
    if (r.revoked) {
        std::string id = r.credential_id.starts_with("urn:uuid:") ? r.credential_id.substr(9) : r.credential_id;
        r.revoked_reason = cx.facts.revoked_reason(id);
    }
}

// Whom we trust to have signed: a key published under the credential's own issuer id.
PublicKeyResolver key_resolver(const Ctx& cx, VerificationReport& r) {
    return [&cx, &r](std::string_view vm) -> Result<PublicKey> {
        auto our_issuer = our_issuer_row_id(cx.base_url, r.issuer_id);
        if (our_issuer.empty()) {
            // Another issuer: only a key published under that issuer's own id (or the issuer's
            // own did:key) counts; a stranger's did:key cannot speak for a named agency. Even then
            // the key only proves the signature; trust comes from the agency's list (settle_trust).
            auto key = offline::key_from_method(vm, r.issuer_id);
            if (key) {
                r.signing_key = offline::is_did_key(vm) ? offline::did_key_multibase(vm)
                                                        : std::string(vm.substr(vm.find('#') + 1));
            } else if (offline::is_did_key(vm)) {
                // A did:key is its own key, so the signature can be checked; it says nothing of
                // who the issuer is, which settle_trust leaves unconfirmed unless the agency's
                // list pairs this issuer with this key.
                key = offline::did_key(vm);
                if (key) {
                    r.signing_key = offline::did_key_multibase(vm);
                    r.notes.push_back("did_key");
                }
            }
            return key;
        }
        auto hash = vm.find('#');
        if (hash == std::string_view::npos) return fail(Errc::bad_input, "credentials.problems.unknown_key", "no fragment");
        if (vm.substr(0, hash) != r.issuer_id)
            return fail(Errc::bad_input, "credentials.problems.key_not_issuers", "vm controller differs from issuer");
        std::string mb(vm.substr(hash + 1));
        if (!cx.facts.our_key_registered(our_issuer, mb)) return fail(Errc::bad_input, "credentials.problems.unknown_key", "not our key");
        r.issuer_known = true;
        r.signing_key = mb;
        return ed25519_public_key_from_multibase(mb);
    };
}

std::string problem_of(const Error& e) {
    const auto& key = e.key;
    return key.starts_with("credentials.problems.") ? key.substr(21)
           : key == "credentials.too_complex"      ? "too_complex"
                                                   : "bad_signature";
}

// Who stands behind an intact signature: us (a key registered here under our exact issuer id),
// an entry of the agency's trusted list holding both the issuer id and the key, or nobody known.
// A signature that does not hold earns no trust at all, whatever key it names.
void settle_trust(const Ctx& cx, VerificationReport& r) {
    r.trusted_issuer.clear();
    if (!r.signature_ok) {
        r.trust = Trust::none;
        r.issuer_known = false;
        return;
    }
    if (r.issuer_known) {
        r.trust = Trust::agency;
        return;
    }
    if (auto name = cx.facts.trusted_issuer(r.issuer_id, r.signing_key)) {
        r.trust = Trust::trusted;
        r.trusted_issuer = *name;
        return;
    }
    r.trust = Trust::unconfirmed;
}

void settle(VerificationReport& r) {
    if (!r.signature_ok) r.verdict = Verdict::invalid;
    else if (r.revoked) r.verdict = Verdict::revoked;
    else if (r.expired) r.verdict = Verdict::expired;
    else if (r.not_yet_valid) r.verdict = Verdict::not_yet_valid;
    else if (r.trust == Trust::unconfirmed) r.verdict = Verdict::unconfirmed;
    else r.verdict = Verdict::valid;
}

VerificationReport not_a_credential(std::string problem) {
    VerificationReport r;
    r.verdict = Verdict::not_a_credential;
    r.problems.push_back(std::move(problem));
    return r;
}

// Something with none of a credential's parts is not a credential (a pasted email, a random
// JSON file), and is said to be so rather than listed as a row of failed checks.
bool credential_shaped(const json& doc) {
    return doc.is_object() &&
           (doc.contains("@context") || doc.contains("proof") || doc.contains("credentialSubject") || doc.contains("type"));
}

// Three base64url segments and nothing else: a compact JWS (VC-JWT).
bool looks_like_jwt(std::string_view text) {
    int dots = 0;
    for (char c : text) {
        if (c == '.') ++dots;
        else if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) return false;
    }
    return dots == 2 && text.size() > 10;
}

// A VC-JWT: the key comes from the header's kid, judged exactly as a Data Integrity proof's
// verification method is (ours from the database, others only under their own issuer id); the
// token's alg must be that key's. An embedded jwk proves nothing about who signed.
VerificationReport verify_jwt(const Ctx& cx, std::string_view token) {
    VerificationReport r;
    auto parts = parse_jwt(token);
    if (!parts) return not_a_credential("malformed");
    auto credential = credential_from_payload(parts->payload);
    if (!credential || !credential->is_object()) return not_a_credential("malformed");
    r.credential = *credential;
    read_names(r, *credential);
    auto kid = parts->header.find("kid");
    auto jwk = parts->header.find("jwk");
    if ((kid == parts->header.end() || !kid->is_string()) && (jwk == parts->header.end() || !jwk->is_object())) {
        r.problems.push_back("unknown_key");
    } else {
        Result<PublicKey> key = fail(Errc::bad_input, "credentials.problems.unknown_key", "no key");
        if (kid != parts->header.end() && kid->is_string()) {
            key = key_resolver(cx, r)(kid->get<std::string>());
        } else {
            // The OB 3.0 spec lets the header carry the key itself. It checks the signature and
            // nothing more: our own issuer id still needs one of our registered keys, and any
            // other issuer stays unconfirmed unless the agency's list pairs it with this key.
            r.notes.push_back("embedded_jwk");
            key = public_key_from_jwk(*jwk);
            if (key) {
                auto mb = public_key_multibase(*key);
                if (!our_issuer_row_id(cx.base_url, r.issuer_id).empty())
                    key = mb ? key_resolver(cx, r)(r.issuer_id + "#" + *mb)
                             : fail(Errc::bad_input, "credentials.problems.unknown_key", "not our key");
                else if (mb)
                    r.signing_key = *mb;
            }
        }
        if (!key) {
            r.problems.push_back(problem_of(key.error()));
        } else {
            auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
            auto v = verify_vc_jwt(token, *key, {.now = now});
            // Expiry is judged below from the credential's own dates; those errors come after
            // the signature check, so the signature held.
            r.signature_ok = v || v.error().key == "credentials.errors.expired" ||
                             v.error().key == "credentials.errors.not_yet_valid";
            if (!r.signature_ok) r.problems.push_back("bad_signature");
        }
    }
    if (auto schema = validate_credential_schema(*credential); !schema) r.problems.push_back("schema");
    check_dates(r);
    settle_trust(cx, r);
    if (r.signature_ok) check_status(cx, r, *credential);
    settle(r);
    return r;
}

bool is_clr(const json& doc) {
    if (!doc.contains("type") || !doc["type"].is_array()) return false;
    for (const auto& t : doc["type"])
        if (t == "ClrCredential") return true;
    return false;
}

// What a credential's bytes say never changes: its proof and schema are checked once per distinct
// document (issuer keys are never deleted; rotation keeps the old ones published), while dates and
// revocation are checked on every request. The public page of one credential is opened by many
// employers; canonicalizing it each time was nearly all of that page's cost.
struct ProofCheck {
    bool signature_ok = false;
    bool issuer_known = false;
    std::string signing_key;
    std::vector<std::string> problems;
    std::vector<std::string> notes;
};
class ProofCache {
public:
    std::optional<ProofCheck> find(const std::string& key) {
        std::lock_guard g(mutex_);
        auto it = checks_.find(key);
        if (it == checks_.end()) return std::nullopt;
        return it->second;
    }
    void keep(const std::string& key, ProofCheck check) {
        std::lock_guard g(mutex_);
        if (checks_.size() >= kMaxEntries) checks_.clear(); // bounded; a refill is only slower
        checks_.emplace(key, std::move(check));
    }

private:
    static constexpr std::size_t kMaxEntries = 8192;
    std::mutex mutex_;
    std::unordered_map<std::string, ProofCheck> checks_;
};
ProofCache& proof_cache() {
    static ProofCache cache;
    return cache;
}

// A learner record's signature covers the credentials inside it, but each of those stands on
// its own too: every one must verify (else the record is invalid) and a revoked or expired one
// is named, since the record may be older than the revocation.
void check_clr_parts(const Ctx& cx, VerificationReport& r, const json& doc) {
    const json* parts = nullptr;
    if (doc["credentialSubject"].is_object() && doc["credentialSubject"].contains("verifiableCredential"))
        parts = &doc["credentialSubject"]["verifiableCredential"];
    if (!parts || !parts->is_array()) {
        r.problems.push_back("schema");
        return;
    }
    bool invalid = false, revoked = false, expired = false;
    for (const auto& part : *parts) {
        if (is_clr(part)) { // a record inside a record is not something we issue or accept
            invalid = true;
            continue;
        }
        auto sub = verify_document_in(cx, part);
        invalid = invalid || sub.verdict == Verdict::invalid ||
                  std::find(sub.problems.begin(), sub.problems.end(), "schema") != sub.problems.end();
        revoked = revoked || sub.verdict == Verdict::revoked;
        expired = expired || sub.verdict == Verdict::expired;
    }
    if (invalid) {
        r.problems.push_back("clr_part_invalid");
        r.signature_ok = false;
    }
    if (revoked) r.problems.push_back("clr_part_revoked");
    if (expired) r.problems.push_back("clr_part_expired");
}

VerificationReport verify_document_in(const Ctx& cx, const json& doc) {
    VerificationReport r;
    if (!credential_shaped(doc)) return not_a_credential("malformed");
    if (!doc.contains("proof") || !doc.contains("@context")) {
        r.problems.push_back("no_proof");
        return r;
    }
    r.credential = doc;
    read_names(r, doc);
    bool clr = is_clr(doc);
    // The issuer's row id is part of the key: the same bytes may be ours in one deployment only.
    std::string cache_key = crypto::sha256_hex(doc.dump()) + "|" + our_issuer_row_id(cx.base_url, r.issuer_id);
    if (auto cached = proof_cache().find(cache_key)) {
        r.signature_ok = cached->signature_ok;
        r.issuer_known = cached->issuer_known;
        r.signing_key = cached->signing_key;
        r.problems = cached->problems;
        r.notes = cached->notes;
    } else {
        auto resolve = key_resolver(cx, r);
        auto verified = verify_credential(doc, resolve);
        r.signature_ok = verified.has_value();
        if (!verified) r.problems.push_back(problem_of(verified.error()));
        const json& proof = doc["proof"];
        if (auto suite = proof_suite(proof.is_array() && !proof.empty() ? proof[0] : proof); suite && suite->legacy)
            r.notes.push_back("legacy_suite");
        // Each kind to its own schema: a learner record to CLR 2.0's shape, an endorsement to
        // OB 3.0's EndorsementCredential, everything else to the achievement schema.
        if (auto schema = validate_credential_schema(doc); !schema) r.problems.push_back("schema");
        proof_cache().keep(cache_key, {r.signature_ok, r.issuer_known, r.signing_key, r.problems, r.notes});
    }
    // A record's parts are judged every time: one of them may have been revoked since.
    if (clr) check_clr_parts(cx, r, doc);
    check_dates(r);
    settle_trust(cx, r);
    if (r.signature_ok) check_status(cx, r, doc);
    settle(r);
    return r;
}

VerificationReport verify_input_in(const Ctx& cx, std::string_view bytes) {
    std::string text(bytes);
    // A baked image carries the credential inside it.
    if (bytes.size() > 8 && bytes.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) {
        auto found = read_png_credential(as_bytes(bytes));
        if (!found || !*found) return not_a_credential("no_baked_credential");
        text = **found;
    } else if (text.find("<svg") != std::string::npos) {
        auto found = read_svg_credential(text);
        if (!found || !*found) return not_a_credential("no_baked_credential");
        text = **found;
    }
    // People paste with stray spaces and line breaks around the token.
    std::string trimmed = text;
    while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.back()))) trimmed.pop_back();
    trimmed.erase(0, std::min(trimmed.size(), trimmed.find_first_not_of(" \t\r\n")));
    if (looks_like_jwt(trimmed)) return verify_jwt(cx, trimmed);
    // Size and depth are checked on the text before any tree exists: copying, hashing or
    // expanding a tree 60,000 levels deep recurses that deep and overflowed the stack.
    auto doc = text::parse_untrusted_json(trimmed, kCredentialJsonLimits);
    if (!doc)
        return not_a_credential(doc.error().key == "errors.json_too_deep" ? "too_deep"
                                : doc.error().code == Errc::too_large   ? "too_large"
                                                                        : "malformed");
    return verify_document_in(cx, *doc);
}

// The facts from this server's database.
class SqlFacts final : public VerifierFacts {
public:
    explicit SqlFacts(soci::session& sql) : sql_(sql) {}
    bool our_key_registered(const std::string& issuer_row, const std::string& multibase) override {
        return is_issuer_key(sql_, issuer_row, multibase);
    }
    std::optional<std::string> trusted_issuer(const std::string& issuer_id, const std::string& key) override {
        return trusted_issuer_name(sql_, issuer_id, key);
    }
    std::optional<bool> status_bit(const std::string& list_id, long long index) override {
        auto bit = credentials::status_bit(sql_, list_id, index);
        if (!bit) return std::nullopt;
        return *bit;
    }
    std::string revoked_reason(const std::string& award_id) override {
        auto reason = revoked_reason_of(sql_, award_id);
        return reason ? *reason : std::string();
    }

private:
    soci::session& sql_;
};

} // namespace

std::unique_ptr<VerifierFacts> database_facts(soci::session& sql) { return std::make_unique<SqlFacts>(sql); }

VerificationReport verify_document(app::App& app, soci::session& sql, const json& doc) {
    SqlFacts facts(sql);
    return verify_document_in({app.config.base_url, facts}, doc);
}

VerificationReport verify_input(app::App& app, soci::session& sql, std::string_view bytes) {
    SqlFacts facts(sql);
    return verify_input_in({app.config.base_url, facts}, bytes);
}

VerificationReport verify_input_with(const std::string& base_url, VerifierFacts& facts, std::string_view bytes) {
    return verify_input_in({base_url, facts}, bytes);
}

json report_json(const VerificationReport& r) {
    return {{"verdict", verdict_name(r.verdict)},
            {"trust", trust_name(r.trust)},
            {"trustedIssuer", r.trusted_issuer},
            {"signature", r.signature_ok},
            {"issuerKnown", r.issuer_known},
            {"statusChecked", r.status_checked},
            {"revocation", status_name(r.status)},
            {"revoked", r.revoked},
            {"expired", r.expired},
            {"notYetValid", r.not_yet_valid},
            {"credentialId", r.credential_id},
            {"issuer", {{"id", r.issuer_id}, {"name", r.issuer_name}}},
            {"achievement", r.achievement_name},
            {"recipient", r.recipient_name},
            {"validFrom", r.valid_from},
            {"validUntil", r.valid_until},
            {"problems", r.problems},
            {"notes", r.notes}};
}

} // namespace mc::credentials
