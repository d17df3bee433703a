// The CLR 2.0 document: its shape, and that the engine signs and verifies it with every badge
// inside kept byte for byte (a badge in a record still verifies on its own).
#include <gtest/gtest.h>

#include "credentials/model/clr.hpp"
#include "credentials/proof/default_proof.hpp"
#include "platform/unwrap.hpp"

using namespace mc::credentials;
using nlohmann::json;

namespace {

const SysSeconds kWhen = std::chrono::sys_days{std::chrono::year{2026} / 3 / 1};

AwardFacts award(const std::string& uuid, const std::string& achievement) {
    AwardFacts f;
    f.credential_id = "urn:uuid:" + uuid;
    f.achievement_id = "https://mc.example/achievements/" + achievement;
    f.locale = "en";
    f.issuer = {"https://mc.example/issuers/agency", "Agency", "https://mc.example", "", ""};
    f.content.title.en = "Serve and return " + achievement;
    f.content.summary.en = "Responsive interactions.";
    f.content.key_method.en = "Video of practice.";
    f.competency_code = "INT-1";
    f.competency_title = "Interactions";
    f.competency_url = "https://mc.example/api/v1/frameworks/core#INT-1";
    f.framework_title = "Core";
    f.recipient_name = "Ana Torres";
    f.recipient_email = "ana@example.org";
    f.recipient_salt = "salt";
    f.valid_from = kWhen;
    f.evidence_narrative = "Reviewed.";
    return f;
}

} // namespace

TEST(Clr, BundlesSignedBadgesAndSignsTheWhole) {
    auto key = mc::unwrap(generate_issuer_key(KeyAlgorithm::ed25519, "k", kWhen));
    auto mb = mc::unwrap(public_key_multibase(key.public_part()));
    std::string vm = "https://mc.example/issuers/agency#" + mb;
    auto resolve = [&](std::string_view method) -> mc::Result<PublicKey> {
        if (method != vm) return mc::fail(mc::Errc::bad_input, "unknown", std::string(method));
        return key.public_part();
    };
    ClrFacts facts;
    facts.credential_id = "urn:uuid:0b6cf9a4-2c1d-4f1e-9a57-3d2f5a9b7c10";
    facts.name = "Comprehensive Learner Record of Ana Torres";
    facts.issuer = {"https://mc.example/issuers/agency", "Agency", "https://mc.example", "", ""};
    facts.recipient_name = "Ana Torres";
    facts.recipient_email = "ana@example.org";
    facts.recipient_salt = "pepper";
    facts.valid_from = kWhen;
    // Two badges of one achievement and one of another: the achievement list has each once.
    for (auto [uuid, ach] : {std::pair{"8f0c5d1e-1b2a-4c3d-8e4f-5a6b7c8d9e01", "a"},
                             std::pair{"8f0c5d1e-1b2a-4c3d-8e4f-5a6b7c8d9e02", "b"},
                             std::pair{"8f0c5d1e-1b2a-4c3d-8e4f-5a6b7c8d9e03", "a"}}) {
        auto signed_vc = sign_credential(build_open_badge_credential(award(uuid, ach)), key, vm, kWhen);
        ASSERT_TRUE(signed_vc) << signed_vc.error().detail;
        facts.credentials.push_back(*signed_vc);
    }
    auto clr = build_clr_credential(facts);
    EXPECT_EQ(clr["type"], json::array({"VerifiableCredential", "ClrCredential"}));
    EXPECT_EQ(clr["@context"][1], kClrContext);
    const auto& subject = clr["credentialSubject"];
    EXPECT_EQ(subject["type"], json::array({"ClrSubject"}));
    ASSERT_EQ(subject["verifiableCredential"].size(), 3u);
    ASSERT_EQ(subject["achievement"].size(), 2u);
    EXPECT_EQ(subject["achievement"][0]["id"], "https://mc.example/achievements/a");
    EXPECT_EQ(subject["achievement"][1]["id"], "https://mc.example/achievements/b");
    EXPECT_EQ(subject["identifier"][0]["identityHash"], hashed_identity("ana@example.org", "pepper"));

    auto secured = sign_credential(clr, key, vm, kWhen);
    ASSERT_TRUE(secured) << secured.error().detail;
    EXPECT_TRUE(verify_credential(*secured, resolve));
    for (const auto& inner : (*secured)["credentialSubject"]["verifiableCredential"])
        EXPECT_TRUE(verify_credential(inner, resolve));

    // The record's signature covers the badges inside it: change one and the whole fails.
    auto tampered = *secured;
    tampered["credentialSubject"]["verifiableCredential"][1]["name"] = "Something else";
    EXPECT_FALSE(verify_credential(tampered, resolve));
    auto dropped = *secured;
    dropped["credentialSubject"]["verifiableCredential"].erase(0);
    EXPECT_FALSE(verify_credential(dropped, resolve));
}
