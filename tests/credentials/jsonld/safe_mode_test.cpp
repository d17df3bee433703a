// Safe mode: whatever plain JSON-LD would silently drop is an error, so a signature over
// the RDF covers everything the JSON says. The W3C suites run with safe=false.
#include <gtest/gtest.h>

#include "credentials/jsonld/jsonld.hpp"

namespace {
using namespace mc::credentials::jsonld;

const json kVocab = {{"@vocab", "http://e.example/"}};

Options safe_options() {
    Options o;
    o.safe = true;
    return o;
}

// Expands (and converts to RDF) both ways: plain must succeed, safe must fail with `event`.
void expect_refused(const json& doc, const std::string& event) {
    auto plain = to_rdf(doc);
    ASSERT_TRUE(plain) << plain.error().detail;
    auto safe = to_rdf(doc, safe_options());
    ASSERT_FALSE(safe) << "accepted in safe mode: " << doc.dump();
    EXPECT_EQ(safe.error().code, mc::Errc::bad_input);
    EXPECT_EQ(safe.error().key, kUnsafeKey);
    EXPECT_NE(safe.error().detail.find(event), std::string::npos) << safe.error().detail;
}

TEST(SafeMode, UndefinedTermWithoutVocab) {
    expect_refused({{"@context", "https://www.w3.org/2018/credentials/v1"},
                    {"type", "VerifiableCredential"},
                    {"notInAnyContext", "added later"}},
                   "invalid property: notInAnyContext");
}

TEST(SafeMode, UndefinedTermInVc2) {
    expect_refused({{"@context", {"https://www.w3.org/ns/credentials/v2",
                                  "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"}},
                    {"type", {"VerifiableCredential", "OpenBadgeCredential"}},
                    {"credentialSubject", {{"type", {"AchievementSubject"}}, {"notInAnyContext", "x"}}}},
                   "invalid property: notInAnyContext");
}

TEST(SafeMode, TermMappedToNullAndKeywordLikeKey) {
    expect_refused({{"@context", {{"@vocab", "http://e.example/"}, {"hidden", nullptr}}}, {"hidden", 1}, {"p", 1}},
                   "invalid property: hidden");
    expect_refused({{"@context", kVocab}, {"@unknown", 1}, {"p", 1}}, "invalid property: @unknown");
}

TEST(SafeMode, RelativeIris) {
    expect_refused({{"@context", kVocab}, {"@id", "relative"}, {"p", 1}}, "relative @id reference");
    expect_refused({{"@context", {{"p", "http://e.example/p"}}}, {"@type", "Badge"}, {"p", 1}},
                   "relative @type reference");
    expect_refused({{"@context", {{"img", {{"@id", "http://e.example/img"}, {"@type", "@id"}}}}},
                    {"@id", "http://x.example/"},
                    {"img", "pic.png"}},
                   "relative object reference");
}

TEST(SafeMode, ReservedTermsAndBadValues) {
    expect_refused({{"@context", {{"@vocab", "http://e.example/"}, {"@reserved", "http://e.example/r"}}}, {"p", 1}},
                   "reserved term");
    expect_refused({{"@context", kVocab}, {"p", {{"@value", "x"}, {"@language", "not a tag!"}}}},
                   "invalid @language value");
    expect_refused({{"@context", kVocab}, {"p", {{"@value", nullptr}}}, {"q", 1}}, "null @value value");
    expect_refused({{"@context", kVocab}, {"@graph", json::array({"free", {{"p", 1}}})}}, "free-floating scalar");
    // Without an rdfDirection mode the base direction is not part of the RDF.
    expect_refused({{"@context", kVocab}, {"p", {{"@value", "x"}, {"@direction", "rtl"}}}}, "rdfDirection not set");
}

TEST(SafeMode, VocabCatchAllAndCleanDocumentsPass) {
    // A @vocab maps every term, so nothing is dropped. (The pinned VC 2.0 context has no
    // @vocab: there, undefined terms are dropped, see UndefinedTermInVc2.)
    json vocab = {{"@context", kVocab}, {"notInAnyContext", "x"}};
    ASSERT_TRUE(to_rdf(vocab, safe_options()));
    json clean = {{"@context", kVocab}, {"@id", "http://x.example/"}, {"@type", "Badge"}, {"p", {{"@value", "x"}, {"@language", "en"}}}};
    auto r = to_rdf(clean, safe_options());
    ASSERT_TRUE(r) << r.error().detail;
    EXPECT_EQ(r->size(), 2u);
}

TEST(SafeMode, DefaultIsOffForPlainExpansion) {
    json doc = {{"@context", {{"p", "http://e.example/p"}}}, {"p", 1}, {"dropped", 2}};
    auto r = expand(doc);
    ASSERT_TRUE(r) << r.error().detail;
    EXPECT_EQ((*r)[0].size(), 1u);
}

} // namespace
