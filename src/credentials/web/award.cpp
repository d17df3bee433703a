#include "credentials/web/award.hpp"

#include <ctime>

#include "accounts/notifications.hpp"
#include "accounts/user_store.hpp"
#include "catalog/catalog_store.hpp"
#include "catalog/version_store.hpp"
#include "credentials/web/award_store.hpp"
#include "credentials/model/open_badge.hpp"
#include "credentials/proof/default_proof.hpp"
#include "credentials/web/issuer_store.hpp"
#include "credentials/web/status_store.hpp"
#include "evidence/submission_store.hpp"
#include "platform/crypto/random.hpp"
#include "platform/dates.hpp"

namespace mc::credentials {

std::string new_award_uuid() {
    // RFC 4122 version 4 from 16 random bytes (credential ids are urn:uuid:...).
    std::string hex = crypto::sha256_hex(crypto::random_token(32)).substr(0, 32);
    hex[12] = '4';
    hex[16] = "89ab"[crypto::random_uniform(4)];
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
           hex.substr(20, 12);
}

Result<void> fill_achievement_facts(const app::App& app, soci::session& sql, const std::string& version_id,
                                    const std::string& locale, AwardFacts& facts) {
    auto version = TRY(catalog::load_version(sql, version_id));
    facts.locale = locale == "es" && !version.content.title.es.empty() ? "es" : "en";
    auto place = catalog::competency_place(sql, version.competency_id).value_or(catalog::CompetencyPlace{});
    facts.competency_code = place.code;
    facts.competency_title = facts.locale == "es" && !place.title.es.empty() ? place.title.es : place.title.en;
    facts.framework_title =
        facts.locale == "es" && !place.framework_title.es.empty() ? place.framework_title.es : place.framework_title.en;
    facts.competency_url = app.config.base_url + "/api/v1/frameworks/" + place.framework_slug + "#" + place.code;
    facts.achievement_id = app.config.base_url + "/achievements/" + version.id;
    facts.content = std::move(version.content);
    return {};
}

Result<std::string> award_submission(app::App& app, soci::session& sql, const std::string& submission_id,
                                     const RubricScores& scores) {
    auto sub = TRY(evidence::load_submission(sql, submission_id));
    auto educator = accounts::find_user(sql, sub.educator_id);
    if (!educator) return fail(Errc::not_found, "errors.not_found", "educator of submission " + submission_id);
    if (submission_awarded(sql, submission_id))
        return fail(Errc::conflict, "credentials.already_awarded", "submission already awarded");
    auto version = TRY(catalog::load_version(sql, sub.version_id));
    if (!version.content.rubric.passes(scores))
        return fail(Errc::conflict, "credentials.not_demonstrated", "scores do not meet the passing rule");

    AwardFacts facts;
    std::string locale = version.content.title.es.empty() ? "en" : educator->locale;
    TRY(fill_achievement_facts(app, sql, version.id, locale == "es" ? "es" : "en", facts));
    auto issuer = TRY(default_issuer(sql));
    auto key = TRY(active_signing_key(app, sql, issuer.id));
    auto slot = TRY(allocate_status(app, sql, issuer.id));

    auto award_id = new_award_uuid();
    long long now = std::time(nullptr);
    auto issued = std::chrono::sys_seconds{std::chrono::seconds{now}};
    facts.credential_id = "urn:uuid:" + award_id;
    facts.issuer = issuer_facts(app, issuer);
    facts.recipient_name = educator->display_name;
    facts.recipient_email = educator->email;
    facts.recipient_salt = crypto::random_token(12);
    facts.scores = scores;
    facts.valid_from = issued;
    facts.credential_status = slot.entry;
    facts.evidence_narrative = app.catalog.format(facts.locale, "credentials.evidence_narrative",
                                                  {{"parts", std::to_string(version.content.parts.size())},
                                                   {"date", day_of(now)}});
    auto credential = build_open_badge_credential(facts);
    auto signed_credential = TRY(sign_credential(credential, key.key, key.verification_method, issued));
    std::string text = signed_credential.dump();

    insert_award(sql, {.id = award_id, .educator_id = sub.educator_id, .submission_id = submission_id,
                       .micro_credential_id = version.micro_credential_id, .version_id = version.id,
                       .issuer_id = issuer.id, .key_id = key.key_row_id, .credential = std::move(text),
                       .status_list_id = slot.list_id, .status_list_index = slot.index, .valid_from = now,
                       .issued_at = now});
    TRY(accounts::notify(app, sql, sub.educator_id, "awarded", {{"title", version.content.title.in(educator->locale)}},
                         "/credentials/" + award_id));
    TRY(app.publish(sql, {"award_issued", sub.educator_id, award_id}));
    return award_id;
}

} // namespace mc::credentials
