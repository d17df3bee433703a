#include "credentials/web/stack_award.hpp"

#include <ctime>

#include "credentials/model/open_badge.hpp"
#include "credentials/proof/default_proof.hpp"
#include "credentials/web/award.hpp"
#include "credentials/web/award_store.hpp"
#include "credentials/web/issuer_store.hpp"
#include "credentials/web/status_store.hpp"
#include "platform/crypto/random.hpp"

namespace mc::credentials {

using nlohmann::json;

namespace {

// Each constituent as OB 3.0 Evidence: its credential id and the achievement it stands for.
json evidence_of(soci::session& sql, const StackAchievement& what) {
    json out = json::array();
    for (const auto& id : what.constituent_award_ids) {
        auto award = find_award(sql, id);
        if (!award) continue;
        out.push_back({{"id", "urn:uuid:" + id},
                       {"type", json::array({"Evidence"})},
                       {"name", award->credential.value("name", "")},
                       {"genre", "OpenBadgeCredential"}});
    }
    for (const auto& id : what.constituent_stack_ids) {
        auto stack = find_stack_award(sql, id);
        if (!stack) continue;
        out.push_back({{"id", "urn:uuid:" + id},
                       {"type", json::array({"Evidence"})},
                       {"name", stack->name},
                       {"genre", "OpenBadgeCredential"}});
    }
    return out;
}

// Reads rows of stack_awards matching `where` (one named parameter :v).
std::vector<StackAwardRecord> select_stack_awards(soci::session& sql, const std::string& where, const std::string& value) {
    std::vector<StackAwardRecord> out;
    StackAwardRecord r;
    std::string credential, constituents, reason;
    long long revoked = 0;
    soci::indicator revoked_ind = soci::i_null, reason_ind = soci::i_null;
    std::string v = value;
    soci::statement st = (sql.prepare << "SELECT id, educator_id, achievement_key, name, credential, constituents, "
                                         "issued_at, revoked_at, revoked_reason FROM stack_awards " + where,
                          soci::use(v, "v"), soci::into(r.id), soci::into(r.educator_id), soci::into(r.achievement_key),
                          soci::into(r.name), soci::into(credential), soci::into(constituents), soci::into(r.issued_at),
                          soci::into(revoked, revoked_ind), soci::into(reason, reason_ind));
    st.execute();
    while (st.fetch()) {
        StackAwardRecord c = r;
        c.credential = json::parse(credential, nullptr, false);
        auto parts = json::parse(constituents, nullptr, false);
        if (parts.is_array())
            for (const auto& p : parts)
                if (p.is_string()) c.constituents.push_back(p.get<std::string>());
        c.revoked_at = revoked_ind == soci::i_ok ? revoked : 0;
        c.revoked_reason = reason_ind == soci::i_ok ? reason : "";
        out.push_back(std::move(c));
    }
    return out;
}

} // namespace

Result<std::string> issue_stack_credential(app::App& app, soci::session& sql, const StackAchievement& what) {
    std::string name, email;
    sql << "SELECT display_name, email FROM users WHERE id = :id", soci::use(what.educator_id, "id"), soci::into(name),
        soci::into(email);
    if (!sql.got_data()) return fail(Errc::not_found, "errors.not_found", "educator " + what.educator_id);
    auto issuer = TRY(default_issuer(sql));
    auto key = TRY(active_signing_key(app, sql, issuer.id));
    auto slot = TRY(allocate_status(app, sql, issuer.id));
    auto id = new_award_uuid();
    long long now = std::time(nullptr);
    auto issued = std::chrono::sys_seconds{std::chrono::seconds{now}};
    auto salt = crypto::random_token(12);
    json achievement{{"id", what.achievement_id},
                     {"type", json::array({"Achievement"})},
                     {"achievementType", "Certificate"},
                     {"name", what.name},
                     {"description", what.description},
                     {"criteria", {{"id", what.achievement_id + "#criteria"}, {"narrative", what.criteria}}},
                     {"inLanguage", what.locale}};
    json credential{{"@context", json::array({kVcContextV2, kObContext})},
                    {"id", "urn:uuid:" + id},
                    {"type", json::array({"VerifiableCredential", "OpenBadgeCredential"})},
                    {"name", what.name},
                    {"issuer", {{"id", issuer_url(app, issuer.id)}, {"type", json::array({"Profile"})}, {"name", issuer.name}}},
                    {"validFrom", format_utc(issued)},
                    {"credentialSubject",
                     {{"type", json::array({"AchievementSubject"})},
                      {"identifier", recipient_identifiers(email, salt, name)},
                      {"achievement", achievement}}},
                    {"evidence", evidence_of(sql, what)},
                    {"credentialStatus", slot.entry}};
    if (!issuer.url.empty()) credential["issuer"]["url"] = issuer.url;
    auto signed_credential = TRY(sign_credential(credential, key.key, key.verification_method, issued));
    std::string text = signed_credential.dump();
    json constituents = what.constituent_award_ids;
    for (const auto& s : what.constituent_stack_ids) constituents.push_back(s);
    std::string constituents_text = constituents.dump();
    sql << "INSERT INTO stack_awards (id, educator_id, achievement_key, name, issuer_id, key_id, credential, "
           "constituents, status_list_id, status_list_index, issued_at) VALUES (:id, :e, :k, :n, :i, :key, :c, :parts, "
           ":list, :idx, :t)",
        soci::use(id, "id"), soci::use(what.educator_id, "e"), soci::use(what.key, "k"), soci::use(what.name, "n"),
        soci::use(issuer.id, "i"), soci::use(key.key_row_id, "key"), soci::use(text, "c"),
        soci::use(constituents_text, "parts"), soci::use(slot.list_id, "list"), soci::use(slot.index, "idx"),
        soci::use(now, "t");
    return id;
}

std::vector<StackAwardRecord> stack_awards_of(soci::session& sql, const std::string& educator_id) {
    return select_stack_awards(sql, "WHERE educator_id = :v ORDER BY issued_at, id", educator_id);
}

Result<StackAwardRecord> find_stack_award(soci::session& sql, const std::string& id) {
    auto found = select_stack_awards(sql, "WHERE id = :v", id);
    if (found.empty()) return fail(Errc::not_found, "errors.not_found", "stack award " + id);
    return found.front();
}

Result<void> revoke_stack_award(soci::session& sql, const std::string& id, const std::string& reason) {
    std::string list_id;
    long long index = 0, revoked = 0;
    soci::indicator list_ind = soci::i_null, revoked_ind = soci::i_null;
    sql << "SELECT status_list_id, status_list_index, revoked_at FROM stack_awards WHERE id = :id", soci::use(id, "id"),
        soci::into(list_id, list_ind), soci::into(index), soci::into(revoked, revoked_ind);
    if (!sql.got_data()) return fail(Errc::not_found, "errors.not_found", "stack award " + id);
    if (revoked_ind == soci::i_ok) return fail(Errc::conflict, "credentials.already_revoked", "stack award already revoked");
    long long now = std::time(nullptr);
    sql << "UPDATE stack_awards SET revoked_at = :t, revoked_reason = :r WHERE id = :id", soci::use(now, "t"),
        soci::use(reason, "r"), soci::use(id, "id");
    if (list_ind == soci::i_ok) TRY(set_status_bit(sql, list_id, index, true));
    return {};
}

} // namespace mc::credentials
