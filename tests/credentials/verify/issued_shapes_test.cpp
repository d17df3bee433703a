// Safe mode is on wherever we sign, too: everything this project issues must canonicalize
// without dropping anything (else signing itself fails), and verify offline.
#include <gtest/gtest.h>

#include "credentials/proof/default_proof.hpp"
#include "credentials/rdfc/canonicalize.hpp"
#include "credentials/status/bitstring_status_list.hpp"
#include "sample_credential.hpp"

namespace {

using namespace mc::credentials;

TEST(IssuedShapes, AwardAndStatusListCredentialsSurviveSafeMode) {
    auto award = build_open_badge_credential(verify_test::sample_facts());
    auto strict = canonicalize_jsonld(award);
    ASSERT_TRUE(strict) << strict.error().detail;
    EXPECT_EQ(*strict, *canonicalize_jsonld(award, false)); // nothing was dropped

    StatusListCredentialOptions o;
    o.id = "https://microcred.example/status/1";
    o.issuer_id = "https://microcred.example/issuers/main";
    o.valid_from = SysSeconds{std::chrono::seconds{1700000000}};
    auto list = build_status_list_credential(BitstringStatusList(), o);
    ASSERT_TRUE(list) << list.error().detail;
    auto key = *generate_issuer_key(KeyAlgorithm::ed25519, "k", o.valid_from);
    auto vm = *verification_method_id(o.issuer_id, key);
    auto signed_list = sign_credential(*list, key, vm, o.valid_from);
    ASSERT_TRUE(signed_list) << signed_list.error().detail;
    EXPECT_TRUE(verify_credential(*signed_list, [&](std::string_view) -> mc::Result<PublicKey> {
        return key.public_part();
    }));
}

} // namespace
