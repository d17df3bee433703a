#include <gtest/gtest.h>

#include "credentials/rdfc/nquads.hpp"

namespace {
using namespace mc::credentials::rdf;

TEST(NQuads, ParsesAllTermKinds) {
    auto d = parse_nquads("<urn:s> <urn:p> \"x\"@en-GB _:g1 .\n# comment\n_:b0 <urn:p> \"1\"^^<urn:dt> .\n");
    ASSERT_TRUE(d);
    ASSERT_EQ(d->size(), 2u);
    EXPECT_EQ((*d)[0].object.language, "en-GB");
    EXPECT_EQ((*d)[0].graph, Term::blank("g1"));
    EXPECT_EQ((*d)[1].object.datatype, "urn:dt");
    EXPECT_EQ(to_nquads((*d)[1]), "_:b0 <urn:p> \"1\"^^<urn:dt> .\n");
}

TEST(NQuads, RejectsMalformed) {
    for (const char* bad : {"<urn:s> <urn:p> .", "<urn:s> _:p <urn:o> .", "<urn:s> <urn:p> \"x .",
                            "<rel> <urn:p> <urn:o> .", "<urn:s> <urn:p> <urn:o>", "<urn:s> <urn:p> \"\\q\" ."})
        EXPECT_FALSE(parse_nquads(bad)) << bad;
}

TEST(NQuads, CanonicalEscapes) {
    std::string out;
    append_escaped_literal(out, std::string("a\"\\\n\r\t\b\f\x01\x7f", 10));
    EXPECT_EQ(out, "a\\\"\\\\\\n\\r\\t\\b\\f\\u0001\\u007F");
}
} // namespace
