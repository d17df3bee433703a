#include "credentials/web/award.hpp"

#include <ctime>

#include "accounts/notifications.hpp"
#include "catalog/version_store.hpp"
#include "credentials/model/open_badge.hpp"
#include "credentials/proof/default_proof.hpp"
#include "credentials/web/issuer_store.hpp"
#include "credentials/web/status_store.hpp"
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

namespace {

struct SubmissionFacts {
    std::string educator_id, version_id, status, enrollment_id;
    std::string name, email, locale;
};

Result<SubmissionFacts> load_submission(soci::session& sql, const std::string& submission_id) {
    SubmissionFacts s;
    sql << "SELECT s.educator_id, s.version_id, s.status, s.enrollment_id, u.display_name, u.email, u.locale "
           "FROM submissions s JOIN users u ON u.id = s.educator_id WHERE s.id = :id",
        soci::use(submission_id), soci::into(s.educator_id), soci::into(s.version_id), soci::into(s.status),
        soci::into(s.enrollment_id), soci::into(s.name), soci::into(s.email), soci::into(s.locale);
    if (!sql.got_data()) return fail(Errc::not_found, "errors.not_found", "submission " + submission_id);
    return s;
}

// The scores behind the decision: the decision's assignment when recorded, else the latest
// assignment that has scores (the decision row may be written after the award).
std::vector<std::pair<std::string, std::string>> decision_scores(soci::session& sql, const std::string& submission_id) {
    std::string assignment_id;
    soci::indicator ind = soci::i_null;
    sql << "SELECT assignment_id FROM decisions WHERE submission_id = :s", soci::use(submission_id),
        soci::into(assignment_id, ind);
    if (!sql.got_data() || ind != soci::i_ok) {
        sql << "SELECT a.id FROM assignments a WHERE a.submission_id = :s AND EXISTS "
               "(SELECT 1 FROM criterion_scores c WHERE c.assignment_id = a.id) ORDER BY a.assigned_at DESC LIMIT 1",
            soci::use(submission_id), soci::into(assignment_id);
    }
    std::vector<std::pair<std::string, std::string>> scores;
    std::string criterion, level;
    soci::statement st = (sql.prepare << "SELECT criterion_id, level_id FROM criterion_scores WHERE assignment_id = :a "
                                         "ORDER BY criterion_id",
                          soci::use(assignment_id), soci::into(criterion), soci::into(level));
    st.execute();
    while (st.fetch()) scores.emplace_back(criterion, level);
    return scores;
}

} // namespace

Result<void> fill_achievement_facts(const app::App& app, soci::session& sql, const std::string& version_id,
                                    const std::string& locale, AwardFacts& facts) {
    auto version = TRY(catalog::load_version(sql, version_id));
    facts.locale = locale == "es" && !version.content.title.es.empty() ? "es" : "en";
    std::string code, title_en, title_es, fw_slug, fw_en, fw_es;
    sql << "SELECT c.code, c.title_en, c.title_es, f.slug, f.title_en, f.title_es FROM competencies c "
           "JOIN competency_areas a ON a.id = c.area_id JOIN frameworks f ON f.id = a.framework_id WHERE c.id = :c",
        soci::use(version.competency_id), soci::into(code), soci::into(title_en), soci::into(title_es),
        soci::into(fw_slug), soci::into(fw_en), soci::into(fw_es);
    facts.competency_code = code;
    facts.competency_title = facts.locale == "es" && !title_es.empty() ? title_es : title_en;
    facts.framework_title = facts.locale == "es" && !fw_es.empty() ? fw_es : fw_en;
    facts.competency_url = app.config.base_url + "/api/v1/frameworks/" + fw_slug + "#" + code;
    facts.achievement_id = app.config.base_url + "/achievements/" + version.id;
    facts.content = std::move(version.content);
    return {};
}

Result<std::string> award_submission(app::App& app, soci::session& sql, const std::string& submission_id) {
    auto sub = TRY(load_submission(sql, submission_id));
    int existing = 0;
    sql << "SELECT COUNT(*) FROM awards WHERE submission_id = :s", soci::use(submission_id), soci::into(existing);
    if (existing > 0) return fail(Errc::conflict, "credentials.already_awarded", "submission already awarded");
    auto version = TRY(catalog::load_version(sql, sub.version_id));
    auto scores = decision_scores(sql, submission_id);
    if (!version.content.rubric.passes(scores))
        return fail(Errc::conflict, "credentials.not_demonstrated", "scores do not meet the passing rule");

    AwardFacts facts;
    std::string locale = version.content.title.es.empty() ? "en" : sub.locale;
    TRY(fill_achievement_facts(app, sql, version.id, locale == "es" ? "es" : "en", facts));
    auto issuer = TRY(default_issuer(sql));
    auto key = TRY(active_signing_key(app, sql, issuer.id));
    auto slot = TRY(allocate_status(app, sql, issuer.id));

    auto award_id = new_award_uuid();
    long long now = std::time(nullptr);
    auto issued = std::chrono::sys_seconds{std::chrono::seconds{now}};
    facts.credential_id = "urn:uuid:" + award_id;
    facts.issuer = issuer_facts(app, issuer);
    facts.recipient_name = sub.name;
    facts.recipient_email = sub.email;
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

    sql << "INSERT INTO awards (id, educator_id, submission_id, micro_credential_id, version_id, issuer_id, key_id, "
           "credential, status_list_id, status_list_index, valid_from, issued_at) VALUES (:id, :educator, :sub, :mc, "
           ":version, :issuer, :key, :credential, :list, :idx, :valid_from, :issued)",
        soci::use(award_id), soci::use(sub.educator_id), soci::use(submission_id), soci::use(version.micro_credential_id),
        soci::use(version.id), soci::use(issuer.id), soci::use(key.key_row_id), soci::use(text), soci::use(slot.list_id),
        soci::use(slot.index), soci::use(now), soci::use(now);
    TRY(accounts::notify(app, sql, sub.educator_id, "awarded", {{"title", version.content.title.in(sub.locale)}},
                         "/credentials/" + award_id));
    TRY(app.publish(sql, {"award_issued", sub.educator_id, award_id}));
    return award_id;
}

} // namespace mc::credentials
