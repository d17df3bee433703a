// The recipient list reader: what a spreadsheet export looks like, and every way a row can be
// wrong, each reported on its own file line.
#include <gtest/gtest.h>

#include "credentials/keys/issuer_key.hpp"
#include "credentials/model/recipient_csv.hpp"

using namespace mc::credentials;

namespace {
std::vector<std::string> described(const RecipientList& l) {
    std::vector<std::string> out;
    for (const auto& e : l.errors) out.push_back(std::to_string(e.line) + ":" + e.key + ":" + e.value);
    return out;
}
} // namespace

TEST(RecipientCsv, ReadsHeaderNamedColumnsInAnyOrderAndCase) {
    auto l = read_recipient_csv("\xEF\xBB\xBF" "Email, NAME ,validFrom,Identifier\r\n"
                                " Ana@Example.org ,Ana Torres,2026-01-15,REG-7\r\n"
                                "luis@example.org,\"Pérez, Luis\",,\r\n");
    ASSERT_TRUE(l.errors.empty()) << described(l)[0];
    ASSERT_EQ(l.rows.size(), 2u);
    EXPECT_EQ(l.rows[0].email, "ana@example.org");
    EXPECT_EQ(l.rows[0].name, "Ana Torres");
    EXPECT_EQ(l.rows[0].identifier, "REG-7");
    ASSERT_TRUE(l.rows[0].valid_from);
    EXPECT_EQ(format_utc(*l.rows[0].valid_from), "2026-01-15T00:00:00Z");
    EXPECT_EQ(l.rows[0].line, 2u);
    EXPECT_EQ(l.rows[1].name, "Pérez, Luis");
    EXPECT_FALSE(l.rows[1].valid_from);
    EXPECT_EQ(l.rows[1].line, 3u);
}

TEST(RecipientCsv, QuotedLineBreaksKeepLineNumbersTrue) {
    auto l = read_recipient_csv("name,email\n\"Ana\nTorres\",ana@example.org\n\nBad,nope\n");
    ASSERT_EQ(l.rows.size(), 1u);
    EXPECT_EQ(l.rows[0].name, "Ana\nTorres");
    EXPECT_EQ(described(l), std::vector<std::string>{"5:bad_email:nope"});
}

TEST(RecipientCsv, EveryRowProblemIsReportedWithItsLine) {
    auto l = read_recipient_csv("name,email,validFrom\n"
                                "Ana,ana@example.org,2026-02-30x\n"
                                ",b@example.org,\n"
                                "Carla,,\n"
                                "Dana,ANA@example.org,\n"
                                "Eve,eve@example.org,,extra\n"
                                "Fay,fay@example.org,2026-03-01T08:00:00Z\n");
    EXPECT_EQ(described(l), (std::vector<std::string>{"2:bad_valid_from:2026-02-30x", "3:missing_name:",
                                                     "4:missing_email:", "5:duplicate_email:2",
                                                     "6:too_many_fields:4"}));
    // Ana is out for her date (her email still counts as seen: Dana's row repeats it); Fay is good.
    ASSERT_EQ(l.rows.size(), 1u);
    EXPECT_EQ(l.rows[0].email, "fay@example.org");
    EXPECT_EQ(l.rows[0].line, 7u);
    EXPECT_EQ(format_utc(*l.rows[0].valid_from), "2026-03-01T08:00:00Z");
}

TEST(RecipientCsv, WholeFileProblems) {
    EXPECT_EQ(described(read_recipient_csv("")), std::vector<std::string>{"0:empty_file:"});
    EXPECT_EQ(described(read_recipient_csv("name,mail\nA,a@example.org\n")),
              std::vector<std::string>{"1:missing_column:email"});
    EXPECT_EQ(described(read_recipient_csv("name,email,Email\n")), std::vector<std::string>{"1:duplicate_column:email"});
    EXPECT_EQ(described(read_recipient_csv("name,email\n")), std::vector<std::string>{"0:no_rows:"});
    EXPECT_EQ(described(read_recipient_csv("name,email\n\"Ana,ana@example.org\n")),
              std::vector<std::string>{"2:unclosed_quote:"});
    // Text that is not UTF-8, or a control character, is refused before anything is issued.
    EXPECT_EQ(described(read_recipient_csv("name,email\nAna,a@example.org\nBo\xff\xfe,b@example.org\n")),
              std::vector<std::string>{"3:bad_text:"});
    EXPECT_EQ(described(read_recipient_csv(std::string("name,email\nAn\0a,a@example.org\n", 30))),
              std::vector<std::string>{"2:bad_text:"});
}

TEST(RecipientCsv, EmailShapes) {
    for (const char* good : {"a@b.co", "first.last+tag@sub.example.org"}) EXPECT_TRUE(plausible_email(good)) << good;
    for (const char* bad : {"", "a", "@b.co", "a@b", "a@.co", "a@b.", "a b@c.co", "a@b@c.co", "a@b.co,"})
        EXPECT_FALSE(plausible_email(bad)) << bad;
}
