#include <gtest/gtest.h>

#include "credentials/jsonld/iri.hpp"
#include "credentials/jsonld/jsonld.hpp"

namespace {
using namespace mc::credentials::jsonld;

TEST(Iri, ResolvesRfc3986Examples) {
    const std::string base = "http://a/b/c/d;p?q";
    EXPECT_EQ(resolve_iri(base, "g"), "http://a/b/c/g");
    EXPECT_EQ(resolve_iri(base, "../g"), "http://a/b/g");
    EXPECT_EQ(resolve_iri(base, "../../../g"), "http://a/g");
    EXPECT_EQ(resolve_iri(base, "?y"), "http://a/b/c/d;p?y");
    EXPECT_EQ(resolve_iri(base, "#s"), "http://a/b/c/d;p?q#s");
    EXPECT_EQ(resolve_iri(base, ""), "http://a/b/c/d;p?q");
    EXPECT_EQ(resolve_iri(base, "//g"), "http://g");
    EXPECT_EQ(resolve_iri(base, "g/./h/../i"), "http://a/b/c/g/i");
}

TEST(Loader, UnknownContextIsAnErrorNotAFetch) {
    json doc = {{"@context", "https://example.com/not-pinned"}, {"name", "x"}};
    auto r = expand(doc);
    ASSERT_FALSE(r);
    EXPECT_TRUE(r.error().detail.starts_with("loading remote context failed"));
}

TEST(Loader, PinnedContextExpands) {
    json doc = {{"@context", "https://www.w3.org/ns/credentials/v2"}, {"name", "x"}};
    auto r = expand(doc);
    ASSERT_TRUE(r) << r.error().detail;
    EXPECT_EQ((*r)[0]["https://schema.org/name"][0]["@value"], "x");
}

TEST(Limits, DeepNestingIsRefused) {
    json doc = {{"@context", {{"@vocab", "http://e/"}}}};
    json* at = &doc;
    for (int i = 0; i < 1000; ++i) at = &((*at)["p"] = json::object());
    auto r = expand(doc);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().key, "credentials.too_complex");
}
} // namespace
