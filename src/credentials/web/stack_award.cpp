#include "credentials/web/stack_award.hpp"

#include <ctime>

#include "accounts/user_store.hpp"
#include "credentials/model/open_badge.hpp"
#include "credentials/proof/default_proof.hpp"
#include "credentials/web/award.hpp"
#include "credentials/web/award_store.hpp"
#include "credentials/web/issuer_store.hpp"
#include "credentials/web/stack_award_store.hpp"
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

} // namespace

Result<std::string> issue_stack_credential(app::App& app, soci::session& sql, const StackAchievement& what) {
    auto educator = accounts::find_user(sql, what.educator_id);
    if (!educator) return fail(Errc::not_found, "errors.not_found", "educator " + what.educator_id);
    const std::string& name = educator->display_name;
    const std::string& email = educator->email;
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
    insert_stack_award(sql, {.id = id, .educator_id = what.educator_id, .achievement_key = what.key, .name = what.name,
                             .issuer_id = issuer.id, .key_row_id = key.key_row_id, .credential = text,
                             .constituents = constituents_text, .status_list_id = slot.list_id,
                             .status_list_index = slot.index, .issued_at = now});
    return id;
}

} // namespace mc::credentials
