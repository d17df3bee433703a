// Depth and size bombs on the public verify path: a credential nested 60,000 levels deep
// (about 360 KB) pasted as text, baked into a PNG or an SVG, or sent to the JSON API, gets a
// plain refusal and the server goes on answering. Before the bound this overflowed the stack.
#include <gtest/gtest.h>

#include <zlib.h>

#include "credentials/baking/png_bake.hpp"
#include "credentials/baking/svg_bake.hpp"
#include "credentials/web/module.hpp"
#include "platform/crypto/random.hpp"
#include "tests/support/test_app.hpp"

using mc::testing::TestApp;
using nlohmann::json;

namespace {

// A credential-shaped object whose "evidence" holds `levels` nested arrays.
std::string deep_credential(int levels) {
    std::string text = R"({"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],)"
                       R"("proof":{"type":"DataIntegrityProof"},"evidence":)";
    text.append(static_cast<std::size_t>(levels), '[');
    text.append(static_cast<std::size_t>(levels), ']');
    text += "}";
    return text;
}

void put32(mc::credentials::Bytes& out, std::uint32_t v) {
    for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<std::uint8_t>(v >> s));
}
void chunk(mc::credentials::Bytes& out, const char* type, const mc::credentials::Bytes& data) {
    put32(out, static_cast<std::uint32_t>(data.size()));
    mc::credentials::Bytes td(type, type + 4);
    td.insert(td.end(), data.begin(), data.end());
    out.insert(out.end(), td.begin(), td.end());
    put32(out, static_cast<std::uint32_t>(crc32(0, td.data(), static_cast<uInt>(td.size()))));
}
mc::credentials::Bytes one_pixel_png() {
    mc::credentials::Bytes png{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    chunk(png, "IHDR", {0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0});
    mc::credentials::Bytes raw{0, 128}, z(64);
    uLongf zlen = z.size();
    EXPECT_EQ(compress(z.data(), &zlen, raw.data(), raw.size()), Z_OK);
    z.resize(zlen);
    chunk(png, "IDAT", z);
    chunk(png, "IEND", {});
    return png;
}

mc::http::Response post_json(TestApp::Client& c, const std::map<std::string, std::string>& form) {
    mc::http::Request req;
    req.method = "POST";
    req.target = "/verify";
    req.headers["content-type"] = "application/x-www-form-urlencoded";
    req.headers["accept"] = "application/json";
    auto with_csrf = form;
    with_csrf["_csrf"] = c.csrf;
    req.body = mc::testing::form_encode(with_csrf);
    return c.send(req);
}

bool names_problem(const mc::http::Response& res, const std::string& problem) {
    auto report = json::parse(res.body, nullptr, false);
    if (!report.is_object() || !report.contains("problems")) return false;
    for (const auto& p : report["problems"])
        if (p == problem) return true;
    return false;
}

} // namespace

TEST(VerifyBounds, DeeplyNestedPasteIsRefusedInPlainWords) {
    TestApp t(true, false);
    ASSERT_TRUE(mc::credentials::seed_demo(t.app()));
    auto c = t.client();
    c.get("/verify");
    auto bomb = deep_credential(60000);
    ASSERT_GT(bomb.size(), 100000u);
    auto page = c.post("/verify", {{"credential", bomb}});
    EXPECT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("nested too deeply"), std::string::npos);
    auto machine = post_json(c, {{"credential", bomb}});
    EXPECT_EQ(machine.status, 200);
    EXPECT_TRUE(names_problem(machine, "too_deep")) << machine.body.substr(0, 500);
    // Within the bound, the same shape is read (and fails for its own reasons, not depth).
    auto shallow = post_json(c, {{"credential", deep_credential(20)}});
    EXPECT_FALSE(names_problem(shallow, "too_deep"));
    // And the server still answers.
    EXPECT_EQ(c.get("/verify").status, 200);
}

TEST(VerifyBounds, DeeplyNestedCredentialInsideABakedPngOrSvg) {
    TestApp t(true, false);
    ASSERT_TRUE(mc::credentials::seed_demo(t.app()));
    auto c = t.client();
    c.get("/verify");
    auto bomb = deep_credential(60000);
    auto png = mc::credentials::bake_png(one_pixel_png(), bomb);
    ASSERT_TRUE(png) << png.error().detail;
    std::string png_text(png->begin(), png->end());
    auto from_png = post_json(c, {{"image_base64", mc::crypto::base64url_encode(png_text)}});
    EXPECT_EQ(from_png.status, 200);
    EXPECT_TRUE(names_problem(from_png, "too_deep")) << from_png.body.substr(0, 500);

    auto svg = mc::credentials::bake_svg(R"(<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"></svg>)", bomb);
    ASSERT_TRUE(svg) << svg.error().detail;
    auto from_svg = post_json(c, {{"credential", *svg}});
    EXPECT_EQ(from_svg.status, 200);
    EXPECT_TRUE(names_problem(from_svg, "too_deep")) << from_svg.body.substr(0, 500);
}

TEST(VerifyBounds, OversizedCredentialTextIsRefused) {
    TestApp t(true, false);
    ASSERT_TRUE(mc::credentials::seed_demo(t.app()));
    auto c = t.client();
    c.get("/verify");
    std::string big = R"({"@context":[],"proof":{},"name":")" + std::string(1200000, 'a') + "\"}";
    auto res = post_json(c, {{"credential", big}});
    EXPECT_EQ(res.status, 200);
    EXPECT_TRUE(names_problem(res, "too_large")) << res.body.substr(0, 500);
}
