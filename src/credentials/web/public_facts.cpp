#include "credentials/web/public_facts.hpp"

#include <cstdio>
#include <ctime>

namespace mc::credentials {

using nlohmann::json;

namespace {

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

// Exactly one reads singular ("1 CEU"): key_one in the catalogs.
std::string counted(const char* key, double v) { return std::string(key) + (v == 1 ? "_one" : ""); }

std::string passing_label(const catalog::Rubric& rubric, const std::string& locale) {
    for (const auto& level : rubric.levels)
        if (level.id == rubric.passing_level) return level.label.in(locale);
    return rubric.passing_level;
}

} // namespace

std::string credit_line(const app::App& app, const http::Request& req, const catalog::Content& c) {
    std::string line = app.catalog.format(req.locale, counted("credentials.certificate.clock_hours", c.credit.clock_hours),
                                          {{"hours", number(c.credit.clock_hours)}});
    if (c.credit.ceus > 0)
        line += " · " + app.catalog.format(req.locale, counted("credentials.certificate.ceus", c.credit.ceus),
                                           {{"ceus", number(c.credit.ceus)}});
    if (c.credit.college_credit_hours > 0)
        line += " · " + app.catalog.format(req.locale, counted("credentials.certificate.college", c.credit.college_credit_hours),
                                           {{"hours", number(c.credit.college_credit_hours)}});
    return line;
}

std::string demonstrated_sentence(const app::App& app, const http::Request& req, const catalog::Content& c) {
    std::string list;
    for (const auto& criterion : c.rubric.criteria) {
        if (!list.empty()) list += "; ";
        list += criterion.title.in(req.locale);
    }
    return app.catalog.format(req.locale, "credentials.public.demonstrated_sentence", {{"criteria", list}});
}

json public_facts(const app::App& app, const http::Request& req, const catalog::Content& c, const json& credential) {
    json shown = json::array();
    for (const auto& criterion : c.rubric.criteria) shown.push_back(criterion.title.in(req.locale));
    json parts = json::array();
    for (const auto& part : c.parts) parts.push_back(part.title.in(req.locale));
    std::string level = passing_label(c.rubric, req.locale);
    json facts{{"shown", shown},
               {"parts", parts},
               {"passing_label", level},
               {"assessed", app.catalog.format(req.locale, "credentials.public.assessed",
                                               {{"criteria", std::to_string(c.rubric.criteria.size())},
                                                {"level", level}})},
               {"credit_line", credit_line(app, req, c)}};
    // The alignment is what the signed credential itself claims, so the page and the data agree.
    const json* achievement = nullptr;
    if (credential.contains("credentialSubject") && credential["credentialSubject"].is_object() &&
        credential["credentialSubject"].contains("achievement") && credential["credentialSubject"]["achievement"].is_object())
        achievement = &credential["credentialSubject"]["achievement"];
    if (achievement && achievement->contains("alignment") && (*achievement)["alignment"].is_array() &&
        !(*achievement)["alignment"].empty() && (*achievement)["alignment"][0].is_object()) {
        const auto& a = (*achievement)["alignment"][0];
        std::string code = a.value("targetCode", ""), name = a.value("targetName", "");
        facts["area"] = code.empty() ? name : code + " " + name;
        facts["framework"] = a.value("targetFramework", "");
    }
    return facts;
}

json share_links(const app::App& app, const http::Request& req, const std::string& name, const std::string& issuer_name,
                 const std::string& verify_url, const std::string& award_id, long long issued_at) {
    using http::percent_encode;
    std::string text = app.catalog.format(req.locale, "credentials.share.message", {{"name", name}, {"url", verify_url}});
    std::string subject = app.catalog.format(req.locale, "credentials.share.subject", {{"name", name}});
    std::time_t t = static_cast<std::time_t>(issued_at);
    std::tm tm{};
    gmtime_r(&t, &tm);
    return {{"email", "mailto:?subject=" + percent_encode(subject) + "&body=" + percent_encode(text)},
            {"whatsapp", "https://wa.me/?text=" + percent_encode(text)},
            {"linkedin_post", "https://www.linkedin.com/sharing/share-offsite/?url=" + percent_encode(verify_url)},
            {"linkedin_profile", "https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&name=" +
                                     percent_encode(name) + "&organizationName=" + percent_encode(issuer_name) +
                                     "&issueYear=" + std::to_string(tm.tm_year + 1900) +
                                     "&issueMonth=" + std::to_string(tm.tm_mon + 1) + "&certUrl=" +
                                     percent_encode(verify_url) + "&certId=" + percent_encode(award_id)}};
}

} // namespace mc::credentials
