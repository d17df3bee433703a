// What an educator takes away: a printable PDF certificate with a QR code to the public
// verification page, and badge images (PNG, SVG) with the signed credential baked inside, which
// any Open Badges 3.0 verifier (ours at /verify included) can read back.
#include "accounts/roles.hpp"
#include "catalog/version_store.hpp"
#include "credentials/baking/png_bake.hpp"
#include "credentials/baking/svg_bake.hpp"
#include "credentials/certificate/certificate.hpp"
#include "credentials/web/award_store.hpp"
#include "credentials/web/module.hpp"
#include "credentials/web/public_facts.hpp"
#include "platform/dates.hpp"

namespace mc::credentials {

using http::AccessRule;
using http::Request;
using http::Response;

namespace {

Result<AwardRecord> own_award(app::App& app, soci::session& sql, const Request& req) {
    auto award = TRY(find_award(sql, req.param("id")));
    bool admin = (req.principal.roles & accounts::any_admin) != 0;
    if (award.educator_id != req.principal.user_id && !admin)
        return fail(Errc::not_found, "errors.not_found", "award of another educator");
    return award;
}

Response attachment(std::string body, std::string type, const std::string& filename, bool inline_view = false) {
    Response res;
    res.body = std::move(body);
    res.header("Content-Type", std::move(type));
    res.header("Content-Disposition", std::string(inline_view ? "inline" : "attachment") + "; filename=\"" + filename + "\"");
    res.header("Cache-Control", "private, no-store");
    return res;
}

} // namespace

void install_downloads(app::App& app) {
    app::App* self = &app;

    app.router.get("/credentials/{id}/certificate.pdf", AccessRule::signed_in(), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto award = TRY(own_award(*self, *sql, req));
        auto version = TRY(catalog::load_version(*sql, award.version_id));
        const auto& vc = award.credential;
        CertificateFacts f;
        f.locale = req.locale;
        f.recipient_name = award.educator_name;
        f.achievement_name = version.content.title.in(req.locale);
        // What was shown (the criteria met), not the instruction the educator was given ("Show that you...").
        f.achievement_description = demonstrated_sentence(*self, req, version.content);
        auto alignment = vc["credentialSubject"]["achievement"].value("alignment", nlohmann::json::array());
        if (!alignment.empty())
            f.competency = alignment[0].value("targetCode", "") + " " + alignment[0].value("targetName", "");
        f.issuer_name = vc["issuer"].value("name", "");
        f.issued_on = day_of(award.issued_at);
        f.credit_line = credit_line(*self, req, version.content);
        f.verify_url = self->config.base_url + "/verify/" + award.id;
        f.credential_id = vc.value("id", "");
        f.label_title = self->t(req, "credentials.certificate.title");
        f.label_awarded_to = self->t(req, "credentials.certificate.awarded_to");
        f.label_for = self->t(req, "credentials.certificate.for");
        f.label_issued_by = self->t(req, "credentials.certificate.issued_by");
        f.label_issued_on = self->t(req, "credentials.certificate.issued_on");
        f.label_verify = self->t(req, "credentials.certificate.verify");
        auto pdf = TRY(render_certificate_pdf(f));
        return attachment(std::move(pdf), "application/pdf", "certificate-" + award.id + ".pdf", true);
    });

    app.router.get("/credentials/{id}/badge.png", AccessRule::signed_in(), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto award = TRY(own_award(*self, *sql, req));
        BadgeImageFacts f{award.credential.value("name", ""), "", award.credential["issuer"].value("name", "")};
        auto png = TRY(render_badge_png(f));
        auto baked = TRY(bake_png(as_bytes(png), award.credential.dump()));
        return attachment(to_string(baked), "image/png", "badge-" + award.id + ".png");
    });

    // The badge on the public page: the same baked SVG, since the credential it carries is already
    // public at /verify/{id}. A revoked credential keeps its badge; the verdict above it says revoked.
    app.router.get("/verify/{id}/badge.svg", AccessRule::anyone(), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto award = find_award(*sql, req.param("id"));
        if (!award) return fail(Errc::not_found, "credentials.verify.unknown_id", "no award for badge");
        BadgeImageFacts f{award->credential.value("name", ""), "", award->credential["issuer"].value("name", "")};
        auto svg = TRY(bake_svg(render_badge_svg(f), award->credential.dump()));
        Response res;
        res.body = std::move(svg);
        res.header("Content-Type", "image/svg+xml");
        // Scripts in an SVG never run from <img>, and this answer forbids them if opened directly.
        res.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        res.header("Cache-Control", "public, max-age=300");
        return res;
    });

    app.router.get("/credentials/{id}/badge.svg", AccessRule::signed_in(), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto award = TRY(own_award(*self, *sql, req));
        BadgeImageFacts f{award.credential.value("name", ""), "", award.credential["issuer"].value("name", "")};
        auto svg = TRY(bake_svg(render_badge_svg(f), award.credential.dump()));
        return attachment(std::move(svg), "image/svg+xml", "badge-" + award.id + ".svg");
    });
}

} // namespace mc::credentials
