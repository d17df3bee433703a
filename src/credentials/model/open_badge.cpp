#include "credentials/model/open_badge.hpp"

#include "credentials/keys/issuer_key.hpp"
#include "platform/crypto/random.hpp"

namespace mc::credentials {

using nlohmann::json;

std::string hashed_identity(const std::string& email, const std::string& salt) {
    return "sha256$" + crypto::sha256_hex(email + salt);
}

json recipient_identifiers(const std::string& email, const std::string& salt, const std::string& name,
                           const std::string& identifier) {
    auto plain = [](const char* type, const std::string& value) {
        return json{{"type", "IdentityObject"}, {"identityType", type}, {"hashed", false}, {"identityHash", value}};
    };
    json out = json::array();
    out.push_back({{"type", "IdentityObject"},
                   {"identityType", "emailAddress"},
                   {"hashed", true},
                   {"identityHash", hashed_identity(email, salt)},
                   {"salt", salt}});
    if (!name.empty()) out.push_back(plain("name", name));
    if (!identifier.empty()) out.push_back(plain("identifier", identifier));
    return out;
}

namespace {

std::string criterion_url(const AwardFacts& f, const std::string& criterion) {
    return f.achievement_id + "#criterion-" + criterion;
}
std::string level_url(const AwardFacts& f, const std::string& criterion, const std::string& level) {
    return f.achievement_id + "#criterion-" + criterion + "-" + level;
}

json result_descriptions(const AwardFacts& f) {
    const auto& rubric = f.content.rubric;
    json out = json::array();
    for (const auto& c : rubric.criteria) {
        json levels = json::array();
        for (const auto& [level_id, descriptor] : c.descriptors) {
            std::string label;
            for (const auto& l : rubric.levels)
                if (l.id == level_id) label = l.label.in(f.locale);
            levels.push_back({{"id", level_url(f, c.id, level_id)},
                              {"type", json::array({"RubricCriterionLevel"})},
                              {"name", label},
                              {"description", descriptor.in(f.locale)}});
        }
        out.push_back({{"id", criterion_url(f, c.id)},
                       {"type", json::array({"ResultDescription"})},
                       {"name", c.title.in(f.locale)},
                       {"resultType", "RubricCriterionLevel"},
                       {"rubricCriterionLevel", levels},
                       {"requiredLevel", level_url(f, c.id, rubric.passing_level)}});
    }
    return out;
}

std::string criteria_narrative(const AwardFacts& f) {
    // The criteria say what an earner showed: the key method, then what assessors judged.
    std::string text = f.content.key_method.in(f.locale);
    for (const auto& c : f.content.rubric.criteria) text += "\n- " + c.title.in(f.locale);
    return text;
}

} // namespace

json build_open_badge_credential(const AwardFacts& f) {
    const auto& content = f.content;
    json achievement{
        {"id", f.achievement_id},
        {"type", json::array({"Achievement"})},
        {"achievementType", "MicroCredential"},
        {"name", content.title.in(f.locale)},
        {"description", content.summary.in(f.locale)},
        {"criteria", {{"id", f.achievement_id + "#criteria"}, {"narrative", criteria_narrative(f)}}},
        {"inLanguage", f.locale},
        {"humanCode", f.competency_code},
        {"alignment", json::array({{{"type", json::array({"Alignment"})},
                                    {"targetName", f.competency_title},
                                    {"targetUrl", f.competency_url},
                                    {"targetCode", f.competency_code},
                                    {"targetFramework", f.framework_title},
                                    {"targetType", "CFItem"}}})},
        {"resultDescription", result_descriptions(f)},
    };
    if (content.credit.college_credit_hours > 0) achievement["creditsAvailable"] = content.credit.college_credit_hours;

    json results = json::array();
    for (const auto& [criterion, level] : f.scores)
        results.push_back({{"type", json::array({"Result"})},
                           {"resultDescription", criterion_url(f, criterion)},
                           {"achievedLevel", level_url(f, criterion, level)}});

    json identifiers = recipient_identifiers(f.recipient_email, f.recipient_salt, f.recipient_name, f.recipient_identifier);

    json credential{
        {"@context", json::array({kVcContextV2, kObContext})},
        {"id", f.credential_id},
        {"type", json::array({"VerifiableCredential", "OpenBadgeCredential"})},
        {"name", content.title.in(f.locale)},
        {"issuer", {{"id", f.issuer.id}, {"type", json::array({"Profile"})}, {"name", f.issuer.name}}},
        {"validFrom", format_utc(f.valid_from)},
        {"credentialSubject",
         {{"type", json::array({"AchievementSubject"})},
          {"identifier", identifiers},
          {"achievement", achievement}}},
        {"evidence", json::array({{{"type", json::array({"Evidence"})},
                                   {"name", content.title.in(f.locale)},
                                   {"narrative", f.evidence_narrative}}})},
    };
    if (!f.issuer.url.empty()) credential["issuer"]["url"] = f.issuer.url;
    if (!f.issuer.email.empty()) credential["issuer"]["email"] = f.issuer.email;
    if (!f.issuer.description.empty()) credential["issuer"]["description"] = f.issuer.description;
    if (f.valid_until) credential["validUntil"] = format_utc(*f.valid_until);
    // Issued without an assessment (bulk issue), there is no rubric result to report.
    if (!results.empty()) credential["credentialSubject"]["result"] = results;
    if (!f.credential_status.is_null()) credential["credentialStatus"] = f.credential_status;
    return credential;
}

} // namespace mc::credentials
