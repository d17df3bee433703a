// The four verdicts of the verification page, the JSON API and their words in English and
// Spanish: issued by this agency / by an issuer this agency trusts / signature intact but the
// issuer NOT confirmed / not valid (why), and "not a credential". A key in the fragment of a
// method under any https id, or an issuer id that only looks like ours, is never "this agency".
#include <gtest/gtest.h>

#include "credentials/jwt/vc_jwt.hpp"
#include "credentials/proof/default_proof.hpp"
#include "credentials/web/issuer_store.hpp"
#include "credentials/web/module.hpp"
#include "credentials/web/trusted_issuer_store.hpp"
#include "credentials/web/verifier.hpp"
#include "tests/credentials/verify/sample_credential.hpp"
#include "tests/support/test_app.hpp"

using mc::testing::TestApp;
using nlohmann::json;
namespace cr = mc::credentials;

namespace {

constexpr const char* kPassword = "microcred-demo";

bool has(const std::string& body, const std::string& text) { return body.find(text) != std::string::npos; }

struct Verdicts : ::testing::Test {
    TestApp t{true, true};
    cr::IssuerRecord issuer;
    std::string our_id;
    cr::SysSeconds now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    cr::IssuerKey stranger = *cr::generate_issuer_key(cr::KeyAlgorithm::ed25519, "stranger", cr::SysSeconds{});
    std::string stranger_mb = *cr::public_key_multibase(stranger.public_part());

    void SetUp() override {
        auto sql = t.app().db->lease();
        issuer = *cr::default_issuer(*sql);
        our_id = cr::issuer_url(t.app(), issuer.id);
    }
    // An OB 3.0 credential naming `issuer_id`, with no status list unless one is given.
    json unsigned_credential(const std::string& issuer_id, json status = nullptr) {
        auto facts = verify_test::sample_facts();
        facts.issuer.id = issuer_id;
        facts.credential_status = std::move(status);
        facts.valid_from = now - std::chrono::hours(1);
        return cr::build_open_badge_credential(facts);
    }
    json ours() {
        auto sql = t.app().db->lease();
        auto key = *cr::active_signing_key(t.app(), *sql, issuer.id);
        return *cr::sign_credential(unsigned_credential(our_id), key.key, key.verification_method, now);
    }
    // Signed by a stranger with a key it names under `issuer_id` itself.
    json forged(const std::string& issuer_id, json status = nullptr) {
        auto doc = cr::sign_credential(unsigned_credential(issuer_id, std::move(status)), stranger,
                                       issuer_id + "#" + stranger_mb, now);
        EXPECT_TRUE(doc) << (doc ? "" : doc.error().detail);
        return doc ? *doc : json();
    }
    cr::VerificationReport check(const json& doc) {
        auto sql = t.app().db->lease();
        return cr::verify_document(t.app(), *sql, doc);
    }
    mc::http::Response post(TestApp::Client& c, const std::string& text, const std::string& lang = "en",
                            bool machine = false) {
        mc::http::Request req;
        req.method = "POST";
        req.target = "/verify";
        req.headers["content-type"] = "application/x-www-form-urlencoded";
        req.headers["accept-language"] = lang;
        if (machine) req.headers["accept"] = "application/json";
        req.body = mc::testing::form_encode({{"_csrf", c.csrf}, {"credential", text}});
        return c.send(req);
    }
    json api(TestApp::Client& c, const std::string& text) { return json::parse(post(c, text, "en", true).body); }
};

} // namespace

TEST_F(Verdicts, OursIsIssuedByThisAgencyAndSaysThereIsNoRevocationList) {
    auto r = check(ours());
    EXPECT_EQ(r.verdict, cr::Verdict::valid);
    EXPECT_EQ(r.trust, cr::Trust::agency);
    EXPECT_EQ(r.status, cr::StatusCheck::no_list);
    EXPECT_FALSE(r.status_checked) << "no list was read, so revocation is not 'checked'";

    auto c = t.client();
    c.get("/verify");
    auto doc = ours().dump();
    auto report = api(c, doc);
    EXPECT_EQ(report["verdict"], "valid");
    EXPECT_EQ(report["trust"], "agency");
    EXPECT_EQ(report["revocation"], "no_list");
    EXPECT_EQ(report["statusChecked"], false);
    auto en = post(c, doc).body;
    EXPECT_TRUE(has(en, "This credential is valid: issued by this agency"));
    EXPECT_TRUE(has(en, "data-trust-badge=\"agency\""));
    EXPECT_TRUE(has(en, "No revocation list"));
    EXPECT_FALSE(has(en, ">Checked<"));
    auto es = post(c, doc, "es").body;
    EXPECT_TRUE(has(es, "Esta credencial es válida: la emitió esta agencia"));
    EXPECT_TRUE(has(es, "Sin lista de revocación"));
}

TEST_F(Verdicts, AKeyInTheFragmentOfAnyHttpsIssuerIsSignatureOnlyNeverValid) {
    // The issue's example, with a status entry pointing at one of our own lists: nothing of ours
    // is read for a stranger's credential, so revocation is not "checked" either.
    json status{{"id", t.app().config.base_url + "/status/x#1"},
                {"type", "BitstringStatusListEntry"},
                {"statusPurpose", "revocation"},
                {"statusListIndex", "1"},
                {"statusListCredential", t.app().config.base_url + "/status/x"}};
    auto doc = forged("https://licensing.example.gov/issuers/ece", status);
    auto r = check(doc);
    EXPECT_TRUE(r.signature_ok);
    EXPECT_EQ(r.verdict, cr::Verdict::unconfirmed);
    EXPECT_EQ(r.trust, cr::Trust::unconfirmed);
    EXPECT_FALSE(r.status_checked);

    auto c = t.client();
    c.get("/verify");
    auto report = api(c, doc.dump());
    EXPECT_EQ(report["verdict"], "unconfirmed");
    EXPECT_EQ(report["trust"], "unconfirmed");
    EXPECT_EQ(report["issuerKnown"], false);
    EXPECT_NE(report["revocation"], "checked");
    auto en = post(c, doc.dump()).body;
    EXPECT_TRUE(has(en, "data-verdict=\"unconfirmed\""));
    EXPECT_TRUE(has(en, "Signature intact, but the issuer is NOT confirmed"));
    EXPECT_TRUE(has(en, "data-trust-badge=\"unconfirmed\""));
    EXPECT_FALSE(has(en, "data-trust-badge=\"agency\""));
    EXPECT_FALSE(has(en, "usa-alert--success"));
    auto es = post(c, doc.dump(), "es").body;
    EXPECT_TRUE(has(es, "La firma está intacta, pero el emisor NO está confirmado"));
    EXPECT_TRUE(has(es, "Emisor no confirmado"));

    // The same as a VC-JWT.
    auto token = *cr::sign_vc_jwt(unsigned_credential("https://licensing.example.gov/issuers/ece"), stranger,
                                  {.kid = "https://licensing.example.gov/issuers/ece#" + stranger_mb});
    EXPECT_EQ(api(c, token)["verdict"], "unconfirmed");
}

TEST_F(Verdicts, AnIssuerIdThatOnlyLooksLikeOursIsNotThisAgency) {
    const std::string base = t.app().config.base_url; // http://127.0.0.1:8080
    std::string upper = base;
    for (auto& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    std::string dotted = base;
    dotted.insert(dotted.rfind(':'), "."); // trailing dot on the host
    const std::vector<std::string> lookalikes = {
        base + "/./issuers/" + issuer.id,      base + "//issuers/" + issuer.id,
        base + "/issuers/./" + issuer.id,      base + "/issuers/" + issuer.id + "/",
        base + "/issuers/" + issuer.id + "%2F", upper + "/issuers/" + issuer.id,
        dotted + "/issuers/" + issuer.id,      "https://127.0.0.1:8080/issuers/" + issuer.id,
        "http://127.0.0.1:8081/issuers/" + issuer.id, base + "/issuers/" + issuer.id + "?",
    };
    for (const auto& id : lookalikes) {
        auto r = check(forged(id));
        EXPECT_NE(r.trust, cr::Trust::agency) << id;
        EXPECT_NE(r.verdict, cr::Verdict::valid) << id;
        EXPECT_FALSE(r.issuer_known) << id;
    }
    // Under our exact id, a key we never registered does not verify at all.
    auto r = check(forged(our_id));
    EXPECT_EQ(r.verdict, cr::Verdict::invalid);
    EXPECT_EQ(r.trust, cr::Trust::none);
}

TEST_F(Verdicts, ATamperedCopyShowsNoTrustBadgeAtAll) {
    auto doc = ours();
    doc["credentialSubject"]["achievement"]["name"] = "Something grander";
    auto r = check(doc);
    EXPECT_EQ(r.verdict, cr::Verdict::invalid);
    EXPECT_EQ(r.trust, cr::Trust::none);
    EXPECT_FALSE(r.issuer_known);
    auto c = t.client();
    c.get("/verify");
    auto report = api(c, doc.dump());
    EXPECT_EQ(report["verdict"], "invalid");
    EXPECT_EQ(report["issuerKnown"], false);
    for (const std::string lang : {"en", "es"}) {
        auto page = post(c, doc.dump(), lang).body;
        EXPECT_TRUE(has(page, "data-verdict=\"invalid\"")) << lang;
        EXPECT_FALSE(has(page, "data-trust-badge")) << lang;
    }
    EXPECT_TRUE(has(post(c, doc.dump()).body, "Not valid: this credential could not be verified"));
    EXPECT_TRUE(has(post(c, doc.dump(), "es").body, "No es válida: no se pudo verificar esta credencial"));
}

TEST_F(Verdicts, PastedTextThatIsNotACredentialIsSaidToBeSo) {
    auto c = t.client();
    c.get("/verify");
    for (const std::string text : {"hello, please check my badge", "{\"a\": 1}", "[1,2,3]", "aaa.bbb.ccc"}) {
        EXPECT_EQ(api(c, text)["verdict"], "not_a_credential") << text;
        auto en = post(c, text).body;
        EXPECT_TRUE(has(en, "This is not a credential")) << text;
        EXPECT_FALSE(has(en, "What was checked")) << "no list of field verdicts for " << text;
        EXPECT_TRUE(has(post(c, text, "es").body, "Esto no es una credencial")) << text;
    }
}

TEST_F(Verdicts, AnIssuerOnTheAgencysTrustedListIsIssuedByATrustedIssuer) {
    const std::string cda = "https://cda.example/issuers/council";
    auto doc = forged(cda);
    EXPECT_EQ(check(doc).verdict, cr::Verdict::unconfirmed);

    auto admin = t.client();
    admin.sign_in("agency.admin@demo.microcred.test", kPassword);
    ASSERT_EQ(admin.get("/admin/trusted-issuers").status, 200);
    // Refusals name the field and change nothing.
    auto bad = admin.post("/admin/trusted-issuers", {{"name", "CDA Council"}, {"issuer_ids", cda}, {"keys", "z6Mknotakey"}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_TRUE(has(bad.body, "Signing keys:"));
    auto no_key = admin.post("/admin/trusted-issuers", {{"name", "CDA Council"}, {"issuer_ids", cda}, {"keys", ""}});
    EXPECT_EQ(no_key.status, 422);
    auto bad_id = admin.post("/admin/trusted-issuers", {{"name", "CDA"}, {"issuer_ids", "ftp://x"}, {"keys", stranger_mb}});
    EXPECT_EQ(bad_id.status, 422);
    EXPECT_TRUE(has(bad_id.body, "Issuer ids:"));
    EXPECT_EQ(admin.post("/admin/trusted-issuers", {{"name", "CDA"}, {"issuer_ids", cda}, {"keys", stranger_mb}}, false).status, 403);
    {
        auto sql = t.app().db->lease();
        EXPECT_TRUE(cr::trusted_issuers(*sql).empty());
    }
    auto added = admin.post("/admin/trusted-issuers",
                            {{"name", "CDA Council"}, {"issuer_ids", " " + cda + "\r\n"}, {"keys", stranger_mb + "\n"}});
    EXPECT_EQ(added.status, 303);

    auto r = check(doc);
    EXPECT_EQ(r.verdict, cr::Verdict::valid);
    EXPECT_EQ(r.trust, cr::Trust::trusted);
    EXPECT_EQ(r.trusted_issuer, "CDA Council");
    auto c = t.client();
    c.get("/verify");
    auto report = api(c, doc.dump());
    EXPECT_EQ(report["trust"], "trusted");
    EXPECT_EQ(report["trustedIssuer"], "CDA Council");
    EXPECT_TRUE(has(post(c, doc.dump()).body, "issued by CDA Council, an issuer this agency trusts"));
    EXPECT_TRUE(has(post(c, doc.dump(), "es").body, "la emitió CDA Council, un emisor de confianza de esta agencia"));
    EXPECT_TRUE(has(post(c, doc.dump()).body, "data-trust-badge=\"trusted\""));

    // Both halves are needed: the trusted key under another id, or another key under the id.
    EXPECT_EQ(check(forged("https://college.example/issuers/1")).trust, cr::Trust::unconfirmed);
    auto other = *cr::generate_issuer_key(cr::KeyAlgorithm::ed25519, "other", cr::SysSeconds{});
    auto other_mb = *cr::public_key_multibase(other.public_part());
    auto other_doc = *cr::sign_credential(unsigned_credential(cda), other, cda + "#" + other_mb, now);
    EXPECT_EQ(check(other_doc).trust, cr::Trust::unconfirmed);

    // Removal is audited, and the credential is unconfirmed again.
    std::string entry_id;
    {
        auto sql = t.app().db->lease();
        entry_id = cr::trusted_issuers(*sql).at(0).id;
    }
    auto page = admin.get("/admin/trusted-issuers");
    EXPECT_TRUE(has(page.body, "CDA Council"));
    EXPECT_EQ(admin.post("/admin/trusted-issuers/" + entry_id + "/remove", {}).status, 303);
    EXPECT_EQ(check(doc).verdict, cr::Verdict::unconfirmed);
    auto sql = t.app().db->lease();
    auto log = cr::trust_audit(*sql, 10);
    ASSERT_EQ(log.size(), 2u);
    EXPECT_EQ(log[0].action == "removed" || log[1].action == "removed", true);
    EXPECT_EQ(log[0].name, "CDA Council");
    EXPECT_FALSE(log[0].actor_id.empty());
}

TEST_F(Verdicts, TheTrustedListIsForAgencyAdminsOnly) {
    auto anonymous = t.client();
    EXPECT_NE(anonymous.get("/admin/trusted-issuers").status, 200);
    auto program = t.client();
    program.sign_in("program.admin@demo.microcred.test", kPassword);
    EXPECT_EQ(program.get("/admin/trusted-issuers").status, 403);
    EXPECT_EQ(program.post("/admin/trusted-issuers", {{"name", "X"}, {"issuer_ids", "did:key:" + stranger_mb}}).status, 403);
    auto es = t.client();
    es.sign_in("agency.admin@demo.microcred.test", kPassword);
    es.cookies["mc_lang"] = "es";
    auto page = es.get("/admin/trusted-issuers");
    EXPECT_TRUE(has(page.body, "Emisores en los que confía esta agencia"));
}
