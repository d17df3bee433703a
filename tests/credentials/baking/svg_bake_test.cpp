#include <gtest/gtest.h>

#include "credentials/baking/svg_bake.hpp"
#include "platform/unwrap.hpp"

using namespace mc::credentials;

namespace {

const std::string kSvg =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<!-- badge -->\n"
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">\n"
    "  <circle cx=\"5\" cy=\"5\" r=\"4\" fill=\"#005ea2\"/>\n"
    "  <text>A &amp; B</text>\n"
    "</svg>\n";
const std::string kJson = R"({"name":"Early literacy","note":"a]]>b < c & d"})";
const std::string kJwt = "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJ4In0.c2lnbmF0dXJl";

} // namespace

TEST(SvgBake, JsonInCdata) {
    auto baked = bake_svg(kSvg, kJson);
    ASSERT_TRUE(baked) << baked.error().detail;
    EXPECT_NE(baked->find("xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\""), std::string::npos);
    EXPECT_NE(baked->find("<openbadges:credential><![CDATA["), std::string::npos);
    auto back = read_svg_credential(*baked);
    ASSERT_TRUE(back) << back.error().detail;
    EXPECT_EQ(*back, kJson);
}

TEST(SvgBake, JwtInVerifyAttribute) {
    auto baked = bake_svg(kSvg, kJwt);
    ASSERT_TRUE(baked);
    EXPECT_NE(baked->find("<openbadges:credential verify=\"" + kJwt + "\"/>"), std::string::npos);
    EXPECT_EQ(**read_svg_credential(*baked), kJwt);
    EXPECT_FALSE(bake_svg(kSvg, "not a jwt"));
    EXPECT_FALSE(bake_svg(kSvg, "a.b.c\"/><script>"));
}

// Found by fuzz_svg_bake: an element using the openbadges prefix without declaring it would
// have become a second credential once baking declared the prefix on the root.
TEST(SvgBake, UndeclaredPrefixRefused) {
    std::string svg = "<svg xmlws:openbadges=\"https://purl.imsglobal.org/ob/v3p0\"><openbadges:credential>"
                      "<![CDATA[{\"a\":1}]]></openbadges:credential></svg>";
    EXPECT_FALSE(read_svg_credential(svg));
    EXPECT_FALSE(bake_svg(svg, kJwt));
}

TEST(SvgBake, TrimsCredential) {
    auto baked = bake_svg(kSvg, "\n  " + kJson + "  \n");
    ASSERT_TRUE(baked);
    EXPECT_EQ(**read_svg_credential(*baked), kJson);
}

TEST(SvgBake, RebakeReplacesAndReusesPrefix) {
    auto once = mc::unwrap(bake_svg(kSvg, kJson));
    auto twice = bake_svg(once, kJwt);
    ASSERT_TRUE(twice);
    EXPECT_EQ(**read_svg_credential(*twice), kJwt);
    EXPECT_EQ(twice->find("xmlns:openbadges"), twice->rfind("xmlns:openbadges")); // declared once
    std::string ob = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:ob=\"https://purl.imsglobal.org/ob/v3p0\"><g/></svg>";
    auto baked = bake_svg(ob, kJwt);
    ASSERT_TRUE(baked);
    EXPECT_NE(baked->find("<ob:credential verify="), std::string::npos);
    EXPECT_EQ(baked->find("xmlns:openbadges"), std::string::npos);
}

TEST(SvgBake, ReadsOtherSpellings) {
    EXPECT_EQ(**read_svg_credential("<svg><credential xmlns=\"https://purl.imsglobal.org/ob/v3p0\">"
                                    " {&quot;a&quot;:&#49;&#x32;} </credential></svg>"),
              "{\"a\":12}");
    EXPECT_EQ(**read_svg_credential("<svg xmlns:x='https://purl.imsglobal.org/ob/v3p0'><g><x:credential "
                                    "verify='a.b.c'></x:credential></g></svg>"),
              "a.b.c");
    // The same local name in another namespace is not a credential.
    EXPECT_EQ(*read_svg_credential("<svg xmlns:openbadges='https://example.org/other'><openbadges:credential "
                                   "verify='a.b.c'/></svg>"),
              std::nullopt);
    // Scoping: a declaration on a sibling does not leak (the prefix is then unbound: refused).
    EXPECT_FALSE(read_svg_credential("<svg><g xmlns:o='https://purl.imsglobal.org/ob/v3p0'/><o:credential "
                                     "verify='a.b.c'/></svg>"));
}

TEST(SvgBake, RefusesEntityTricksAndMalformed) {
    const std::string laughs =
        "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]>"
        "<svg xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\"><openbadges:credential>&lol2;"
        "</openbadges:credential></svg>";
    EXPECT_FALSE(read_svg_credential(laughs));
    EXPECT_FALSE(bake_svg(laughs, kJson));
    // An external DOCTYPE without internal subset is fine (common in exported SVGs).
    EXPECT_TRUE(bake_svg("<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" "
                         "\"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\"><svg></svg>",
                         kJwt));
    const char* ns = "<svg xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\">";
    for (std::string bad : {std::string(ns) + "<openbadges:credential>&ext;</openbadges:credential></svg>",
                            std::string(ns) + "<openbadges:credential><b/></openbadges:credential></svg>",
                            std::string(ns) + "<openbadges:credential verify='a.b.c'>x</openbadges:credential></svg>",
                            std::string(ns) + "<openbadges:credential verify='a.b.c'/><openbadges:credential "
                                              "verify='a.b.c'/></svg>",
                            std::string(ns) + "<openbadges:credential></openbadges:credential></svg>",
                            std::string(ns) + "<g></svg>",
                            std::string(ns),
                            std::string("<html></html>"),
                            std::string("<svg a='1' a='2'></svg>"),
                            std::string("<svg a=1></svg>"),
                            std::string("<svg></svg><svg></svg>"),
                            std::string("<svg><!-- never closed </svg>"),
                            std::string(ns) + "<openbadges:credential>&#0;</openbadges:credential></svg>",
                            std::string(ns) + "<openbadges:credential>&#xD800;</openbadges:credential></svg>",
                            std::string("")}) {
        EXPECT_FALSE(read_svg_credential(bad)) << bad;
    }
    EXPECT_FALSE(bake_svg("<svg xmlns:openbadges='https://example.org/x'></svg>", kJwt));
    EXPECT_FALSE(bake_svg("<svg/>", kJwt));
    std::string deep = "<svg>";
    for (int i = 0; i < 1000; ++i) deep += "<g>";
    EXPECT_FALSE(read_svg_credential(deep));
}
