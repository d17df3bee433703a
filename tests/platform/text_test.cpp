#include <gtest/gtest.h>

#include <string>

#include "platform/text/bounded_json.hpp"
#include "platform/text/csv_reader.hpp"
#include "platform/text/utf8.hpp"

using namespace mc;
using namespace std::string_literals;

TEST(Utf8, AcceptsWellFormedText) {
    EXPECT_TRUE(text::valid_utf8(""));
    EXPECT_TRUE(text::valid_utf8("Ana María Núñez"));
    EXPECT_TRUE(text::valid_utf8("\xE2\x82\xAC 5"));          // euro sign
    EXPECT_TRUE(text::valid_utf8("\xF0\x9F\x91\xB6 baby"));   // U+1F476
    EXPECT_TRUE(text::valid_utf8("\xF4\x8F\xBF\xBF"));        // U+10FFFF, the last code point
}

TEST(Utf8, RefusesMalformedSequences) {
    EXPECT_FALSE(text::valid_utf8("\xFF\xFE"));               // the sign-up name that broke /api/v1/me
    EXPECT_FALSE(text::valid_utf8("\xC0\xAF"));               // overlong '/'
    EXPECT_FALSE(text::valid_utf8("\xE0\x80\xAF"));           // overlong 3-byte
    EXPECT_FALSE(text::valid_utf8("\xED\xA0\x80"));           // surrogate U+D800
    EXPECT_FALSE(text::valid_utf8("\xF4\x90\x80\x80"));       // above U+10FFFF
    EXPECT_FALSE(text::valid_utf8("abc\xE2\x82"));            // truncated at the end
    EXPECT_FALSE(text::valid_utf8("\x80"));                   // lone continuation byte
}

TEST(Utf8, FindsControlCharacters) {
    EXPECT_TRUE(text::has_control_chars("Ana\r\nBcc: x@y"));
    EXPECT_TRUE(text::has_control_chars("a\0b"s));
    EXPECT_TRUE(text::has_control_chars("a\x7F"));
    EXPECT_TRUE(text::has_control_chars("a\xC2\x85"));        // NEL, a C1 control
    EXPECT_FALSE(text::has_control_chars("Ana María"));
    EXPECT_FALSE(text::has_control_chars("line one\nline two\ttab", /*allow_line_breaks=*/true));
    EXPECT_TRUE(text::has_control_chars("bell\a", /*allow_line_breaks=*/true));
    EXPECT_FALSE(text::is_clean_line("two\nlines"));
    EXPECT_TRUE(text::is_clean_line("Ana María"));
}

TEST(Utf8, RepairReplacesOnlyTheBadBytes) {
    EXPECT_EQ(text::repair_utf8("Ana\xFF\xFE"), "Ana\xEF\xBF\xBD\xEF\xBF\xBD");
    EXPECT_EQ(text::repair_utf8("Núñez"), "Núñez");
    EXPECT_TRUE(text::valid_utf8(text::repair_utf8("\xE2\x82 \xF0\x9F")));
}

TEST(BoundedJson, CountsDepthOutsideStrings) {
    EXPECT_EQ(text::json_depth("{}", 64), 1);
    EXPECT_EQ(text::json_depth(R"({"a":[{"b":1}]})", 64), 3);
    EXPECT_EQ(text::json_depth(R"({"a":"[[[[{{{{\"]]"})", 64), 1); // brackets inside a string
    EXPECT_EQ(text::json_depth("42", 64), 0);
}

TEST(BoundedJson, RefusesADepthBombWithoutRecursing) {
    // ~60,000 levels: the body that overflowed the stack of the verify path.
    std::string bomb(60000, '[');
    bomb += std::string(60000, ']');
    auto r = text::parse_untrusted_json(bomb);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().key, "errors.json_too_deep");
    EXPECT_EQ(r.error().code, Errc::bad_input);
}

TEST(BoundedJson, AcceptsWithinLimitsAndRefusesOver) {
    std::string nested = std::string(64, '[') + std::string(64, ']');
    EXPECT_TRUE(text::parse_untrusted_json(nested));
    std::string deeper = std::string(65, '[') + std::string(65, ']');
    EXPECT_FALSE(text::parse_untrusted_json(deeper));

    auto big = text::parse_untrusted_json(std::string(2000, ' ') + "1", {.max_bytes = 1000, .max_depth = 8});
    ASSERT_FALSE(big);
    EXPECT_EQ(big.error().code, Errc::too_large);

    auto broken = text::parse_untrusted_json("{\"name\": \"\xFF\xFE\"}");
    ASSERT_FALSE(broken);
    EXPECT_EQ(broken.error().key, "errors.bad_encoding");

    auto ok = text::parse_untrusted_json(R"({"name":"Ana"})");
    ASSERT_TRUE(ok);
    EXPECT_EQ((*ok)["name"], "Ana");
}

TEST(CsvReader, StopsAtTheFirstRecordWithTextThatIsNotClean) {
    auto good = mc::read_csv_records("a,b\n\"line\nbreak\",tab\there\n");
    EXPECT_EQ(good.bad_text_line, 0u);
    EXPECT_EQ(good.records.size(), 2u);
    auto bad = mc::read_csv_records("a,b\nok,ok\nx\xff,y\nlater,row\n");
    EXPECT_EQ(bad.bad_text_line, 3u);
    auto control = mc::read_csv_records(std::string("a,b\nx\x01y,z\n"));
    EXPECT_EQ(control.bad_text_line, 2u);
}
