// Pure units: the type sniffer, tus header parsing, word counts and the completeness rules.
#include <gtest/gtest.h>

#include "evidence/access.hpp"
#include "evidence/rules.hpp"
#include "evidence/sniff.hpp"
#include "evidence/tus.hpp"

namespace mc::evidence {
namespace {

std::string bytes(std::initializer_list<int> b, std::string tail = "") {
    std::string s;
    for (int c : b) s += static_cast<char>(c);
    return s + tail;
}

// The evidence policy, row by row (src/evidence/access.hpp).
TEST(EvidencePolicy, NamesTheFourKindsOfReaderAndNobodyElse) {
    using R = EvidenceReader;
    EXPECT_EQ(evidence_reader({}), R::none); // an administrator: no standing at all
    EXPECT_EQ(evidence_reader({.owner = true, .decided = true}), R::educator);
    EXPECT_EQ(evidence_reader({.auditor = true}), R::auditor);
    EXPECT_EQ(evidence_reader({.assessor_role = true, .open_assignment = true}), R::assessor);
    EXPECT_EQ(evidence_reader({.assessor_role = true, .open_assignment = true, .decided = true}), R::assessor); // calibration
    EXPECT_EQ(evidence_reader({.assessor_role = true, .finished_assignment = true}), R::assessor); // others still at work
    EXPECT_EQ(evidence_reader({.assessor_role = true, .finished_assignment = true, .decided = true}), R::none);
    EXPECT_EQ(evidence_reader({.assessor_role = true, .decided = true, .reviews_open_appeal = true}), R::appeal_lead);
    EXPECT_EQ(evidence_reader({.assessor_role = true, .decided = true}), R::none); // the appeal closed
    // The assessor role taken away ends every assessor's access at once.
    EXPECT_EQ(evidence_reader({.open_assignment = true, .reviews_open_appeal = true}), R::none);
    EXPECT_EQ(reader_name(R::appeal_lead), "appeal_lead");
}

TEST(Sniff, RecognizesEveryEvidenceFormatByItsBytes) {
    EXPECT_EQ(sniff_media_type(bytes({0, 0, 0, 0x18}, "ftypisom....")), "video/mp4");
    EXPECT_EQ(sniff_media_type(bytes({0, 0, 0, 0x14}, "ftypqt  ....")), "video/quicktime");
    EXPECT_EQ(sniff_media_type(bytes({0, 0, 0, 0x1c}, "ftypM4A ....")), "audio/mp4");
    EXPECT_EQ(sniff_media_type(bytes({0, 0, 0, 0x18}, "ftypheic....")), "image/heic");
    EXPECT_EQ(sniff_media_type(bytes({0, 0, 0, 0x18}, "ftypmif1....")), "image/heic");
    EXPECT_EQ(sniff_media_type(bytes({0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x82, 0x84}, "webm")), "video/webm");
    EXPECT_EQ(sniff_media_type(bytes({0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x82, 0x88}, "matroska")), "video/x-matroska");
    EXPECT_EQ(sniff_media_type("ID3\x04rest"), "audio/mpeg");
    EXPECT_EQ(sniff_media_type(bytes({0xFF, 0xFB, 0x90, 0x64})), "audio/mpeg");
    EXPECT_EQ(sniff_media_type(bytes({0xFF, 0xF1, 0x50, 0x80})), "audio/aac");
    EXPECT_EQ(sniff_media_type(bytes({'R', 'I', 'F', 'F', 1, 2, 3, 4}, "WAVEfmt ")), "audio/wav");
    EXPECT_EQ(sniff_media_type("OggS\0\x02rest"), "audio/ogg");
    EXPECT_EQ(sniff_media_type(bytes({0xFF, 0xD8, 0xFF, 0xE1})), "image/jpeg");
    EXPECT_EQ(sniff_media_type(bytes({0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})), "image/png");
    EXPECT_EQ(sniff_media_type("GIF89a..."), "image/gif");
    EXPECT_EQ(sniff_media_type("%PDF-1.7\n"), "application/pdf");
    EXPECT_EQ(sniff_media_type(bytes({'P', 'K', 3, 4}, "....[Content_Types].xml....word/document.xml")),
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    EXPECT_EQ(sniff_media_type(bytes({'P', 'K', 3, 4}, "....[Content_Types].xml....xl/workbook.xml")),
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    EXPECT_EQ(sniff_media_type(bytes({'P', 'K', 3, 4}, "just a zip")), "");
    EXPECT_EQ(sniff_media_type("Observación: el niño señaló el pájaro.\n"), "text/plain");
}

TEST(Sniff, RefusesWhatIsNotEvidence) {
    EXPECT_EQ(sniff_media_type(""), "");
    EXPECT_EQ(sniff_media_type(bytes({0x7F, 'E', 'L', 'F', 2, 1, 1, 0})), "");
    EXPECT_EQ(sniff_media_type(bytes({'M', 'Z', 0x90, 0})), "");
    EXPECT_EQ(sniff_media_type(std::string("text with a NUL\0inside", 22)), "");
    EXPECT_EQ(sniff_media_type("\xC3\x28 invalid UTF-8"), "");
    EXPECT_EQ(sniff_media_type("\xED\xA0\x80 surrogate"), "");
    EXPECT_TRUE(looks_like_utf8_text("cut \xC3", true));
    EXPECT_FALSE(looks_like_utf8_text("cut \xC3", false));
}

TEST(Sniff, DeclaredTypeMustAgreeWithTheBytes) {
    EXPECT_EQ(accepted_media_type("application/pdf", "video/mp4"), "");
    EXPECT_EQ(accepted_media_type("video/mp4", "video/mp4"), "video/mp4");
    EXPECT_EQ(accepted_media_type("video/quicktime", "video/mp4"), "video/quicktime");
    EXPECT_EQ(accepted_media_type("image/heic", ""), "image/heic");
    EXPECT_EQ(accepted_media_type("image/jpeg", "image/png"), "image/jpeg");
    EXPECT_EQ(accepted_media_type("video/mp4", "audio/x-m4a"), "audio/mp4");
    EXPECT_EQ(accepted_media_type("video/webm", "audio/webm"), "audio/webm");
    EXPECT_EQ(accepted_media_type("text/plain", "text/html"), "");
    EXPECT_EQ(accepted_media_type("text/plain", "image/svg+xml"), "");
    EXPECT_EQ(accepted_media_type("", "video/mp4"), "");
    EXPECT_EQ(evidence_kind("video/webm"), "video");
    EXPECT_EQ(evidence_kind("application/pdf"), "document");
    EXPECT_EQ(evidence_kind("application/x-msdownload"), "");
}

TEST(Tus, LengthsAreDigitsOnly) {
    EXPECT_EQ(tus::parse_length("0"), 0u);
    EXPECT_EQ(tus::parse_length("2147483648"), 2147483648u);
    EXPECT_FALSE(tus::parse_length(""));
    EXPECT_FALSE(tus::parse_length("-1"));
    EXPECT_FALSE(tus::parse_length("+5"));
    EXPECT_FALSE(tus::parse_length(" 5"));
    EXPECT_FALSE(tus::parse_length("1e3"));
    EXPECT_FALSE(tus::parse_length("99999999999999999999"));
}

TEST(Tus, MetadataIsBase64PairsAndKeysMayHaveNoValue) {
    auto m = tus::parse_metadata("filename bmnDsW9zLm1wNA==, filetype dmlkZW8vbXA0,is_confidential");
    ASSERT_TRUE(m);
    EXPECT_EQ((*m)["filename"], "niños.mp4");
    EXPECT_EQ((*m)["filetype"], "video/mp4");
    EXPECT_TRUE(m->contains("is_confidential"));
    EXPECT_EQ((*m)["is_confidential"], "");
    EXPECT_TRUE(tus::parse_metadata("")->empty());
    EXPECT_EQ((*tus::parse_metadata("part_id Y2xpcA"))["part_id"], "clip"); // unpadded
    EXPECT_FALSE(tus::parse_metadata("filename !!!"));
    EXPECT_FALSE(tus::parse_metadata("a YQ==,a Yg=="));
    EXPECT_FALSE(tus::parse_metadata(",filename YQ=="));
    EXPECT_FALSE(tus::parse_metadata("filename YQ==,"));
}

TEST(Rules, WordsAreCountedAsReadersCountThem) {
    EXPECT_EQ(count_words(""), 0);
    EXPECT_EQ(count_words("  uno\tdos\ntres  "), 3);
    EXPECT_EQ(count_words("niño\xC2\xA0" "señaló"), 2); // no-break space
    EXPECT_EQ(count_words("¿Qué aprendió?"), 2);
}

TEST(Rules, CompletenessNamesEachMissingPartAndConsent) {
    catalog::Content c;
    catalog::EvidencePart text;
    text.id = "overview";
    text.min_words = 3;
    catalog::EvidencePart clip;
    clip.id = "clip";
    clip.kind = catalog::PartKind::artifact;
    clip.max_files = 1;
    catalog::EvidencePart extra = clip;
    extra.id = "extra";
    extra.required = false;
    c.parts = {text, clip, extra};
    auto problems = check_complete(c, {{"overview", "two words"}}, {}, 0, false);
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_EQ(problems[0].key, "evidence.errors.too_few_words");
    EXPECT_EQ(problems[0].words, 2);
    EXPECT_EQ(problems[1].part_id, "clip");
    auto media = check_complete(c, {{"overview", "one two three"}}, {{"clip", 1}}, 1, false);
    ASSERT_EQ(media.size(), 1u);
    EXPECT_EQ(media[0].key, "evidence.errors.consent_required");
    EXPECT_TRUE(check_complete(c, {{"overview", "one two three"}}, {{"clip", 1}}, 1, true).empty());
    EXPECT_EQ(check_complete(c, {{"overview", "one two three"}}, {{"clip", 2}}, 0, true)[0].key, "evidence.errors.too_many_files");
}

} // namespace
} // namespace mc::evidence
