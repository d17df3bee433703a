// Issue 8, item 4, on the evidence routes: a tus file name that is not UTF-8 (or holds a line
// break) is refused at create, so it can never break /api/v1/audit/evidence-views for auditors;
// a JSON member of the wrong type is a 422 naming the member, never a 500.
#include "accounts/roles.hpp"
#include "platform/crypto/random.hpp"
#include "tests/evidence/fixture.hpp"

namespace mc::testing {
namespace {

class EdgeText : public EvidenceTest {
protected:
    http::Response call(Person& p, const std::string& method, const std::string& target, const std::string& body) {
        http::Request req;
        req.method = method;
        req.target = target;
        req.headers = {{"x-csrf-token", p.client.csrf}, {"content-type", "application/json"}, {"accept", "application/json"}};
        req.body = body;
        return p.client.send(req);
    }
};

TEST_F(EdgeText, ATusFileNameThatIsNotUtf8IsRefusedAndTheAuditLogStaysReadable) {
    auto ana = person(accounts::educator);
    auto sub = enroll(ana, publish("serve-return"));
    int status = 0;
    auto id = create_upload(ana, sub, "clip", 1000, "video/mp4", "clip\xff\xfe.mp4", &status);
    EXPECT_EQ(status, 422);
    EXPECT_TRUE(id.empty());
    create_upload(ana, sub, "clip", 1000, "video/mp4", "clip\r\nX-Evil: 1.mp4", &status);
    EXPECT_EQ(status, 422);
    // A clean name still works, and the auditor's log answers.
    auto ok = upload(ana, sub, "clip", fake_mp4(4096), "video/mp4", "clip.mp4");
    EXPECT_EQ(ok.status, 204);
    auto auditor = person(accounts::auditor, "Aud");
    auto views = auditor.client.get("/api/v1/audit/evidence-views");
    EXPECT_EQ(views.status, 200) << views.body;
}

TEST_F(EdgeText, AJsonMemberOfTheWrongTypeIs422NamingIt) {
    auto ana = person(accounts::educator);
    auto id = enroll(ana, publish("serve-return"));
    auto res = call(ana, "POST", "/api/v1/submissions/" + id + "/submit", R"({"consent_attested":"yes"})");
    ASSERT_EQ(res.status, 422) << res.body;
    auto body = nlohmann::json::parse(res.body);
    EXPECT_EQ(body["error"]["fields"][0]["field"], "consent_attested");
    EXPECT_EQ(body["error"]["code"], "errors.wrong_type");
    EXPECT_NE(body["error"]["message"].get<std::string>().find("consent_attested"), std::string::npos);
    auto lang = call(ana, "POST", "/api/v1/submissions/" + id + "/submit", R"({"evidence_language":7})");
    EXPECT_EQ(lang.status, 422);
    EXPECT_EQ(nlohmann::json::parse(lang.body)["error"]["fields"][0]["field"], "evidence_language");
}

TEST_F(EdgeText, JsonThatIsNotUtf8IsRefused) {
    auto ana = person(accounts::educator);
    auto id = enroll(ana, publish("serve-return"));
    auto res = call(ana, "PUT", "/api/v1/submissions/" + id + "/parts/overview", "{\"body\":\"a\xff\xfe\"}");
    EXPECT_EQ(res.status, 400);
}

} // namespace
} // namespace mc::testing
