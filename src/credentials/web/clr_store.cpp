#include "credentials/web/clr_store.hpp"

#include <chrono>

#include "credentials/model/clr.hpp"
#include "credentials/proof/default_proof.hpp"
#include "credentials/web/award.hpp"
#include "credentials/web/award_store.hpp"
#include "credentials/web/issuer_store.hpp"
#include "platform/crypto/random.hpp"

namespace mc::credentials {

Result<nlohmann::json> signed_clr_for(app::App& app, soci::session& sql, const std::string& educator_id,
                                      const std::string& locale) {
    ClrFacts facts;
    for (auto& a : awards_of(sql, educator_id))
        if (!a.revoked_at && a.credential.is_object()) facts.credentials.push_back(std::move(a.credential));
    if (facts.credentials.empty())
        return fail(Errc::not_found, "credentials.clr.empty", "educator holds no standing credential");
    std::string name, email;
    sql << "SELECT display_name, email FROM users WHERE id = :id", soci::use(educator_id), soci::into(name),
        soci::into(email);
    if (!sql.got_data()) return fail(Errc::not_found, "errors.not_found", "user " + educator_id);
    auto issuer = TRY(default_issuer(sql));
    auto key = TRY(active_signing_key(app, sql, issuer.id));
    auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    facts.credential_id = "urn:uuid:" + new_award_uuid();
    facts.name = app.catalog.format(locale, "credentials.clr.name", {{"name", name}});
    facts.description = app.catalog.text(locale, "credentials.clr.description");
    facts.issuer = issuer_facts(app, issuer);
    facts.recipient_name = name;
    facts.recipient_email = email;
    facts.recipient_salt = crypto::random_token(12);
    facts.valid_from = now;
    return sign_credential(build_clr_credential(facts), key.key, key.verification_method, now);
}

} // namespace mc::credentials
