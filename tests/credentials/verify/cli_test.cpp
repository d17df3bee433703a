// verify_files on files we produce: signed with a generated key, then tampered, expired,
// malformed, baked into PNG and SVG, and as VC-JWTs with kid or an embedded jwk.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <zlib.h>

#include "credentials/baking/png_bake.hpp"
#include "credentials/baking/svg_bake.hpp"
#include "credentials/jwt/vc_jwt.hpp"
#include "credentials/proof/default_proof.hpp"
#include "credentials/verify/cli.hpp"
#include "clique.hpp"
#include "sample_credential.hpp"

namespace {

using nlohmann::json;
using namespace mc::credentials;
namespace fs = std::filesystem;

const SysSeconds kIssued{std::chrono::seconds{1700000000}};

struct Files : ::testing::Test {
    fs::path dir;
    IssuerKey key;
    std::string vm;
    std::string key_mb; // the key as --trust-key takes it
    json unsigned_doc;

    void SetUp() override {
        dir = fs::temp_directory_path() / ("mc-verify-" + std::to_string(::getpid()) + "-" +
                                           ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::create_directories(dir);
        key = *generate_issuer_key(KeyAlgorithm::ed25519, "k1", kIssued);
        unsigned_doc = build_open_badge_credential(verify_test::sample_facts());
        vm = *verification_method_id(unsigned_doc["issuer"]["id"].get<std::string>(), key);
        key_mb = vm.substr(vm.find('#') + 1);
    }
    OfflineOptions trusting() const {
        OfflineOptions o;
        o.trusted_keys = {key_mb};
        return o;
    }
    void TearDown() override { fs::remove_all(dir); }

    json sign(const json& doc) { return *sign_credential(doc, key, vm, kIssued); }
    std::string write(const std::string& name, std::string_view bytes) {
        auto path = (dir / name).string();
        std::ofstream(path, std::ios::binary) << bytes;
        return path;
    }
    // Runs the CLI on one file: exit code and printed report.
    std::pair<int, std::string> run(const std::string& path, const OfflineOptions& o = {}) {
        std::ostringstream out;
        int code = verify_files({path}, out, o);
        return {code, out.str()};
    }
};

void put32(Bytes& out, std::uint32_t v) {
    for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<std::uint8_t>(v >> s));
}
void png_chunk(Bytes& out, const char* type, const Bytes& data) {
    put32(out, static_cast<std::uint32_t>(data.size()));
    Bytes td(type, type + 4);
    td.insert(td.end(), data.begin(), data.end());
    out.insert(out.end(), td.begin(), td.end());
    put32(out, static_cast<std::uint32_t>(crc32(0, td.data(), static_cast<uInt>(td.size()))));
}
// A 1x1 grey PNG, built by hand.
Bytes one_pixel_png() {
    Bytes png{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    png_chunk(png, "IHDR", {0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0});
    Bytes raw{0, 128}, z(64);
    uLongf zlen = z.size();
    compress(z.data(), &zlen, raw.data(), raw.size());
    z.resize(zlen);
    png_chunk(png, "IDAT", z);
    png_chunk(png, "IEND", {});
    return png;
}
std::string as_text(const Bytes& b) { return {b.begin(), b.end()}; }

TEST_F(Files, SignedCredentialIsValidInEveryContainer) {
    std::string text = sign(unsigned_doc).dump(2);
    auto [code, out] = run(write("badge.json", text), trusting());
    EXPECT_EQ(code, kVerifyConfirmed) << out;
    EXPECT_NE(out.find("badge.json: VALID, issuer confirmed"), std::string::npos) << out;
    EXPECT_NE(out.find("signature:  valid (Data Integrity eddsa-rdfc-2022)"), std::string::npos) << out;
    EXPECT_NE(out.find("issuer:     State ECE Agency (https://microcred.example/issuers/main)"), std::string::npos) << out;
    EXPECT_NE(out.find("revocation: not checked offline (status list https://microcred.example/status/1)"),
              std::string::npos) << out;
    EXPECT_NE(out.find("schema:     matches"), std::string::npos) << out;

    auto png = write("badge.png", as_text(*bake_png(one_pixel_png(), text)));
    auto svg = write("badge.svg", *bake_svg("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>", text));
    std::ostringstream all;
    EXPECT_EQ(verify_files({png, svg}, all, trusting()), kVerifyConfirmed) << all.str();
    EXPECT_NE(all.str().find("PNG badge carrying a JSON credential"), std::string::npos) << all.str();
    EXPECT_NE(all.str().find("SVG badge carrying a JSON credential"), std::string::npos) << all.str();
}

TEST_F(Files, OneEdTechVectorIsValid) {
    std::ifstream in(std::string(MC_TEST_DATA_DIR) + "/proof/ob3_signed.json");
    std::stringstream s;
    s << in.rdbuf();
    auto [code, out] = run(write("vector.json", s.str()));
    EXPECT_EQ(code, kVerifySignatureOnly) << out; // nobody vouched for its key
    EXPECT_NE(out.find("no status list"), std::string::npos) << out;
}

TEST_F(Files, TamperedAddedTermsExpiredAndMalformedAreNotValid) {
    auto signed_doc = sign(unsigned_doc);
    auto tampered = signed_doc;
    tampered["credentialSubject"]["achievement"]["name"] = "Advanced degree";
    auto [c1, o1] = run(write("tampered.json", tampered.dump()));
    EXPECT_EQ(c1, 1);
    EXPECT_NE(o1.find("signature:  NOT valid"), std::string::npos) << o1;

    auto expired_doc = unsigned_doc;
    expired_doc["validUntil"] = "2020-01-01T00:00:00Z";
    auto [c2, o2] = run(write("expired.json", sign(expired_doc).dump()));
    EXPECT_EQ(c2, 1);
    EXPECT_NE(o2.find("signature:  valid"), std::string::npos) << o2;
    EXPECT_NE(o2.find("expiry:     EXPIRED on 2020-01-01T00:00:00Z"), std::string::npos) << o2;

    auto [c3, o3] = run(write("malformed.json", "{\"@context\": ["));
    EXPECT_EQ(c3, 1);
    EXPECT_NE(o3.find("NOT checked"), std::string::npos) << o3;

    auto [c4, o4] = run((dir / "missing.json").string());
    EXPECT_EQ(c4, 1);
    EXPECT_NE(o4.find("cannot be read"), std::string::npos) << o4;

    // Schema: a signed credential without a required field.
    auto no_name = unsigned_doc;
    no_name["credentialSubject"]["achievement"].erase("name");
    auto [c5, o5] = run(write("no-name.json", sign(no_name).dump()));
    EXPECT_EQ(c5, 1);
    EXPECT_NE(o5.find("schema:     does NOT match the Open Badges 3.0 AchievementCredential schema at "
                      "/credentialSubject/achievement"),
              std::string::npos) << o5;

    auto [c6, o6] = run(write("garbage.png", "\x89PNG\r\n\x1a\nnot really"));
    EXPECT_EQ(c6, 1);
    EXPECT_NE(o6.find("unreadable PNG"), std::string::npos) << o6;
}

TEST_F(Files, KeyOfAnotherControllerIsRefused) {
    // Signed with a key named under a different id than the issuer's: anyone could do that.
    auto other_vm = *verification_method_id("https://attacker.example/issuer", key);
    auto forged = *sign_credential(unsigned_doc, key, other_vm, kIssued);
    auto [code, out] = run(write("forged.json", forged.dump()));
    EXPECT_EQ(code, 1);
    EXPECT_NE(out.find("belongs to https://attacker.example/issuer, not to the issuer"), std::string::npos) << out;
}

TEST_F(Files, VcJwtWithKidOrEmbeddedJwk) {
    auto with_kid = *sign_vc_jwt(unsigned_doc, key, {.kid = vm});
    auto [c1, o1] = run(write("kid.jwt", with_kid + "\n"), trusting());
    EXPECT_EQ(c1, kVerifyConfirmed) << o1;
    EXPECT_NE(o1.find("signature:  valid (VC-JWT EdDSA)"), std::string::npos) << o1;

    auto es = *generate_issuer_key(KeyAlgorithm::es256, "k2", kIssued);
    auto with_jwk = *sign_vc_jwt(unsigned_doc, es, {.kid = "", .embed_jwk = true});
    auto path = write("jwk.jwt", with_jwk);
    // The OB 3.0 spec allows the key in the header: the signature is checked with it, and since
    // anyone can put any key there the issuer is not confirmed (exit 3, never 0).
    auto [c2, o2] = run(path);
    EXPECT_EQ(c2, kVerifySignatureOnly) << o2;
    EXPECT_NE(o2.find("SIGNATURE INTACT, ISSUER NOT CONFIRMED"), std::string::npos) << o2;
    EXPECT_NE(o2.find("signature:  valid (VC-JWT ES256)"), std::string::npos) << o2;
    EXPECT_NE(o2.find("which proves nothing about the issuer"), std::string::npos) << o2;
    // A token whose payload was changed still fails with its own embedded key.
    auto dot1 = with_jwk.find('.'), dot2 = with_jwk.rfind('.');
    auto changed = with_jwk.substr(0, dot1 + 1) + with_jwk.substr(dot1 + 2, dot2 - dot1 - 2) + "A" + with_jwk.substr(dot2);
    EXPECT_EQ(run(write("jwk-changed.jwt", changed)).first, kVerifyNotValid);
    OfflineOptions vetted;
    vetted.trust_embedded_jwk = true;
    auto [c3, o3] = run(path, vetted);
    EXPECT_EQ(c3, kVerifyConfirmed) << o3; // the caller vetted the embedded key

    auto expired_doc = unsigned_doc;
    expired_doc["validUntil"] = "2020-01-01T00:00:00Z";
    auto [c4, o4] = run(write("expired.jwt", *sign_vc_jwt(expired_doc, key, {.kid = vm})));
    EXPECT_EQ(c4, 1);
    EXPECT_NE(o4.find("signature:  valid"), std::string::npos) << o4;
    EXPECT_NE(o4.find("EXPIRED"), std::string::npos) << o4;

    auto parts = with_kid;
    parts[parts.find('.') + 3] ^= 1; // flip a payload character
    auto [c5, o5] = run(write("tampered.jwt", parts));
    EXPECT_EQ(c5, 1) << o5;
}

// rdf-canon test074 as a credential: refused by the canonicalization work limit (how
// quickly is measured in bench/credentials/verify_bench.cpp, not here).
TEST_F(Files, CliqueCredentialIsRefused) {
    auto [code, out] = run(write("clique.json", verify_test::clique_credential().dump()));
    EXPECT_EQ(code, 1);
    EXPECT_NE(out.find("signature:  NOT valid"), std::string::npos) << out;
    EXPECT_NE(out.find("limit"), std::string::npos) << out;
}

TEST_F(Files, ExitCodes) {
    std::ostringstream out;
    EXPECT_EQ(verify_files({}, out), 2);
    auto good = write("good.json", sign(unsigned_doc).dump());
    auto bad = write("bad.json", "[]");
    EXPECT_EQ(verify_files({good, bad}, out), 1);
    EXPECT_EQ(verify_files({good, good}, out, trusting()), kVerifyConfirmed);
}

// Signed with a key named under the issuer's own id, with nobody vouching for that key: the
// signature holds, but anyone could have made it, so the CLI says so and exits 3, not 0.
TEST_F(Files, SignatureOnlyIsNotConfirmed) {
    auto good = write("good.json", sign(unsigned_doc).dump());
    auto [code, out] = run(good);
    EXPECT_EQ(code, kVerifySignatureOnly) << out;
    EXPECT_NE(out.find("good.json: SIGNATURE INTACT, ISSUER NOT CONFIRMED"), std::string::npos) << out;
    EXPECT_NE(out.find("NOT confirmed"), std::string::npos) << out;
    // Another key on the trusted list does not confirm this one.
    OfflineOptions other;
    other.trusted_keys = {"z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"};
    EXPECT_EQ(run(good, other).first, kVerifySignatureOnly);
    auto with_kid = write("kid.jwt", *sign_vc_jwt(unsigned_doc, key, {.kid = vm}));
    EXPECT_EQ(run(with_kid).first, kVerifySignatureOnly);
    // One file not valid among them makes the whole run "not valid".
    std::ostringstream all;
    EXPECT_EQ(verify_files({good, write("bad.json", "[]")}, all, trusting()), kVerifyNotValid);
}

// A credential nested far deeper than any real one is refused before any tree work, as text,
// PNG or SVG.
TEST_F(Files, DepthBombIsRefused) {
    std::string bomb = R"({"@context":[],"proof":{},"evidence":)" + std::string(60000, '[') + std::string(60000, ']') + "}";
    auto [code, out] = run(write("bomb.json", bomb));
    EXPECT_EQ(code, kVerifyNotValid);
    EXPECT_NE(out.find("NOT checked"), std::string::npos) << out;
    auto png = write("bomb.png", as_text(*bake_png(one_pixel_png(), bomb)));
    EXPECT_EQ(run(png).first, kVerifyNotValid);
}

} // namespace
