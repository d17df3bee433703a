// Award, verification and revocation through the real database and router: a submission
// judged "Demonstrated" becomes a signed OB 3.0 credential that our verifier and an
// independent one (the interop tool, when installed) both accept.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "credentials/proof/default_proof.hpp"
#include "credentials/web/award.hpp"
#include "credentials/web/award_store.hpp"
#include "credentials/web/module.hpp"
#include "credentials/web/verifier.hpp"
#include "platform/crypto/random.hpp"
#include "platform/db/database.hpp"
#include "platform/http/http.hpp"
#include "tests/credentials/web/interop.hpp"
#include "tests/support/test_app.hpp"
#include "mc_source_dir.hpp"

using mc::testing::TestApp;
using mc::testing::run_interop;
using nlohmann::json;

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// Rows an award needs: an educator, the demo framework's competency, a published version
// of a demo micro-credential, a submission, an assignment with passing scores.
struct Fixture {
    std::string educator_id = mc::crypto::new_id();
    std::string submission_id = mc::crypto::new_id();
    std::string assignment_id = mc::crypto::new_id();
    mc::credentials::RubricScores scores; // what the assessor scored, as assessment passes them in

    explicit Fixture(TestApp& t, bool passing = true) {
        auto sql = t.app().db->lease();
        auto doc = json::parse(read_file(std::string(MC_SOURCE_DIR) +
                                         "/web/demo/catalog/micro-credentials/06-responsive-serve-and-return.json"));
        long long now = std::time(nullptr);
        std::string fw = mc::crypto::new_id(), area = mc::crypto::new_id(), comp = mc::crypto::new_id();
        std::string mcid = mc::crypto::new_id(), version = mc::crypto::new_id(), enrollment = mc::crypto::new_id();
        std::string content = doc["content"].dump(), slug = "serve-return-" + mcid;
        // SOCI runs the statement when the whole expression ends, after temporaries made inside it
        // are gone: every bound value must be a named variable that outlives the statement.
        std::string email = educator_id + "@example.test", fw_slug = "fw-" + fw, comp_code = "INT-1-" + comp;
        *sql << "INSERT INTO users (id, email, password_hash, display_name, roles, locale, created_at, updated_at) "
                "VALUES (:id, :email, 'x', 'Ana Torres', 1, 'en', :n, :n2)",
            soci::use(educator_id), soci::use(email), soci::use(now), soci::use(now);
        *sql << "INSERT INTO frameworks (id, slug, title_en, title_es, created_at) VALUES (:i, :s, 'ECE core', 'Núcleo', :n)",
            soci::use(fw), soci::use(fw_slug), soci::use(now);
        *sql << "INSERT INTO competency_areas (id, framework_id, position, code, title_en, title_es) "
                "VALUES (:i, :f, 6, 'INT', 'Interactions', 'Interacciones')",
            soci::use(area), soci::use(fw);
        *sql << "INSERT INTO competencies (id, area_id, code, title_en, title_es) VALUES (:i, :a, :c, "
                "'Responsive, language-rich interactions', 'Interacciones receptivas')",
            soci::use(comp), soci::use(area), soci::use(comp_code);
        *sql << "INSERT INTO micro_credentials (id, slug, competency_id, created_at) VALUES (:i, :s, :c, :n)",
            soci::use(mcid), soci::use(slug), soci::use(comp), soci::use(now);
        *sql << "INSERT INTO micro_credential_versions (id, micro_credential_id, version, status, content, created_at, "
                "published_at) VALUES (:i, :m, 1, 'published', :c, :n, :n2)",
            soci::use(version), soci::use(mcid), soci::use(content), soci::use(now), soci::use(now);
        *sql << "INSERT INTO enrollments (id, educator_id, micro_credential_id, version_id, status, created_at) "
                "VALUES (:i, :e, :m, :v, 'active', :n)",
            soci::use(enrollment), soci::use(educator_id), soci::use(mcid), soci::use(version), soci::use(now);
        *sql << "INSERT INTO submissions (id, enrollment_id, educator_id, version_id, attempt, status, created_at, "
                "updated_at) VALUES (:i, :en, :e, :v, 1, 'in_review', :n, :n2)",
            soci::use(submission_id), soci::use(enrollment), soci::use(educator_id), soci::use(version), soci::use(now),
            soci::use(now);
        *sql << "INSERT INTO assignments (id, submission_id, assessor_id, status, assigned_at) "
                "VALUES (:i, :s, :a, 'completed', :n)",
            soci::use(assignment_id), soci::use(submission_id), soci::use(educator_id), soci::use(now);
        bool first = true;
        for (const auto& c : doc["content"]["rubric"]["criteria"]) {
            std::string level = passing || !first ? "demonstrated" : "not_yet";
            first = false;
            std::string cid = c["id"];
            scores.emplace_back(cid, level);
            *sql << "INSERT INTO criterion_scores (assignment_id, criterion_id, level_id, updated_at) "
                    "VALUES (:a, :c, :l, :n)",
                soci::use(assignment_id), soci::use(cid), soci::use(level), soci::use(now);
        }
    }
};

// Text as the page's templates escape it (mustache: ' is &apos;).
std::string as_page_text(const std::string& s) {
    std::string out;
    for (char ch : s) {
        switch (ch) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        default: out += ch;
        }
    }
    return out;
}

std::string award(TestApp& t, const Fixture& f) {
    auto sql = t.app().db->lease();
    mc::db::WriteTx tx(*sql);
    auto id = mc::credentials::award_submission(t.app(), *sql, f.submission_id, f.scores);
    EXPECT_TRUE(id) << (id ? "" : id.error().detail);
    tx.commit();
    return id ? *id : "";
}

} // namespace

TEST(Award, IssuesASignedOpenBadgeThatVerifies) {
    TestApp t(true, false);
    ASSERT_TRUE(mc::credentials::seed_demo(t.app()));
    Fixture f(t);
    auto id = award(t, f);
    auto sql = t.app().db->lease();
    auto record = mc::credentials::find_award(*sql, id);
    ASSERT_TRUE(record);
    const auto& vc = record->credential;
    EXPECT_EQ(vc["type"][1], "OpenBadgeCredential");
    EXPECT_EQ(vc["proof"]["cryptosuite"], "eddsa-rdfc-2022");
    EXPECT_EQ(vc["credentialSubject"]["achievement"]["achievementType"], "MicroCredential");
    EXPECT_EQ(vc["credentialSubject"]["result"].size(), vc["credentialSubject"]["achievement"]["resultDescription"].size());
    // The recipient's email only travels hashed; no evidence file is referenced.
    EXPECT_EQ(vc.dump().find(f.educator_id + "@example.test"), std::string::npos);
    EXPECT_EQ(vc.dump().find("/evidence/files/"), std::string::npos);

    auto report = mc::credentials::verify_document(t.app(), *sql, vc);
    EXPECT_EQ(report.verdict, mc::credentials::Verdict::valid);
    EXPECT_TRUE(report.issuer_known);
    EXPECT_TRUE(report.status_checked);
    EXPECT_EQ(report.recipient_name, "Ana Torres");

    // A single changed character breaks the signature.
    auto tampered = vc;
    tampered["credentialSubject"]["achievement"]["name"] = "Something else";
    EXPECT_EQ(mc::credentials::verify_document(t.app(), *sql, tampered).verdict, mc::credentials::Verdict::invalid);

    // A second award for the same attempt is refused.
    mc::db::WriteTx tx(*sql);
    auto again = mc::credentials::award_submission(t.app(), *sql, f.submission_id, f.scores);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, mc::Errc::conflict);
}

// Regression: a stranger's did:key must not be able to sign in the name of a real agency.
TEST(Award, ForeignIssuerNeedsItsOwnKey) {
    TestApp t(true, false);
    ASSERT_TRUE(mc::credentials::seed_demo(t.app()));
    Fixture f(t);
    auto id = award(t, f);
    auto sql = t.app().db->lease();
    auto unsigned_vc = mc::credentials::find_award(*sql, id)->credential;
    unsigned_vc.erase("proof");
    unsigned_vc.erase("credentialStatus");
    unsigned_vc["issuer"]["id"] = "https://agency.example/issuers/real-agency";
    auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    auto key = mc::credentials::generate_issuer_key(mc::credentials::KeyAlgorithm::ed25519, "k", now);
    ASSERT_TRUE(key);
    auto mb = *mc::credentials::public_key_multibase(key->public_part());
    auto forged = mc::credentials::sign_credential(unsigned_vc, *key, "did:key:" + mb + "#" + mb, now);
    ASSERT_TRUE(forged) << forged.error().detail;
    // A did:key is its own key, so the signature is checked (issuers in the field sign this way),
    // but it cannot speak for the agency it names: never valid, the issuer not confirmed.
    auto report = mc::credentials::verify_document(t.app(), *sql, *forged);
    EXPECT_TRUE(report.signature_ok);
    EXPECT_EQ(report.verdict, mc::credentials::Verdict::unconfirmed);
    EXPECT_EQ(report.trust, mc::credentials::Trust::unconfirmed);
    EXPECT_FALSE(report.issuer_known);
    EXPECT_NE(std::find(report.notes.begin(), report.notes.end(), "did_key"), report.notes.end());
    // Naming our own issuer id, a did:key that is not one of our registered keys is not valid.
    auto ours = mc::credentials::find_award(*sql, id)->credential;
    ours.erase("proof");
    auto as_us = mc::credentials::sign_credential(ours, *key, "did:key:" + mb + "#" + mb, now);
    ASSERT_TRUE(as_us);
    auto refused = mc::credentials::verify_document(t.app(), *sql, *as_us);
    EXPECT_FALSE(refused.signature_ok);
    EXPECT_EQ(refused.verdict, mc::credentials::Verdict::invalid);
    // Signed with a key under that issuer's own id, the signature holds, but anyone can write
    // such a method: the issuer is not confirmed, so the credential is not called valid.
    auto own = mc::credentials::sign_credential(unsigned_vc, *key, "https://agency.example/issuers/real-agency#" + mb, now);
    ASSERT_TRUE(own);
    auto ok = mc::credentials::verify_document(t.app(), *sql, *own);
    EXPECT_TRUE(ok.signature_ok);
    EXPECT_EQ(ok.verdict, mc::credentials::Verdict::unconfirmed);
    EXPECT_EQ(ok.trust, mc::credentials::Trust::unconfirmed);
    EXPECT_FALSE(ok.issuer_known);
}

TEST(Award, RefusesScoresBelowThePassingLevel) {
    TestApp t(true, false);
    ASSERT_TRUE(mc::credentials::seed_demo(t.app()));
    Fixture f(t, false);
    auto sql = t.app().db->lease();
    mc::db::WriteTx tx(*sql);
    auto id = mc::credentials::award_submission(t.app(), *sql, f.submission_id, f.scores);
    ASSERT_FALSE(id);
    EXPECT_EQ(id.error().code, mc::Errc::conflict);
}

TEST(Award, PublicVerificationPageAndRevocation) {
    TestApp t(true, false);
    ASSERT_TRUE(mc::credentials::seed_demo(t.app()));
    Fixture f(t);
    auto id = award(t, f);
    auto c = t.client();
    auto page = c.get("/verify/" + id);
    EXPECT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("data-verdict=\"valid\""), std::string::npos);
    auto es = c.get("/verify/" + id, {{"accept-language", "es"}});
    EXPECT_NE(es.body.find("Esta credencial es válida"), std::string::npos);
    auto machine = c.get("/verify/" + id, {{"accept", "application/ld+json"}});
    EXPECT_EQ(machine.header_value("Content-Type"), "application/ld+json");
    EXPECT_TRUE(json::parse(machine.body).contains("proof"));
    EXPECT_EQ(c.get("/verify/unknown-id").status, 404);

    // Issuer profile and status list are published and signed.
    auto sql = t.app().db->lease();
    auto record = mc::credentials::find_award(*sql, id);
    std::string issuer_path = record->credential["issuer"]["id"].get<std::string>().substr(t.app().config.base_url.size());
    auto profile = json::parse(c.get(issuer_path, {{"accept", "application/json"}}).body);
    EXPECT_EQ(profile["verificationMethod"][0]["type"], "Multikey");
    std::string list_url = record->credential["credentialStatus"]["statusListCredential"];
    auto list = json::parse(c.get(list_url.substr(t.app().config.base_url.size())).body);
    EXPECT_EQ(list["credentialSubject"]["type"], "BitstringStatusList");

    {
        mc::db::WriteTx tx(*sql);
        ASSERT_TRUE(mc::credentials::revoke_award(t.app(), *sql, id, f.educator_id, "Issued in error"));
        tx.commit();
    }
    auto revoked = c.get("/verify/" + id);
    EXPECT_NE(revoked.body.find("data-verdict=\"revoked\""), std::string::npos);
    EXPECT_NE(revoked.body.find("Issued in error"), std::string::npos);

    // The paste form gives the same verdict.
    auto pasted = c.post("/verify", {{"credential", record->credential.dump()}});
    EXPECT_EQ(pasted.status, 200);
    EXPECT_NE(pasted.body.find("data-verdict=\"revoked\""), std::string::npos);
    auto garbage = c.post("/verify", {{"credential", "{not json"}});
    EXPECT_NE(garbage.body.find("data-verdict=\"not_a_credential\""), std::string::npos);
}

// An employer reads on the public page what the credential stands for: the criteria met (not the
// instruction given), how it was assessed, hours, competency area, the badge; in both languages.
TEST(Award, PublicPageSaysWhatWasShownAndHowItWasAssessed) {
    TestApp t(true, false);
    ASSERT_TRUE(mc::credentials::seed_demo(t.app()));
    Fixture f(t);
    auto id = award(t, f);
    auto doc = json::parse(read_file(std::string(MC_SOURCE_DIR) +
                                     "/web/demo/catalog/micro-credentials/06-responsive-serve-and-return.json"));
    const auto& content = doc["content"];
    auto c = t.client();
    auto page = c.get("/verify/" + id);
    ASSERT_EQ(page.status, 200);
    for (const auto& criterion : content["rubric"]["criteria"]) {
        std::string title = as_page_text(criterion["title"]["en"].get<std::string>());
        EXPECT_NE(page.body.find("<li>" + title + "</li>"), std::string::npos) << title;
    }
    for (const auto& part : content["parts"]) {
        std::string title = as_page_text(part["title"]["en"].get<std::string>());
        EXPECT_NE(page.body.find(title), std::string::npos) << title;
    }
    std::string summary = content["summary"]["en"];
    EXPECT_EQ(page.body.find(summary.substr(0, 40)), std::string::npos) << "the instruction is not what was shown";
    std::string n = std::to_string(content["rubric"]["criteria"].size());
    EXPECT_NE(page.body.find("against a rubric of " + n + " criteria"), std::string::npos);
    double hours = content["credit"]["clock_hours"];
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g clock hours", hours);
    EXPECT_NE(page.body.find(buf), std::string::npos) << buf;
    EXPECT_NE(page.body.find("Responsive, language-rich interactions"), std::string::npos) << "competency area";
    EXPECT_NE(page.body.find("src=\"/verify/" + id + "/badge.svg\""), std::string::npos);
    EXPECT_NE(page.body.find("data-print hidden"), std::string::npos);

    auto es = c.get("/verify/" + id, {{"accept-language", "es"}});
    std::string first_es = as_page_text(content["rubric"]["criteria"][0]["title"]["es"].get<std::string>());
    EXPECT_NE(es.body.find("<li>" + first_es + "</li>"), std::string::npos) << first_es;
    EXPECT_NE(es.body.find("Cómo se evaluó"), std::string::npos);

    // The badge is the baked credential, an SVG any verifier reads back; scripts forbidden if opened alone.
    auto badge = c.get("/verify/" + id + "/badge.svg");
    EXPECT_EQ(badge.status, 200);
    EXPECT_EQ(badge.header_value("Content-Type"), "image/svg+xml");
    EXPECT_NE(badge.header_value("Content-Security-Policy").find("default-src 'none'"), std::string::npos);
    EXPECT_NE(badge.body.find("urn:uuid:" + id), std::string::npos);

    // No evidence of the educator's (answers or files) is on the public page.
    EXPECT_EQ(page.body.find("/evidence/files/"), std::string::npos);
}

TEST(Award, UnknownIdSaysSoAndTheMachineLinkIsJson) {
    TestApp t(true, false);
    ASSERT_TRUE(mc::credentials::seed_demo(t.app()));
    Fixture f(t);
    auto id = award(t, f);
    auto c = t.client();
    auto unknown = c.get("/verify/0f5c-not-an-award");
    EXPECT_EQ(unknown.status, 404);
    EXPECT_NE(unknown.body.find("No credential has this id"), std::string::npos);
    auto unknown_es = c.get("/verify/0f5c-not-an-award", {{"accept-language", "es"}});
    EXPECT_NE(unknown_es.body.find("Ninguna credencial tiene este identificador"), std::string::npos);
    EXPECT_EQ(c.get("/verify/0f5c-not-an-award/badge.svg").status, 404);
    EXPECT_EQ(c.get("/verify/0f5c-not-an-award/credential.jsonld").status, 404);

    // The page's link is followed by a browser with Accept: text/html and still gets JSON-LD.
    auto page = c.get("/verify/" + id);
    std::string link = "/verify/" + id + "/credential.jsonld";
    EXPECT_NE(page.body.find("href=\"" + link + "\""), std::string::npos);
    auto machine = c.get(link, {{"accept", "text/html,application/xhtml+xml"}});
    EXPECT_EQ(machine.status, 200);
    EXPECT_EQ(machine.header_value("Content-Type"), "application/ld+json");
    auto vc = json::parse(machine.body);
    EXPECT_EQ(vc["id"], "urn:uuid:" + id);
    EXPECT_TRUE(vc.contains("proof"));
}

// Signed-in client for the award's educator: a session row as the accounts gate reads it.
static TestApp::Client educator_client(TestApp& t, const std::string& user_id) {
    auto c = t.client();
    std::string token = mc::crypto::random_token(32), csrf = mc::crypto::random_token(24);
    long long now = std::time(nullptr), expires = now + 3600;
    std::string token_hash = mc::crypto::sha256_hex(token);
    auto sql = t.app().db->lease();
    *sql << "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) "
            "VALUES (:h, :u, :c, :n, :n2, :e)",
        soci::use(token_hash), soci::use(user_id), soci::use(csrf), soci::use(now), soci::use(now),
        soci::use(expires);
    c.cookies["mc_session"] = token;
    c.get("/wallet"); // as a browser would: the anonymous CSRF cookie handed out, then the page's own token
    EXPECT_EQ(c.csrf, csrf) << "the signed-in page carries the session's CSRF token";
    return c;
}

// The educator shares from her credential's page: email, WhatsApp, LinkedIn (post and "Add to
// profile" with the certification filled in), each carrying only the public link and the name.
TEST(Award, CredentialPageOffersShareLinks) {
    TestApp t(true, false);
    ASSERT_TRUE(mc::credentials::seed_demo(t.app()));
    Fixture f(t);
    auto id = award(t, f);
    auto c = educator_client(t, f.educator_id);
    auto page = c.get("/credentials/" + id);
    ASSERT_EQ(page.status, 200);
    std::string encoded_url = mc::http::percent_encode(t.app().config.base_url + "/verify/" + id);
    EXPECT_NE(page.body.find("href=\"https://wa.me/?text="), std::string::npos);
    EXPECT_NE(page.body.find("data-share=\"email\" href=\"mailto:?subject="), std::string::npos);
    EXPECT_NE(page.body.find("https://www.linkedin.com/sharing/share-offsite/?url=" + encoded_url), std::string::npos);
    auto at = page.body.find("https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&amp;name=");
    ASSERT_NE(at, std::string::npos);
    std::string profile = page.body.substr(at, page.body.find('"', at) - at);
    EXPECT_NE(profile.find("certUrl=" + encoded_url), std::string::npos) << profile;
    EXPECT_NE(profile.find("certId=" + id), std::string::npos) << profile;
    EXPECT_NE(profile.find("organizationName="), std::string::npos) << profile;
    EXPECT_NE(page.body.find("data-copy=\"share-link\""), std::string::npos);
    // Nothing private in the links: no email address, no evidence.
    EXPECT_EQ(profile.find("%40"), std::string::npos);

    // A revoked credential is not offered for sharing.
    {
        auto sql = t.app().db->lease();
        mc::db::WriteTx tx(*sql);
        ASSERT_TRUE(mc::credentials::revoke_award(t.app(), *sql, id, f.educator_id, "Issued in error"));
        tx.commit();
    }
    EXPECT_EQ(c.get("/credentials/" + id).body.find("data-share="), std::string::npos);
}

TEST(Award, CertificateAndBakedBadgesForTheOwnerOnly) {
    TestApp t(true, false);
    ASSERT_TRUE(mc::credentials::seed_demo(t.app()));
    Fixture f(t);
    auto id = award(t, f);
    auto c = educator_client(t, f.educator_id);
    auto pdf = c.get("/credentials/" + id + "/certificate.pdf");
    // A 303 here is the sign-in redirect: the owner's session was not honoured (a regression).
    ASSERT_EQ(pdf.status, 200) << pdf.body;
    EXPECT_TRUE(pdf.body.starts_with("%PDF-"));
    auto png = c.get("/credentials/" + id + "/badge.png");
    ASSERT_EQ(png.status, 200);
    auto svg = c.get("/credentials/" + id + "/badge.svg");
    ASSERT_EQ(svg.status, 200);
    // The baked image verifies through the public form, like a file an employer drops in
    // (opened first, as a browser does: the page carries the form's session-bound token).
    ASSERT_EQ(c.get("/verify").status, 200);
    auto checked = c.post("/verify", {{"image_base64", mc::crypto::base64url_encode(png.body)}});
    EXPECT_NE(checked.body.find("data-verdict=\"valid\""), std::string::npos);
    auto checked_svg = c.post("/verify", {{"credential", svg.body}});
    EXPECT_NE(checked_svg.body.find("data-verdict=\"valid\""), std::string::npos);
    // Someone else signed in learns nothing.
    Fixture other(t);
    auto stranger = educator_client(t, other.educator_id);
    EXPECT_EQ(stranger.get("/credentials/" + id + "/certificate.pdf").status, 404);
    EXPECT_EQ(stranger.get("/credentials/" + id).status, 404);
    EXPECT_EQ(t.client().get("/credentials/" + id + "/badge.png").status, 303); // anonymous: sign in first
}

// The interop tool (other people's libraries) cannot check credentialStatus: it has no status
// checker. So for credentials it must pass its signature-only check, and its full check may fail
// only for that reason; our status-list credential (which has no status itself) must pass fully.
TEST(Award, IndependentVerifierAcceptsOurCredential) {
    const char* interop = std::getenv("MICROCRED_INTEROP");
    if (!interop || !*interop) GTEST_SKIP() << "MICROCRED_INTEROP (path to the interop verify.mjs) not set";
    TestApp t(true, false);
    ASSERT_TRUE(mc::credentials::seed_demo(t.app()));
    Fixture f(t);
    auto id = award(t, f);
    auto sql = t.app().db->lease();
    auto record = mc::credentials::find_award(*sql, id);
    auto dir = std::filesystem::temp_directory_path() / ("interop-" + id);
    std::filesystem::create_directories(dir);
    auto credential_file = (dir / "credential.json").string();
    std::ofstream(credential_file) << record->credential.dump(2);
    auto run = run_interop(interop, credential_file);
    ASSERT_EQ(run.exit_status, 0) << run.output;
    const auto& out = run.output;
    EXPECT_TRUE(run.has("[sig-only] " + credential_file + ": verified=true")) << out;
    auto full = out.substr(0, out.find("[sig-only]"));
    EXPECT_TRUE(full.find("verified=true") != std::string::npos || full.find("checkStatus") != std::string::npos)
        << out;

    auto c = t.client();
    std::string list_url = record->credential["credentialStatus"]["statusListCredential"];
    auto list_file = (dir / "status-list.json").string();
    std::ofstream(list_file) << c.get(list_url.substr(t.app().config.base_url.size())).body;
    auto list_run = run_interop(interop, list_file);
    ASSERT_EQ(list_run.exit_status, 0) << list_run.output;
    EXPECT_TRUE(list_run.has(list_file + ": verified=true")) << list_run.output;

    // A tampered credential is refused by the other implementation too.
    auto tampered = record->credential;
    tampered["name"] = "Forged";
    auto forged_file = (dir / "forged.json").string();
    std::ofstream(forged_file) << tampered.dump(2);
    auto forged = run_interop(interop, forged_file);
    ASSERT_EQ(forged.exit_status, 0) << forged.output;
    // Refused in so many words, by both checks: silence would also mean "never ran".
    EXPECT_TRUE(forged.has(forged_file + ": verified=false")) << forged.output;
    EXPECT_TRUE(forged.has("[sig-only] " + forged_file + ": verified=false")) << forged.output;
    EXPECT_FALSE(forged.has("verified=true")) << forged.output;
    std::filesystem::remove_all(dir);
}

// The certificate says what the educator showed (the criteria met), not the instruction she was
// given ("Show that you notice..."), which read as if the certificate asked her to do it.
TEST(Award, CertificateSaysWhatWasShown) {
    if (std::system("command -v pdftotext >/dev/null 2>&1") != 0)
        GTEST_SKIP() << "pdftotext (poppler-utils) not installed: the certificate text was not read";
    TestApp t(true, false);
    ASSERT_TRUE(mc::credentials::seed_demo(t.app()));
    Fixture f(t);
    auto id = award(t, f);
    auto c = educator_client(t, f.educator_id);
    auto pdf = c.get("/credentials/" + id + "/certificate.pdf");
    ASSERT_EQ(pdf.status, 200);
    std::string path = ::testing::TempDir() + "certificate-" + id + ".pdf";
    {
        std::ofstream out(path, std::ios::binary);
        out << pdf.body;
    }
    std::string text;
    FILE* p = ::popen(("pdftotext -layout '" + path + "' - 2>/dev/null").c_str(), "r");
    ASSERT_NE(p, nullptr);
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) text.append(buf, n);
    ASSERT_EQ(::pclose(p), 0) << "pdftotext failed";
    std::string flat;
    for (char ch : text) flat += (ch == '\n' || ch == ' ') ? ' ' : ch; // lines wrap anywhere
    std::string squeezed;
    for (char ch : flat)
        if (!(ch == ' ' && !squeezed.empty() && squeezed.back() == ' ')) squeezed += ch;
    EXPECT_NE(squeezed.find("Demonstrated:"), std::string::npos) << squeezed;
    EXPECT_EQ(squeezed.find("Show that you"), std::string::npos) << squeezed;
}
