#include <gtest/gtest.h>

#include <png.h>

#include "credentials/baking/png_bake.hpp"
#include "credentials/baking/svg_bake.hpp"
#include "credentials/certificate/certificate.hpp"
#include "render_tools.hpp"

namespace mc::credentials {
namespace {

using namespace testing;

BadgeImageFacts sample_badge() {
    return {"Responsive, Language-Rich Interactions", "Infant & Toddler Care · Level 2",
            "Early Learning Workforce Collaborative"};
}

TEST(BadgePng, IsA512SquarePng) {
    auto png = render_badge_png(sample_badge());
    ASSERT_TRUE(png) << png.error().detail;
    write_file(sample_path("badge.png"), *png);
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    ASSERT_TRUE(png_image_begin_read_from_memory(&image, png->data(), png->size())) << image.message;
    EXPECT_EQ(image.width, 512u);
    EXPECT_EQ(image.height, 512u);
    image.format = PNG_FORMAT_RGBA;
    std::vector<unsigned char> pixels(PNG_IMAGE_SIZE(image));
    ASSERT_TRUE(png_image_finish_read(&image, nullptr, pixels.data(), 0, nullptr)) << image.message;
    EXPECT_EQ(pixels[3], 0) << "corner outside the emblem is transparent";
    EXPECT_EQ(pixels[(256 * 512 + 40) * 4 + 3], 255) << "the emblem is opaque";
}

TEST(BadgePng, CanBeBaked) {
    auto png = render_badge_png(sample_badge());
    ASSERT_TRUE(png);
    auto baked = bake_png(ByteView(reinterpret_cast<const std::uint8_t*>(png->data()), png->size()),
                          R"({"type":["VerifiableCredential"]})");
    ASSERT_TRUE(baked) << baked.error().detail;
}

TEST(BadgePng, LongAndMarkupTitlesRender) {
    BadgeImageFacts f = sample_badge();
    f.title = "<b>" + std::string(600, 'M') + " & more</b>";
    auto png = render_badge_png(f);
    ASSERT_TRUE(png) << png.error().detail;
    write_file(sample_path("badge_long.png"), *png);
    f.title = "bad \xFF utf-8";
    auto bad = render_badge_png(f);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, Errc::bad_input);
}

TEST(BadgeSvg, EscapesTextForXml) {
    BadgeImageFacts f = sample_badge();
    f.title = "<script>&\"'</script>";
    f.issuer_name = "A & B <Agency>";
    const std::string svg = render_badge_svg(f);
    write_file(sample_path("badge_escape.svg"), svg);
    EXPECT_EQ(svg.find("<script"), std::string::npos);
    EXPECT_NE(svg.find("&lt;script&gt;&amp;&quot;&apos;&lt;/script&gt;"), std::string::npos) << svg;
    EXPECT_NE(svg.find("A &amp; B &lt;Agency&gt;"), std::string::npos) << svg;
    EXPECT_EQ(svg.find("& "), std::string::npos);
}

TEST(BadgeSvg, IsAStandaloneDocumentThatCanBeBaked) {
    const std::string svg = render_badge_svg(sample_badge());
    write_file(sample_path("badge.svg"), svg);
    EXPECT_TRUE(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    EXPECT_NE(svg.find("Infant &amp; Toddler Care"), std::string::npos);
    auto baked = bake_svg(svg, R"({"type":["VerifiableCredential"]})");
    ASSERT_TRUE(baked) << baked.error().detail;
    auto back = read_svg_credential(*baked);
    ASSERT_TRUE(back && *back);
}

TEST(BadgeSvg, ControlCharactersAndBadUtf8NeverBreakTheXml) {
    BadgeImageFacts f = sample_badge();
    f.title = std::string("a\x01" "b\xFF" "c\x0B" "d");
    const std::string svg = render_badge_svg(f);
    for (char c : svg) EXPECT_FALSE(static_cast<unsigned char>(c) < 0x20 && c != '\n') << int(c);
    EXPECT_TRUE(bake_svg(svg, R"({"a":1})").has_value());
}

} // namespace
} // namespace mc::credentials
