// Issue 8, item 4, through the real router: a form, a query string or a JSON body with text that
// is not UTF-8, or a name with a control character, is refused at the edge with 422 naming the
// field, so nothing stored can later break another person's JSON answer (/api/v1/me was a 500).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "platform/http/edge_text.hpp"
#include "tests/support/test_app.hpp"

namespace mc::testing {
namespace {

http::Response sign_up(TestApp::Client& c, const std::string& name, const std::string& email) {
    c.get("/sign-up");
    return c.post("/sign-up", {{"name", name}, {"email", email}, {"password", "a long enough password 1"}, {"locale", "en"}});
}

TEST(EdgeText, ASignUpNameThatIsNotUtf8Is422AndNoAccountIsMade) {
    TestApp t;
    auto c = t.client();
    auto res = sign_up(c, "Ana \xff\xfe", "ana@example.org");
    EXPECT_EQ(res.status, 422);
    EXPECT_NE(res.body.find("name"), std::string::npos);
    // The same email with a clean name then works: nothing was stored by the refusal.
    // Sign-up answers "check your email" and the account exists once the emailed link is opened.
    auto ok = sign_up(c, "Ana", "ana@example.org");
    EXPECT_EQ(ok.status, 200) << ok.body.substr(0, 400);
    std::string mail;
    {
        auto s = t.app().db->lease();
        *s << "SELECT body_text FROM outbox WHERE to_address = 'ana@example.org'", soci::into(mail);
    }
    auto at = mail.find("/sign-up/confirm/");
    ASSERT_NE(at, std::string::npos) << mail;
    auto link = mail.substr(at, mail.find_first_of(" \r\n", at) - at);
    EXPECT_EQ(c.get(link).status, 303);
    auto me = c.get("/api/v1/me");
    EXPECT_EQ(me.status, 200);
    EXPECT_FALSE(nlohmann::json::parse(me.body, nullptr, false).is_discarded());
}

TEST(EdgeText, ANameWithALineBreakIs422) {
    TestApp t;
    auto c = t.client();
    EXPECT_EQ(sign_up(c, "Ana\r\nBcc: x@example.org", "ana@example.org").status, 422);
    EXPECT_EQ(sign_up(c, std::string("Ana\0B", 5), "ana2@example.org").status, 422);
}

TEST(EdgeText, AQueryStringThatIsNotUtf8Is422) {
    TestApp t;
    auto c = t.client();
    http::Request req;
    req.method = "GET";
    req.target = "/catalog?q=%FF%FE";
    req.headers["accept"] = "application/json";
    auto res = c.send(req);
    ASSERT_EQ(res.status, 422);
    EXPECT_EQ(nlohmann::json::parse(res.body)["error"]["fields"][0]["field"], "q");
}

TEST(EdgeText, FieldRules) {
    EXPECT_TRUE(http::acceptable_text("answer", "line one\r\nline two\tend"));
    EXPECT_FALSE(http::acceptable_text("answer", std::string("a\0b", 3)));
    EXPECT_FALSE(http::acceptable_text("name", "a\nb"));
    EXPECT_FALSE(http::acceptable_text("display_name", "a\tb"));
    EXPECT_FALSE(http::acceptable_text("answer", "\xc3\x28"));
    EXPECT_TRUE(http::acceptable_text("name", "José Núñez"));
}

} // namespace
} // namespace mc::testing
