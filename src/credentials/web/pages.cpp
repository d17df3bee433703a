// Pages and documents of the credentials domain: the educator's wallet, one credential with
// its share link and downloads, the public verification page (HTML for people, JSON for
// machines), the verify-anything form, and the issuer's published documents.
#include <malloc.h>

#include <spdlog/spdlog.h>

#include "accounts/roles.hpp"
#include "catalog/recommendation_store.hpp"
#include "catalog/recommendation_view.hpp"
#include "catalog/version_store.hpp"
#include "credentials/web/award_store.hpp"
#include "credentials/web/issuer_store.hpp"
#include "credentials/web/module.hpp"
#include "credentials/web/public_facts.hpp"
#include "credentials/web/status_store.hpp"
#include "credentials/web/verifier.hpp"
#include "credentials/web/verify_worker.hpp"
#include "platform/crypto/random.hpp"
#include "platform/dates.hpp"

namespace mc::credentials {

using nlohmann::json;
using http::AccessRule;
using http::Request;
using http::Response;

namespace {

constexpr std::size_t kVerifyBodyLimit = 2u << 20;
constexpr std::size_t kTrimAfterBytes = 256u << 10;

bool is_admin(const Request& req) { return (req.principal.roles & accounts::any_admin) != 0; }

// Credentials and issuer documents are JSON-LD: say so, so wallets pick the right parser.
Response ld_json(const json& doc, int indent = -1) {
    Response res;
    res.body = doc.dump(indent);
    res.header("Content-Type", "application/ld+json");
    return res;
}

// An unknown id on a public link is most often a mistyped or cut-off QR link: say so, not "page not found".
Result<AwardRecord> public_award(soci::session& sql, const std::string& id) {
    auto award = find_award(sql, id);
    if (!award && award.error().code == Errc::not_found)
        return fail(Errc::not_found, "credentials.verify.unknown_id", "no award " + id);
    return award;
}

std::string public_url(const app::App& app, const std::string& award_id) { return app.config.base_url + "/verify/" + award_id; }

json award_card(const app::App& app, const Request& req, const AwardRecord& a) {
    return {{"id", a.id},
            {"name", a.credential.value("name", "")},
            {"issued_on", day_of(a.issued_at)},
            {"revoked", a.revoked_at.has_value()},
            {"status", a.revoked_at ? "revoked" : "valid"},
            {"status_label", app.t(req, a.revoked_at ? "credentials.status.revoked" : "credentials.status.valid")},
            {"educator_name", a.educator_name},
            {"verify_url", public_url(app, a.id)}};
}

// The first thing a reader sees is one of four plain verdicts (issued by this agency / by an
// issuer this agency trusts / signature intact but issuer NOT confirmed / not valid, with why),
// or "not a credential". The trust badge is shown only over an intact signature.
json report_view(const app::App& app, const Request& req, const VerificationReport& r) {
    json problems = json::array();
    for (const auto& p : r.problems) problems.push_back(app.t(req, "credentials.problems." + p));
    json notes = json::array();
    for (const auto& n : r.notes) notes.push_back(app.t(req, "credentials.notes." + n));
    std::string v(verdict_name(r.verdict));
    std::string headline_key = v;
    if (r.verdict == Verdict::valid) headline_key = r.trust == Trust::trusted ? "valid_trusted" : "valid_agency";
    const std::string& who = r.trusted_issuer.empty() ? r.issuer_name : r.trusted_issuer;
    std::string status_key = r.status == StatusCheck::checked ? "status_checked"
                             : r.status == StatusCheck::no_list ? "status_no_list"
                                                                : "status_unknown";
    if (!r.signature_ok) status_key = "status_not_reached";
    return {{"verdict", v},
            {"verdict_" + v, true},
            {"trust", trust_name(r.trust)},
            {"alert_class", r.verdict == Verdict::valid         ? "usa-alert--success"
                            : r.verdict == Verdict::unconfirmed ? "usa-alert--warning"
                                                                : "usa-alert--error"},
            {"headline", app.catalog.format(req.locale, "credentials.verdict." + headline_key, {{"issuer", who}})},
            {"explanation", app.catalog.format(req.locale, "credentials.verdict_explain." + headline_key, {{"issuer", who}})},
            {"not_credential", r.verdict == Verdict::not_a_credential},
            {"signature_ok", r.signature_ok},
            {"trust_agency", r.trust == Trust::agency},
            {"trust_trusted", r.trust == Trust::trusted},
            {"trust_unconfirmed", r.trust == Trust::unconfirmed},
            {"trusted_issuer", r.trusted_issuer},
            {"status_text", app.t(req, "credentials.report." + status_key)},
            {"issuer_name", r.issuer_name.empty() ? r.issuer_id : r.issuer_name},
            {"issuer_id", r.issuer_id},
            {"achievement", r.achievement_name},
            {"recipient", r.recipient_name},
            {"valid_from", r.valid_from.substr(0, 10)},
            {"valid_until", r.valid_until.substr(0, 10)},
            {"revoked_reason", r.revoked_reason},
            {"problems", problems},
            {"has_problems", !problems.empty()},
            {"notes", notes},
            {"has_notes", !notes.empty()}};
}

// The owner or an admin may open a credential's private page; anyone else learns nothing.
Result<AwardRecord> award_for(app::App& app, soci::session& sql, const Request& req) {
    auto award = TRY(find_award(sql, req.param("id")));
    if (award.educator_id != req.principal.user_id && !is_admin(req))
        return fail(Errc::not_found, "errors.not_found", "award of another educator");
    return award;
}

} // namespace

void install_pages(app::App& app) {
    app::App* self = &app;
    auto& r = app.router;

    r.get("/wallet", AccessRule::roles(accounts::educator), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        json cards = json::array();
        for (const auto& a : awards_of(*sql, req.principal.user_id)) cards.push_back(award_card(*self, req, a));
        return self->views->page(req, "credentials/wallet",
                                 {{"title_key", "credentials.wallet.title"}, {"awards", cards}, {"empty", cards.empty()}});
    });

    r.get("/credentials/{id}", AccessRule::signed_in(), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto award = TRY(award_for(*self, *sql, req));
        auto report = verify_document(*self, *sql, award.credential);
        json ctx = award_card(*self, req, award);
        ctx["title"] = award.credential.value("name", "");
        ctx["report"] = report_view(*self, req, report);
        ctx["credential_json"] = award.credential.dump(2);
        ctx["revoked_reason"] = award.revoked_reason;
        // What colleges are advised to grant for it (issue 11 section 5).
        if (auto version = catalog::load_version(*sql, award.version_id))
            ctx.update(catalog::recommendations_view(
                *self, req.locale, catalog::recommendations_for(*sql, catalog::kMicroCredential, version->slug),
                day_of(std::time(nullptr))));
        // A revoked credential is not offered for sharing: its public page would only say "revoked".
        if (!award.revoked_at)
            ctx["share"] = share_links(*self, req, award.credential.value("name", ""),
                                       award.credential.contains("issuer") && award.credential["issuer"].is_object()
                                           ? award.credential["issuer"].value("name", "")
                                           : "",
                                       public_url(*self, award.id), award.id, award.issued_at);
        return self->views->page(req, "credentials/credential", ctx);
    });

    r.get("/credentials/{id}/credential.json", AccessRule::signed_in(), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto award = TRY(award_for(*self, *sql, req));
        auto res = Response::json(award.credential.dump(2));
        res.header("Content-Disposition", "attachment; filename=\"credential-" + award.id + ".json\"");
        return res;
    });

    // Public: anyone holding the link sees whether the credential stands, and what it stands for.
    r.get("/verify/{id}", AccessRule::anyone(), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto award = TRY(public_award(*sql, req.param("id")));
        if (req.wants_json()) {
            return ld_json(award.credential);
        }
        auto report = verify_document(*self, *sql, award.credential);
        json ctx = award_card(*self, req, award);
        ctx["title"] = self->t(req, "credentials.verify.title");
        ctx["report"] = report_view(*self, req, report);
        ctx["json_url"] = "/verify/" + award.id + "/credential.jsonld";
        // The facts come from the catalog version the award was made under; the badge is shown
        // only over an intact signature, as the trust badge is.
        if (auto version = catalog::load_version(*sql, award.version_id)) {
            ctx["facts"] = public_facts(*self, req, version->content, award.credential);
            if (report.signature_ok) ctx["facts"]["badge_url"] = "/verify/" + award.id + "/badge.svg";
        }
        return self->views->page(req, "credentials/verify_result", ctx);
    });

    // The same credential for software, whatever the link's Accept header (a plain click sends text/html).
    r.get("/verify/{id}/credential.jsonld", AccessRule::anyone(), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto award = TRY(public_award(*sql, req.param("id")));
        return ld_json(award.credential, 2);
    });

    r.get("/verify", AccessRule::anyone(), [self](Request& req) -> Result<Response> {
        return self->views->page(req, "credentials/verify_form", {{"title_key", "credentials.verify.check_title"}});
    });

    // Paste or drop a credential (JSON text, or a baked PNG/SVG sent base64 by the page's script).
    auto& check = r.post("/verify", AccessRule::anyone(), [self](Request& req) -> Result<Response> {
        std::string input = req.form_value("credential");
        auto image = req.form_value("image_base64");
        if (!image.empty()) {
            auto bytes = crypto::base64url_decode(image);
            if (!bytes) return fail(Errc::bad_input, "credentials.problems.malformed", "bad image encoding");
            input = *bytes;
        }
        auto sql = self->db->lease();
        // Checked in a worker process: whatever these bytes do to the parsers, only this request
        // is answered "we could not check this file" (422), or "busy" (503) when no worker is free.
        auto checked = verify_input_isolated(*self, *sql, input);
        if (!checked) {
            const auto& failure = checked.error();
            bool busy = failure.kind == process::Failure::busy;
            spdlog::warn("verify: worker {}: {} ({} bytes)",
                         busy ? "busy" : failure.kind == process::Failure::timed_out ? "timed out" : "crashed",
                         failure.detail, input.size());
            std::string key = busy ? "credentials.verify.checker_busy" : "credentials.verify.could_not_check";
            int status = http_status(busy ? Errc::unavailable : Errc::invalid);
            std::string message = self->t(req, key);
            if (req.wants_json())
                return Response::json(json{{"error", {{"code", key}, {"message", message}, {"status", status}}}}.dump(),
                                      status);
            return self->views->page(req, "credentials/verify_form",
                                     {{"title_key", "credentials.verify.check_title"},
                                      {"could_not_check", message},
                                      {"credential", req.form_value("credential")}},
                                     status);
        }
        auto& report = *checked;
        // A large paste leaves its parse tree's memory in malloc's free lists, where it stayed
        // (six 4.4 MB posts held 750 MB); hand it back to the system after big inputs only.
        if (input.size() + req.body.size() > kTrimAfterBytes) {
            input.clear();
            input.shrink_to_fit();
            ::malloc_trim(0);
        }
        if (req.wants_json()) return Response::json(report_json(report).dump(), 200);
        return self->views->page(req, "credentials/verify_form",
                                 {{"title_key", "credentials.verify.check_title"},
                                  {"report", report_view(*self, req, report)},
                                  {"checked", true},
                                  {"credential", req.form_value("credential")}});
    });
    // A baked badge (base64 in the form) or a pasted credential: a credential is at most 1 MiB
    // (kCredentialJsonLimits), a badge image well under 1 MiB. Larger bodies get 413 unread.
    check.body_limit = kVerifyBodyLimit;

    r.get("/issuers/{id}", AccessRule::anyone(), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto issuer = TRY(find_issuer(*sql, req.param("id")));
        auto doc = issuer_profile_document(*self, *sql, issuer);
        if (req.wants_json() || req.header("accept").empty()) {
            return ld_json(doc, 2);
        }
        json keys = json::array();
        for (const auto& k : published_keys(*self, *sql, issuer.id))
            keys.push_back({{"id", k.verification_method}, {"retired", k.retired}});
        return self->views->page(req, "credentials/issuer",
                                 {{"title", issuer.name}, {"issuer", {{"name", issuer.name}, {"url", issuer.url},
                                  {"email", issuer.email}, {"description", issuer.description}}}, {"keys", keys}});
    });

    r.get("/status/{id}", AccessRule::anyone(), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto list = TRY(signed_status_list(*self, *sql, req.param("id")));
        auto res = ld_json(list);
        res.header("Cache-Control", "public, max-age=300");
        return res;
    });

    // Achievement ids resolve: machines get the Achievement, people the catalog page.
    r.get("/achievements/{version}", AccessRule::anyone(), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto version = TRY(catalog::load_version(*sql, req.param("version")));
        if (version.status == "draft") return fail(Errc::not_found, "errors.not_found", "draft achievement");
        if (!req.wants_json()) return Response::redirect("/catalog/" + version.slug, 302);
        const auto& c = version.content;
        json achievement{{"@context", json::array({"https://www.w3.org/ns/credentials/v2",
                                                   "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"})},
                         {"id", self->config.base_url + "/achievements/" + version.id},
                         {"type", json::array({"Achievement"})},
                         {"achievementType", "MicroCredential"},
                         {"name", c.title.in(req.locale)},
                         {"description", c.summary.in(req.locale)},
                         {"criteria", {{"narrative", c.key_method.in(req.locale)}}}};
        return Response::json(achievement.dump(2));
    });
}

} // namespace mc::credentials
