// /verify on credentials as the field issues them: VC 1.1 with Ed25519Signature2020, did:key
// methods, VC-JWTs carrying their key as jwk, the standard's own CLR vector and endorsements.
// Each is read for what it is; trust stays where the hardening verdicts put it (a did:key or an
// embedded key proves a signature, never an issuer), and the page says so in English and Spanish.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "credentials/jwt/vc_jwt.hpp"
#include "credentials/proof/default_proof.hpp"
#include "credentials/verify/credential_kinds.hpp"
#include "credentials/web/trusted_issuer_store.hpp"
#include "credentials/web/verifier.hpp"
#include "platform/crypto/random.hpp"
#include "platform/db/database.hpp"
#include "platform/unwrap.hpp"
#include "tests/credentials/verify/sample_credential.hpp"
#include "tests/support/test_app.hpp"
#include "mc_source_dir.hpp"

using mc::testing::TestApp;
using nlohmann::json;
namespace cr = mc::credentials;

namespace {

bool has(const std::string& body, const std::string& text) { return body.find(text) != std::string::npos; }
bool noted(const cr::VerificationReport& r, const std::string& key) {
    return std::find(r.notes.begin(), r.notes.end(), key) != r.notes.end();
}
bool problem(const cr::VerificationReport& r, const std::string& key) {
    return std::find(r.problems.begin(), r.problems.end(), key) != r.problems.end();
}

const std::string kLicensing = "https://licensing.example.gov/issuers/ece";

struct FieldVerify : ::testing::Test {
    TestApp t{true, true};
    cr::SysSeconds now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    cr::IssuerKey key = mc::unwrap(cr::generate_issuer_key(cr::KeyAlgorithm::ed25519, "field", cr::SysSeconds{}));
    std::string mb = mc::unwrap(cr::public_key_multibase(key.public_part()));
    std::string did = "did:key:" + mb;

    json badge(const std::string& issuer_id) {
        auto facts = verify_test::sample_facts();
        facts.issuer.id = issuer_id;
        facts.credential_status = nullptr;
        facts.valid_from = now - std::chrono::hours(1);
        return cr::build_open_badge_credential(facts);
    }
    // Early OB 3.0 on the VC 1.1 data model, signed with the 2020 suite (what many wallets hold).
    json vc11_2020(const std::string& issuer_id) {
        json doc = badge(issuer_id);
        doc["@context"] = json::array({cr::kVc11Context, "https://purl.imsglobal.org/spec/ob/v3p0/context.json",
                                       "https://w3id.org/security/suites/ed25519-2020/v1"});
        doc["issuanceDate"] = doc["validFrom"];
        doc.erase("validFrom");
        doc["credentialSubject"]["achievement"].erase("inLanguage"); // not in the 3.0.0 context
        doc.erase("inLanguage");
        cr::ProofOptions options;
        options.verification_method = did + "#" + mb;
        options.created = now;
        return mc::unwrap(cr::sign_data_integrity(doc, key, options, cr::rdfc_canonicalizer(), cr::kEd25519Signature2020));
    }
    cr::VerificationReport check_text(const std::string& text) {
        auto sql = t.app().db->lease();
        return cr::verify_input(t.app(), *sql, text);
    }
    mc::http::Response post(TestApp::Client& c, const std::string& text, const std::string& lang) {
        mc::http::Request req;
        req.method = "POST";
        req.target = "/verify";
        req.headers["content-type"] = "application/x-www-form-urlencoded";
        req.headers["accept-language"] = lang;
        req.body = mc::testing::form_encode({{"_csrf", c.csrf}, {"credential", text}});
        return c.send(req);
    }
};

} // namespace

TEST_F(FieldVerify, VcOnePointOneWithTheTwentyTwentySuiteIsReadAndNotConfirmed) {
    auto doc = vc11_2020(kLicensing);
    // tests/e2e/fixtures/vc11-ed25519-2020-did-key.json was written this way (MC_WRITE_FIXTURE=path).
    if (const char* out = std::getenv("MC_WRITE_FIXTURE")) std::ofstream(out) << doc.dump(2) << "\n";
    auto r = check_text(doc.dump());
    EXPECT_TRUE(r.signature_ok) << (r.problems.empty() ? "" : r.problems[0]);
    EXPECT_FALSE(problem(r, "schema"));
    EXPECT_EQ(r.verdict, cr::Verdict::unconfirmed);
    EXPECT_EQ(r.trust, cr::Trust::unconfirmed);
    EXPECT_EQ(r.valid_from, doc["issuanceDate"].get<std::string>()); // read from the VC 1.1 name
    EXPECT_TRUE(noted(r, "vc_1_1"));
    EXPECT_TRUE(noted(r, "legacy_suite"));
    EXPECT_TRUE(noted(r, "did_key"));

    auto c = t.client();
    c.get("/verify");
    auto en = post(c, doc.dump(), "en");
    ASSERT_EQ(en.status, 200);
    EXPECT_TRUE(has(en.body, "data-verdict=\"unconfirmed\""));
    EXPECT_TRUE(has(en.body, "data-trust-badge=\"unconfirmed\""));
    EXPECT_TRUE(has(en.body, "older VC 1.1 data model"));
    EXPECT_TRUE(has(en.body, "a key that names only itself"));
    auto es = post(c, doc.dump(), "es");
    EXPECT_TRUE(has(es.body, "modelo de datos anterior VC 1.1"));
    EXPECT_TRUE(has(es.body, "una clave que solo se nombra a sí misma"));

    auto tampered = doc;
    tampered["issuanceDate"] = "2001-01-01T00:00:00Z";
    EXPECT_EQ(check_text(tampered.dump()).verdict, cr::Verdict::invalid);
}

TEST_F(FieldVerify, TheAgencyCanTrustAnIssuerThatSignsWithADidKey) {
    {
        auto sql = t.app().db->lease();
        mc::db::WriteTx tx(*sql);
        ASSERT_TRUE(cr::save_trusted_issuer(*sql, {"", "State Licensing Office", {kLicensing}, {mb}}, "test"));
        tx.commit();
    }
    auto r = check_text(vc11_2020(kLicensing).dump());
    EXPECT_EQ(r.verdict, cr::Verdict::valid);
    EXPECT_EQ(r.trust, cr::Trust::trusted);
    EXPECT_EQ(r.trusted_issuer, "State Licensing Office");
    // The same key under another issuer id earns nothing.
    EXPECT_EQ(check_text(vc11_2020("https://other.example/issuers/1").dump()).trust, cr::Trust::unconfirmed);
}

TEST_F(FieldVerify, AJwtCarryingItsOwnKeyIsSignatureOnly) {
    auto token = mc::unwrap(cr::sign_vc_jwt(badge(kLicensing), key, {.kid = {}, .embed_jwk = true}));
    auto r = check_text(token);
    EXPECT_TRUE(r.signature_ok);
    EXPECT_EQ(r.verdict, cr::Verdict::unconfirmed);
    EXPECT_TRUE(noted(r, "embedded_jwk"));
    auto c = t.client();
    c.get("/verify");
    EXPECT_TRUE(has(post(c, token, "en").body, "The token carries its own signing key"));
    EXPECT_TRUE(has(post(c, token, "es").body, "El token lleva su propia clave de firma"));
    // A changed payload fails against its own key.
    auto dot1 = token.find('.'), dot2 = token.rfind('.');
    auto payload = json::parse(*mc::crypto::base64url_decode(token.substr(dot1 + 1, dot2 - dot1 - 1)));
    if (payload.contains("vc")) payload["vc"]["name"] = "Forged";
    else payload["name"] = "Forged";
    auto forged = token.substr(0, dot1 + 1) + mc::crypto::base64url_encode(payload.dump()) + token.substr(dot2);
    EXPECT_EQ(check_text(forged).verdict, cr::Verdict::invalid);
}

TEST_F(FieldVerify, TheStandardsClrVectorIsHeldToTheClrShape) {
    std::ifstream in(std::string(MC_SOURCE_DIR) + "/tests/credentials/data/proof/clr_signed.json");
    std::stringstream s;
    s << in.rdbuf();
    std::string text = s.str();
    ASSERT_FALSE(text.empty());
    auto r = check_text(text);
    EXPECT_FALSE(problem(r, "schema")) << "a CLR is not an achievement badge";
    // The record's own proof holds. Its one part is signed too, but writes the achievement
    // creator's type as a single string where the OB 3.0 JSON Schema requires an array, and a
    // record is only as good as every credential in it.
    EXPECT_TRUE(problem(r, "clr_part_invalid"));
    EXPECT_FALSE(problem(r, "bad_signature"));
}

TEST_F(FieldVerify, AnEndorsementIsNotJudgedAsABadge) {
    json endorsement = {
        {"@context", json::array({cr::kVc2Context, "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"})},
        {"id", "urn:uuid:6a1b1c2e-8f77-4f0b-9a55-0d4a1b7c1e21"},
        {"type", {"VerifiableCredential", "EndorsementCredential"}},
        {"name", "Licensing office endorsement"},
        {"issuer", {{"id", did}, {"type", {"Profile"}}, {"name", "State Licensing Office"}}},
        {"validFrom", "2023-11-14T22:13:20Z"},
        {"credentialSubject",
         {{"id", "https://microcred.example/achievements/v1"},
          {"type", {"EndorsementSubject"}},
          {"endorsementComment", "Meets the licensing training requirement."}}}};
    auto signed_doc = mc::unwrap(cr::sign_credential(endorsement, key, did + "#" + mb, now));
    auto r = check_text(signed_doc.dump());
    EXPECT_TRUE(r.signature_ok);
    EXPECT_FALSE(problem(r, "schema"));
    EXPECT_EQ(r.verdict, cr::Verdict::unconfirmed);
}
