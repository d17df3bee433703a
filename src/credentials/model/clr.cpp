#include "credentials/model/clr.hpp"

#include <set>

#include "credentials/keys/issuer_key.hpp"
#include "credentials/model/open_badge.hpp"

namespace mc::credentials {

using nlohmann::json;

json build_clr_credential(const ClrFacts& f) {
    json achievements = json::array();
    json credentials = json::array();
    std::set<std::string> seen;
    for (const auto& vc : f.credentials) {
        credentials.push_back(vc);
        if (!vc.contains("credentialSubject") || !vc["credentialSubject"].is_object()) continue;
        const auto& subject = vc["credentialSubject"];
        if (!subject.contains("achievement") || !subject["achievement"].is_object()) continue;
        const auto& achievement = subject["achievement"];
        std::string id = achievement.value("id", "");
        if (id.empty() || seen.insert(id).second) achievements.push_back(achievement);
    }

    json identifiers = recipient_identifiers(f.recipient_email, f.recipient_salt, f.recipient_name);

    json issuer{{"id", f.issuer.id}, {"type", json::array({"Profile"})}, {"name", f.issuer.name}};
    if (!f.issuer.url.empty()) issuer["url"] = f.issuer.url;
    if (!f.issuer.email.empty()) issuer["email"] = f.issuer.email;

    json clr{{"@context", json::array({kVcContextV2, kClrContext, kObContext})},
             {"id", f.credential_id},
             {"type", json::array({"VerifiableCredential", "ClrCredential"})},
             {"name", f.name},
             {"issuer", issuer},
             {"validFrom", format_utc(f.valid_from)},
             {"credentialSubject",
              {{"type", json::array({"ClrSubject"})},
               {"identifier", identifiers},
               {"achievement", achievements},
               {"verifiableCredential", credentials}}}};
    if (!f.description.empty()) clr["description"] = f.description;
    return clr;
}

} // namespace mc::credentials
