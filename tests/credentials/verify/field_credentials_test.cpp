// Credentials as other issuers in the field make them (issue: "verify what the field issues"):
// the standard's own CLR vector with the extensions context, older OB contexts, the VC 1.1 data
// model with Ed25519Signature2020, the legacy eddsa-2022 name, did:key methods with and without a
// fragment, and endorsements. Each must be accepted for what it is, and the issuer confirmed only
// when the caller vouched for the key.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "credentials/proof/default_proof.hpp"
#include "credentials/verify/cli.hpp"
#include "credentials/verify/credential_kinds.hpp"
#include "credentials/verify/ob3_schema.hpp"
#include "platform/unwrap.hpp"
#include "sample_credential.hpp"

namespace {

using nlohmann::json;
using namespace mc::credentials;
namespace fs = std::filesystem;

const SysSeconds kIssued{std::chrono::seconds{1700000000}};

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

struct Field : ::testing::Test {
    fs::path dir;
    IssuerKey key = mc::unwrap(generate_issuer_key(KeyAlgorithm::ed25519, "field", kIssued));
    std::string mb = mc::unwrap(public_key_multibase(key.public_part()));
    std::string did = "did:key:" + mb;

    void SetUp() override {
        dir = fs::temp_directory_path() / ("mc-field-" + std::to_string(::getpid()) + "-" +
                                           ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::create_directories(dir);
    }
    void TearDown() override { fs::remove_all(dir); }

    // An OB 3.0 credential as another issuer would send it: no status list of ours.
    json badge(const std::string& issuer_id) {
        auto facts = verify_test::sample_facts();
        facts.issuer.id = issuer_id;
        facts.credential_status = nullptr;
        return build_open_badge_credential(facts);
    }
    json signed_with(const json& doc, const std::string& vm, std::string_view suite = kEddsaRdfc2022) {
        ProofOptions options;
        options.verification_method = vm;
        options.created = kIssued;
        return mc::unwrap(sign_data_integrity(doc, key, options, rdfc_canonicalizer(), suite));
    }
    // The same badge as an early OB 3.0 issuer made it on the VC 1.1 data model: the 2018 context,
    // issuanceDate, and no terms the older OB contexts do not define (inLanguage came in 3.0.3).
    json vc11_badge(const std::string& issuer_id, const std::string& ob_context, bool ed25519_2020 = false) {
        json doc = badge(issuer_id);
        doc["@context"] = json::array({kVc11Context, ob_context});
        doc["@context"].push_back(ed25519_2020 ? "https://w3id.org/security/suites/ed25519-2020/v1"
                                               : "https://w3id.org/security/data-integrity/v1");
        doc["issuanceDate"] = doc["validFrom"];
        doc.erase("validFrom");
        strip(doc, "inLanguage");
        return doc;
    }
    static void strip(json& j, const char* name) {
        if (j.is_object()) {
            j.erase(name);
            for (auto& [_, v] : j.items()) strip(v, name);
        } else if (j.is_array()) {
            for (auto& v : j) strip(v, name);
        }
    }
    std::pair<int, std::string> run(const json& doc, bool trust = false) {
        auto path = (dir / "c.json").string();
        std::ofstream(path, std::ios::binary) << doc.dump();
        OfflineOptions o;
        if (trust) o.trusted_keys = {mb};
        std::ostringstream out;
        int code = verify_files({path}, out, o);
        return {code, out.str()};
    }
};

} // namespace

TEST_F(Field, TheStandardsOwnClrVectorIsACheckedRecordNotABadge) {
    std::ifstream in(std::string(MC_TEST_DATA_DIR) + "/proof/clr_signed.json");
    std::stringstream s;
    s << in.rdbuf();
    auto doc = json::parse(s.str());
    EXPECT_EQ(credential_kind(doc), CredentialKind::clr);
    auto [code, out] = run(doc);
    // It names the extensions context (unknown before) and was held to the badge schema.
    EXPECT_EQ(code, kVerifySignatureOnly) << out;
    EXPECT_TRUE(has(out, "signature:  valid (Data Integrity eddsa-rdfc-2022)")) << out;
    EXPECT_TRUE(has(out, "schema:     matches the CLR 2.0 ClrCredential schema")) << out;

    auto empty = doc;
    empty.erase("proof");
    empty["credentialSubject"]["verifiableCredential"] = json::array();
    auto r = validate_credential_schema(empty);
    ASSERT_FALSE(r);
    EXPECT_TRUE(has(r.error().detail, "/credentialSubject/verifiableCredential")) << r.error().detail;
}

TEST_F(Field, OlderAndExtensionContextsAreKnown) {
    // 3.0.0 and 3.0.1 were written for the VC 1.1 context (with VC 2.0 they redefine its
    // protected terms, which JSON-LD forbids); 3.0.2 is on VC 2.0.
    for (const char* ob : {"https://purl.imsglobal.org/spec/ob/v3p0/context.json",
                           "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json"}) {
        auto doc = vc11_badge(did, ob);
        doc["@context"].push_back("https://purl.imsglobal.org/spec/ob/v3p0/extensions.json");
        auto [code, out] = run(signed_with(doc, did + "#" + mb), true);
        EXPECT_EQ(code, kVerifyConfirmed) << ob << "\n" << out;
    }
    auto doc = badge(did);
    strip(doc, "inLanguage");
    doc["@context"] = json::array({kVc2Context, "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
                                   "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"});
    auto [code, out] = run(signed_with(doc, did + "#" + mb), true);
    EXPECT_EQ(code, kVerifyConfirmed) << out;
}

TEST_F(Field, VcOnePointOneWithEd25519Signature2020) {
    auto doc = vc11_badge(did, "https://purl.imsglobal.org/spec/ob/v3p0/context.json", true);
    doc["expirationDate"] = "2099-01-01T00:00:00Z";
    auto secured = signed_with(doc, did + "#" + mb, kEd25519Signature2020);
    auto [code, out] = run(secured);
    EXPECT_EQ(code, kVerifySignatureOnly) << out;
    EXPECT_TRUE(has(out, "signature:  valid (Ed25519Signature2020)")) << out;
    EXPECT_TRUE(has(out, "until 2099-01-01T00:00:00Z")) << out;
    EXPECT_TRUE(has(out, "VC 1.1 data model")) << out;
    EXPECT_TRUE(has(out, "older suite name Ed25519Signature2020")) << out;
    EXPECT_EQ(run(secured, true).first, kVerifyConfirmed);

    auto expired = doc;
    expired["expirationDate"] = "2020-01-01T00:00:00Z";
    auto [c2, o2] = run(signed_with(expired, did + "#" + mb, kEd25519Signature2020), true);
    EXPECT_EQ(c2, kVerifyNotValid);
    EXPECT_TRUE(has(o2, "EXPIRED on 2020-01-01T00:00:00Z")) << o2;

    auto tampered = secured;
    tampered["issuanceDate"] = "2001-01-01T00:00:00Z";
    EXPECT_EQ(run(tampered, true).first, kVerifyNotValid);
}

TEST_F(Field, LegacyEddsa2022IsAcceptedWithAWarning) {
    auto [code, out] = run(signed_with(badge(did), did + "#" + mb, kEddsa2022Legacy), true);
    EXPECT_EQ(code, kVerifyConfirmed) << out;
    EXPECT_TRUE(has(out, "signature:  valid (Data Integrity eddsa-2022)")) << out;
    EXPECT_TRUE(has(out, "note:       signed with the older suite name eddsa-2022")) << out;
}

TEST_F(Field, ADidKeyIsItsOwnKeyButNotTheIssuersWord) {
    // The DID named alone, as the issuer's own id.
    auto [c1, o1] = run(signed_with(badge(did), did), true);
    EXPECT_EQ(c1, kVerifyConfirmed) << o1;
    // Under an https issuer: the signature holds, nothing ties the key to that issuer.
    auto under_https = signed_with(badge("https://licensing.example.gov/issuers/ece"), did + "#" + mb);
    auto [c2, o2] = run(under_https);
    EXPECT_EQ(c2, kVerifySignatureOnly) << o2;
    EXPECT_TRUE(has(o2, "a did:key that names only itself")) << o2;
    EXPECT_TRUE(has(o2, "NOT confirmed")) << o2;
    // A fragment that is some other key is refused.
    auto other = mc::unwrap(generate_issuer_key(KeyAlgorithm::ed25519, "o", kIssued));
    auto other_mb = mc::unwrap(public_key_multibase(other.public_part()));
    auto [c3, o3] = run(signed_with(badge(did), did + "#" + other_mb));
    EXPECT_EQ(c3, kVerifyNotValid) << o3;
}

TEST_F(Field, AnEndorsementIsHeldToTheEndorsementSchema) {
    json endorsement = {
        {"@context", json::array({kVc2Context, "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"})},
        {"id", "urn:uuid:6a1b1c2e-8f77-4f0b-9a55-0d4a1b7c1e21"},
        {"type", {"VerifiableCredential", "EndorsementCredential"}},
        {"name", "Licensing office endorsement"},
        {"issuer", {{"id", did}, {"type", {"Profile"}}, {"name", "State Licensing Office"}}},
        {"validFrom", "2023-11-14T22:13:20Z"},
        {"credentialSubject",
         {{"id", "https://microcred.example/achievements/v1"},
          {"type", {"EndorsementSubject"}},
          {"endorsementComment", "Meets the licensing training requirement."}}}};
    EXPECT_EQ(credential_kind(endorsement), CredentialKind::endorsement);
    auto [code, out] = run(signed_with(endorsement, did + "#" + mb), true);
    EXPECT_EQ(code, kVerifyConfirmed) << out;
    EXPECT_TRUE(has(out, "matches the Open Badges 3.0 EndorsementCredential schema")) << out;
    auto wrong = endorsement;
    wrong["credentialSubject"].erase("id"); // an endorsement must say what it endorses
    auto [c2, o2] = run(signed_with(wrong, did + "#" + mb), true);
    EXPECT_EQ(c2, kVerifyNotValid) << o2;
    EXPECT_TRUE(has(o2, "does NOT match the Open Badges 3.0 EndorsementCredential schema at /credentialSubject")) << o2;
    // Before, an endorsement was held to the achievement schema and could never pass.
    EXPECT_FALSE(validate_ob3_schema(endorsement));
}
