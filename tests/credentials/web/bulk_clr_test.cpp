// Bulk issue, the Comprehensive Learner Record, issuer key rotation and VC-JWT on the verify
// page, through the real database and router with the demo accounts and catalog.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <set>

#include "credentials/jwt/vc_jwt.hpp"
#include "credentials/proof/default_proof.hpp"
#include "credentials/web/award_store.hpp"
#include "credentials/web/bulk_issue.hpp"
#include "credentials/web/issuer_store.hpp"
#include "credentials/web/verifier.hpp"
#include "platform/crypto/random.hpp"
#include "platform/db/database.hpp"
#include "platform/unwrap.hpp"
#include "tests/credentials/web/interop.hpp"
#include "tests/support/test_app.hpp"

using mc::testing::TestApp;
using mc::testing::run_interop;
using nlohmann::json;
namespace cr = mc::credentials;

namespace {

constexpr const char* kPassword = "microcred-demo";

std::string first_published_version(TestApp& t) {
    auto sql = t.app().db->lease();
    std::string id;
    *sql << "SELECT id FROM micro_credential_versions WHERE status = 'published' ORDER BY id LIMIT 1", soci::into(id);
    return id;
}

std::string user_id(TestApp& t, const std::string& email) {
    auto sql = t.app().db->lease();
    std::string id;
    *sql << "SELECT id FROM users WHERE email = :e", soci::use(email), soci::into(id);
    return id;
}

cr::BulkIssueOutcome issue(TestApp& t, const std::string& achievement, const std::string& csv, bool skip = false,
                           std::size_t batch = 1000) {
    cr::BulkIssueOptions o;
    o.achievement = achievement;
    o.skip_invalid = skip;
    o.batch_size = batch;
    auto out = cr::bulk_issue(t.app(), cr::read_recipient_csv(csv), o);
    EXPECT_TRUE(out) << (out ? "" : out.error().detail);
    return out ? *out : cr::BulkIssueOutcome{};
}

mc::http::Response call(TestApp::Client& c, const std::string& method, const std::string& target, std::string body,
                        const std::string& type = "application/json") {
    mc::http::Request req;
    req.method = method;
    req.target = target;
    req.headers["accept"] = "application/json";
    req.headers["x-csrf-token"] = c.csrf;
    req.headers["content-type"] = type;
    req.body = std::move(body);
    return c.send(req);
}

TestApp::Client signed_in(TestApp& t, const std::string& email) {
    auto c = t.client();
    auto res = c.sign_in(email, kPassword);
    EXPECT_EQ(res.status, 303) << email;
    return c;
}

} // namespace

TEST(BulkIssue, EveryRecipientGetsAVerifiableCredentialAndReRunsIssueNothingTwice) {
    TestApp t(true, true);
    auto version = first_published_version(t);
    ASSERT_FALSE(version.empty());
    std::string csv = "name,email,identifier,validFrom\n"
                      "Demo Educator,EDUCATOR@demo.microcred.test,REG-1,\n"
                      "Nuevo Educador,nuevo@example.org,,2026-01-15\n"
                      "Third Person,third@example.org,REG-3,\n";
    // Batches of two: the run spans two transactions and two status-slot reads.
    auto out = issue(t, version, csv, false, 2);
    EXPECT_FALSE(out.aborted);
    EXPECT_EQ(out.issued, 3u);
    EXPECT_EQ(out.accounts_created, 2u);
    ASSERT_EQ(out.rows.size(), 3u);
    EXPECT_EQ(out.rows[0].line, 2u);

    auto sql = t.app().db->lease();
    std::set<long long> indexes;
    for (const auto& row : out.rows) {
        auto award = cr::find_award(*sql, row.award_id);
        ASSERT_TRUE(award);
        EXPECT_EQ(award->version_id, version);
        indexes.insert(award->status_list_index);
        auto report = cr::verify_document(t.app(), *sql, award->credential);
        EXPECT_EQ(report.verdict, cr::Verdict::valid) << award->credential.dump(2);
        EXPECT_TRUE(report.issuer_known);
        EXPECT_TRUE(report.status_checked);
        // The email travels hashed only.
        EXPECT_EQ(award->credential.dump().find(row.email), std::string::npos);
    }
    EXPECT_EQ(indexes.size(), 3u);
    auto second = mc::unwrap(cr::find_award(*sql, out.rows[1].award_id));
    EXPECT_EQ(second.credential["validFrom"], "2026-01-15T00:00:00Z");
    EXPECT_EQ(second.educator_name, "Nuevo Educador");
    auto first = mc::unwrap(cr::find_award(*sql, out.rows[0].award_id));
    EXPECT_EQ(first.educator_id, user_id(t, "educator@demo.microcred.test")); // an existing account is reused
    EXPECT_NE(first.credential.dump().find("\"identityType\":\"identifier\""), std::string::npos);

    // The same list again: nothing new, each row reported as already held.
    auto again = issue(t, version, csv);
    EXPECT_EQ(again.issued, 0u);
    EXPECT_EQ(again.already_held, 3u);
    int count = 0;
    *sql << "SELECT COUNT(*) FROM awards WHERE version_id = :v", soci::use(version), soci::into(count);
    EXPECT_EQ(count, 3);

    // Revoked, the credential no longer counts as held: a re-run issues it again.
    {
        mc::db::WriteTx tx(*sql);
        ASSERT_TRUE(cr::revoke_award(t.app(), *sql, out.rows[2].award_id, first.educator_id, "Wrong person"));
        tx.commit();
    }
    EXPECT_EQ(issue(t, version, csv).issued, 1u);
}

TEST(BulkIssue, AListWithErrorsIssuesNothingUnlessAskedToSkipThem) {
    TestApp t(true, true);
    auto version = first_published_version(t);
    std::string csv = "name,email\nGood One,good1@example.org\nBad,not-an-email\nGood Two,good2@example.org\n";
    auto out = issue(t, version, csv);
    EXPECT_TRUE(out.aborted);
    EXPECT_EQ(out.issued, 0u);
    ASSERT_EQ(out.errors.size(), 1u);
    EXPECT_EQ(out.errors[0].line, 3u);
    EXPECT_EQ(cr::describe_row_error(t.app(), "en", out.errors[0]), "line 3: \"not-an-email\" is not an email address");
    EXPECT_EQ(cr::describe_row_error(t.app(), "es", out.errors[0]),
              "línea 3: \"not-an-email\" no es una dirección de correo electrónico");
    {
        auto sql = t.app().db->lease();
        int count = 0;
        *sql << "SELECT COUNT(*) FROM awards", soci::into(count);
        EXPECT_EQ(count, 0);
    }
    auto skipped = issue(t, version, csv, true);
    EXPECT_FALSE(skipped.aborted);
    EXPECT_EQ(skipped.issued, 2u);
    EXPECT_EQ(skipped.skipped_invalid, 1u);

    cr::BulkIssueOptions o;
    o.achievement = "no-such-achievement";
    auto unknown = cr::bulk_issue(t.app(), cr::read_recipient_csv(csv), o);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, mc::Errc::not_found);
}

TEST(BulkIssue, ApiIsForAdminsAndReportsRowsWithTheirLines) {
    TestApp t(true, true);
    auto version = first_published_version(t);
    auto admin = signed_in(t, "program.admin@demo.microcred.test");
    std::string url = "/api/v1/achievements/" + version + "/bulk-issue";

    auto bad = call(admin, "POST", url, json{{"csv", "name,email\nAna,ana@\n"}}.dump());
    EXPECT_EQ(bad.status, 422) << bad.body;
    auto bad_body = json::parse(bad.body);
    EXPECT_EQ(bad_body["error"]["rows"][0]["line"], 2);
    EXPECT_EQ(bad_body["error"]["rows"][0]["code"], "credentials.bulk.errors.bad_email");

    auto ok = call(admin, "POST", url, "name,email\nAna Ruiz,ana.ruiz@example.org\n", "text/csv");
    ASSERT_EQ(ok.status, 201) << ok.body;
    auto body = json::parse(ok.body);
    EXPECT_EQ(body["issued"], 1);
    EXPECT_EQ(body["rows"][0]["outcome"], "issued");
    auto again = call(admin, "POST", url, json{{"csv", "name,email\nAna Ruiz,ana.ruiz@example.org\n"}}.dump());
    EXPECT_EQ(again.status, 200);
    EXPECT_EQ(json::parse(again.body)["already_held"], 1);

    // Longer lists belong to the command line: refused before anything is issued.
    std::string big = "name,email\n";
    for (int i = 0; i <= 20000; ++i) big += "P" + std::to_string(i) + ",p" + std::to_string(i) + "@example.org\n";
    auto too_many = call(admin, "POST", url, big, "text/csv");
    EXPECT_EQ(too_many.status, 413);
    EXPECT_EQ(json::parse(too_many.body)["error"]["code"], "credentials.bulk.errors.api_too_many");
    EXPECT_TRUE(user_id(t, "p0@example.org").empty());

    // Without the CSRF token, or as an educator, or anonymous: refused, nothing issued.
    auto no_csrf = admin;
    no_csrf.csrf = "wrong";
    EXPECT_EQ(call(no_csrf, "POST", url, "name,email\nX,x@example.org\n", "text/csv").status, 403);
    auto educator = signed_in(t, "educator@demo.microcred.test");
    EXPECT_EQ(call(educator, "POST", url, "name,email\nX,x@example.org\n", "text/csv").status, 403);
    auto anonymous = t.client();
    anonymous.get("/");
    EXPECT_EQ(call(anonymous, "POST", url, "name,email\nX,x@example.org\n", "text/csv").status, 401);
    EXPECT_TRUE(user_id(t, "x@example.org").empty());
}

TEST(Clr, TheEducatorDownloadsOneSignedRecordOfEveryStandingCredential) {
    TestApp t(true, true);
    auto sql = t.app().db->lease();
    std::vector<std::string> versions;
    {
        std::string id;
        soci::statement st = (sql->prepare << "SELECT id FROM micro_credential_versions WHERE status = 'published' "
                                              "ORDER BY id LIMIT 2",
                              soci::into(id));
        st.execute();
        while (st.fetch()) versions.push_back(id);
    }
    ASSERT_EQ(versions.size(), 2u);
    auto educator = signed_in(t, "educator@demo.microcred.test");
    EXPECT_EQ(educator.get("/wallet/clr.json").status, 404); // nothing earned yet, nothing to bundle
    std::vector<std::string> awards;
    for (const auto& v : versions)
        awards.push_back(issue(t, v, "name,email\nDemo Educator,educator@demo.microcred.test\n").rows.at(0).award_id);

    auto wallet = educator.get("/wallet");
    EXPECT_NE(wallet.body.find("href=\"/wallet/clr.json\""), std::string::npos);
    auto res = educator.get("/wallet/clr.json");
    ASSERT_EQ(res.status, 200) << res.body;
    EXPECT_EQ(res.header_value("Content-Type"), "application/ld+json");
    auto clr = json::parse(res.body);
    EXPECT_EQ(clr["type"][1], "ClrCredential");
    EXPECT_EQ(clr["credentialSubject"]["verifiableCredential"].size(), 2u);
    EXPECT_EQ(clr["credentialSubject"]["achievement"].size(), 2u);
    auto report = cr::verify_document(t.app(), *sql, clr);
    EXPECT_EQ(report.verdict, cr::Verdict::valid);
    EXPECT_TRUE(report.issuer_known);
    EXPECT_TRUE(report.problems.empty()) << report.problems.front();
    for (const auto& inner : clr["credentialSubject"]["verifiableCredential"])
        EXPECT_EQ(cr::verify_document(t.app(), *sql, inner).verdict, cr::Verdict::valid);
    // The public verify form takes the record too.
    EXPECT_NE(educator.post("/verify", {{"credential", res.body}}).body.find("data-verdict=\"valid\""), std::string::npos);

    // The API gives the same record; a revoked credential drops out of it.
    {
        mc::db::WriteTx tx(*sql);
        ASSERT_TRUE(cr::revoke_award(t.app(), *sql, awards[0], user_id(t, "educator@demo.microcred.test"), "Issued twice"));
        tx.commit();
    }
    // A record made before the revocation still verifies as a record, and says so.
    auto old_record = cr::verify_document(t.app(), *sql, clr);
    EXPECT_EQ(old_record.verdict, cr::Verdict::valid);
    EXPECT_EQ(old_record.problems, std::vector<std::string>{"clr_part_revoked"});
    // A record with an altered credential inside fails, even when the record itself carries a
    // good signature over the altered text: each part must verify on its own.
    auto swapped = clr;
    swapped.erase("proof");
    swapped["credentialSubject"]["verifiableCredential"][0]["credentialSubject"]["achievement"]["name"] = "Forged";
    auto key = mc::unwrap(cr::active_signing_key(t.app(), *sql, cr::default_issuer(*sql)->id));
    auto resigned = *cr::sign_credential(swapped, key.key, key.verification_method,
                                         std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
    auto forged_report = cr::verify_document(t.app(), *sql, resigned);
    EXPECT_EQ(forged_report.verdict, cr::Verdict::invalid);
    EXPECT_NE(std::find(forged_report.problems.begin(), forged_report.problems.end(), "clr_part_invalid"),
              forged_report.problems.end());
    auto api = call(educator, "GET", "/api/v1/me/clr", "");
    ASSERT_EQ(api.status, 200);
    auto after = json::parse(api.body);
    ASSERT_EQ(after["credentialSubject"]["verifiableCredential"].size(), 1u);
    EXPECT_EQ(after["credentialSubject"]["verifiableCredential"][0]["id"], "urn:uuid:" + awards[1]);
    // Only educators have a record; others are refused, anonymous sent to sign in.
    auto admin = signed_in(t, "agency.admin@demo.microcred.test");
    EXPECT_EQ(admin.get("/wallet/clr.json").status, 403);
    EXPECT_EQ(t.client().get("/wallet/clr.json").status, 303);

    const char* interop = std::getenv("MICROCRED_INTEROP");
    if (!interop || !*interop) GTEST_SKIP() << "MICROCRED_INTEROP not set: independent check of the CLR skipped";
    auto file = (std::filesystem::temp_directory_path() / ("clr-" + awards[1] + ".json")).string();
    std::ofstream(file) << after.dump(2);
    auto run = run_interop(interop, file);
    ASSERT_EQ(run.exit_status, 0) << run.output;
    EXPECT_TRUE(run.has("[sig-only] " + file + ": verified=true")) << run.output;
    auto tampered = after;
    tampered["credentialSubject"]["verifiableCredential"][0]["name"] = "Forged";
    std::ofstream(file) << tampered.dump(2);
    auto forged = run_interop(interop, file);
    ASSERT_EQ(forged.exit_status, 0) << forged.output;
    // Refused in so many words: no "verified=true" alone would also pass if node never ran.
    EXPECT_TRUE(forged.has("[sig-only] " + file + ": verified=false")) << forged.output;
    EXPECT_FALSE(forged.has("verified=true")) << forged.output;
    std::filesystem::remove(file);
}

TEST(KeyRotation, TheAgencyAdminRotatesAndEarlierCredentialsStillVerify) {
    TestApp t(true, true);
    auto version = first_published_version(t);
    auto before = issue(t, version, "name,email\nAna Before,before@example.org\n").rows.at(0).award_id;
    auto sql = t.app().db->lease();
    auto old_vc = cr::find_award(*sql, before)->credential;
    std::string old_vm = old_vc["proof"]["verificationMethod"];

    auto program = signed_in(t, "program.admin@demo.microcred.test");
    EXPECT_EQ(program.get("/admin/issuer").status, 403);
    EXPECT_EQ(program.post("/admin/issuer/rotate-key", {{"confirm", "yes"}}).status, 403);
    auto agency = signed_in(t, "agency.admin@demo.microcred.test");
    agency.cookies["mc_lang"] = "es"; // the language switch; the account's own language is English
    auto page = agency.get("/admin/issuer");
    agency.cookies.erase("mc_lang");
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("Reemplazar la clave de firma"), std::string::npos);
    // Unconfirmed: nothing changes.
    auto unconfirmed = agency.post("/admin/issuer/rotate-key", {});
    EXPECT_EQ(unconfirmed.status, 422);
    EXPECT_EQ(cr::active_signing_key(t.app(), *sql, cr::default_issuer(*sql)->id)->verification_method, old_vm);
    EXPECT_EQ(agency.post("/admin/issuer/rotate-key", {{"confirm", "yes"}}, false).status, 403); // CSRF
    auto rotated = agency.post("/admin/issuer/rotate-key", {{"confirm", "yes"}});
    ASSERT_EQ(rotated.status, 303);
    EXPECT_EQ(rotated.header_value("Location"), "/admin/issuer?notice=rotated");
    auto after_page = agency.get("/admin/issuer");
    EXPECT_NE(after_page.body.find("data-key-state=\"retired\""), std::string::npos);

    auto issuer = mc::unwrap(cr::default_issuer(*sql));
    auto key = mc::unwrap(cr::active_signing_key(t.app(), *sql, issuer.id));
    EXPECT_NE(key.verification_method, old_vm);
    auto after = issue(t, version, "name,email\nBea After,after@example.org\n").rows.at(0).award_id;
    auto new_vc = cr::find_award(*sql, after)->credential;
    EXPECT_EQ(new_vc["proof"]["verificationMethod"], key.verification_method);
    EXPECT_EQ(cr::verify_document(t.app(), *sql, old_vc).verdict, cr::Verdict::valid);
    EXPECT_EQ(cr::verify_document(t.app(), *sql, new_vc).verdict, cr::Verdict::valid);

    // Both keys published in the Profile; the status list is signed with the new key and
    // still answers for credentials signed with the old one.
    auto c = t.client();
    auto profile = json::parse(c.get("/issuers/" + issuer.id, {{"accept", "application/json"}}).body);
    std::set<std::string> methods;
    for (const auto& m : profile["verificationMethod"]) methods.insert(m["id"]);
    EXPECT_TRUE(methods.contains(old_vm));
    EXPECT_TRUE(methods.contains(key.verification_method));
    EXPECT_EQ(profile["assertionMethod"].size(), 2u);
    std::string list_url = old_vc["credentialStatus"]["statusListCredential"];
    auto list = json::parse(c.get(list_url.substr(t.app().config.base_url.size())).body);
    EXPECT_EQ(list["proof"]["verificationMethod"], key.verification_method);
    EXPECT_EQ(cr::verify_document(t.app(), *sql, list).verdict, cr::Verdict::valid);
    {
        mc::db::WriteTx tx(*sql);
        ASSERT_TRUE(cr::revoke_award(t.app(), *sql, before, user_id(t, "agency.admin@demo.microcred.test"), "Key test"));
        tx.commit();
    }
    EXPECT_EQ(cr::verify_document(t.app(), *sql, old_vc).verdict, cr::Verdict::revoked);

    // A key that was never the issuer's does not verify, rotation or not.
    auto stranger = mc::unwrap(cr::generate_issuer_key(cr::KeyAlgorithm::ed25519, "x", cr::SysSeconds{}));
    auto forged = old_vc;
    forged.erase("proof");
    auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    auto stranger_mb = mc::unwrap(cr::public_key_multibase(stranger.public_part()));
    auto signed_forged = mc::unwrap(cr::sign_credential(forged, stranger, profile["id"].get<std::string>() + "#" + stranger_mb, now));
    EXPECT_EQ(cr::verify_document(t.app(), *sql, signed_forged).verdict, cr::Verdict::invalid);
}

TEST(VerifyPage, AVcJwtGetsTheSamePlainReportAsJson) {
    TestApp t(true, true);
    auto version = first_published_version(t);
    auto id = issue(t, version, "name,email\nAna Jwt,jwt@example.org\n").rows.at(0).award_id;
    auto sql = t.app().db->lease();
    auto vc = cr::find_award(*sql, id)->credential;
    vc.erase("proof");
    auto issuer = mc::unwrap(cr::default_issuer(*sql));
    auto key = mc::unwrap(cr::active_signing_key(t.app(), *sql, issuer.id));
    auto token = mc::unwrap(cr::sign_vc_jwt(vc, key.key, {.kid = key.verification_method}));

    auto c = t.client();
    auto page = c.post("/verify", {{"credential", "\n  " + token + "\n"}});
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("data-verdict=\"valid\""), std::string::npos) << page.body.substr(0, 2000);
    EXPECT_NE(page.body.find("Ana Jwt"), std::string::npos);
    auto es_page = c.send([&] {
        mc::http::Request req;
        req.method = "POST";
        req.target = "/verify";
        req.headers["content-type"] = "application/x-www-form-urlencoded";
        req.headers["accept-language"] = "es";
        req.body = mc::testing::form_encode({{"_csrf", c.csrf}, {"credential", token}});
        return req;
    }());
    EXPECT_NE(es_page.body.find("Esta credencial es válida"), std::string::npos);
    auto machine = call(c, "POST", "/verify", mc::testing::form_encode({{"_csrf", c.csrf}, {"credential", token}}),
                        "application/x-www-form-urlencoded");
    auto report = json::parse(machine.body);
    EXPECT_EQ(report["verdict"], "valid");
    EXPECT_EQ(report["issuer"]["id"], vc["issuer"]["id"]);

    // A changed payload, a key that is not the issuer's, and revocation all show.
    auto dot1 = token.find('.'), dot2 = token.rfind('.');
    auto payload = json::parse(*mc::crypto::base64url_decode(token.substr(dot1 + 1, dot2 - dot1 - 1)));
    payload["name"] = "Forged";
    auto forged = token.substr(0, dot1 + 1) + mc::crypto::base64url_encode(payload.dump()) + token.substr(dot2);
    EXPECT_NE(c.post("/verify", {{"credential", forged}}).body.find("data-verdict=\"invalid\""), std::string::npos);
    auto stranger = mc::unwrap(cr::generate_issuer_key(cr::KeyAlgorithm::ed25519, "x", cr::SysSeconds{}));
    auto foreign = mc::unwrap(cr::sign_vc_jwt(vc, stranger, {.kid = key.verification_method}));
    EXPECT_NE(c.post("/verify", {{"credential", foreign}}).body.find("data-verdict=\"invalid\""), std::string::npos);
    auto embedded = mc::unwrap(cr::sign_vc_jwt(vc, stranger, {.kid = {}, .embed_jwk = true}));
    EXPECT_NE(c.post("/verify", {{"credential", embedded}}).body.find("data-verdict=\"invalid\""), std::string::npos);
    {
        mc::db::WriteTx tx(*sql);
        ASSERT_TRUE(cr::revoke_award(t.app(), *sql, id, user_id(t, "agency.admin@demo.microcred.test"), "Revoked for test"));
        tx.commit();
    }
    EXPECT_NE(c.post("/verify", {{"credential", token}}).body.find("data-verdict=\"revoked\""), std::string::npos);
}

// Listeners (pathways, satisfaction surveys) learn of bulk-issued awards as of single ones: each
// recipient's award is published once, in the transaction that writes it, and a re-run that
// issues nothing publishes nothing.
TEST(BulkIssue, EachIssuedAwardIsPublishedToListeners) {
    TestApp t(true, true);
    auto version = first_published_version(t);
    ASSERT_FALSE(version.empty());
    std::vector<mc::app::DomainEvent> seen;
    t.app().event_handlers.push_back([&seen](soci::session&, const mc::app::DomainEvent& e) -> mc::Result<void> {
        if (e.kind == "award_issued") seen.push_back(e);
        return {};
    });
    std::string csv = "name,email,identifier,validFrom\n"
                      "Demo Educator,educator@demo.microcred.test,,\n"
                      "Nuevo Educador,nuevo@example.org,,\n";
    auto out = issue(t, version, csv, false, 1);
    ASSERT_EQ(out.issued, 2u);
    ASSERT_EQ(seen.size(), 2u);
    for (std::size_t i = 0; i < 2; ++i) {
        EXPECT_EQ(seen[i].subject_id, out.rows[i].award_id);
        EXPECT_EQ(seen[i].educator_id, mc::unwrap(cr::find_award(*t.app().db->lease(), out.rows[i].award_id)).educator_id);
    }
    EXPECT_EQ(issue(t, version, csv).issued, 0u);
    EXPECT_EQ(seen.size(), 2u);
}
