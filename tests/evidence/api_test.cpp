// /api/v1/submissions: list, read, save an answer, submit (422 with problems, then 200).
#include "accounts/roles.hpp"
#include "tests/evidence/fixture.hpp"

namespace mc::testing {
namespace {

class Api : public EvidenceTest {
protected:
    http::Response call(Person& p, const std::string& method, const std::string& target, const std::string& body = "") {
        http::Request req;
        req.method = method;
        req.target = target;
        req.headers = {{"x-csrf-token", p.client.csrf}, {"content-type", "application/json"}, {"accept", "application/json"}};
        req.body = body;
        return p.client.send(req);
    }
};

TEST_F(Api, EducatorsReadAndWriteTheirSubmissions) {
    auto ana = person(accounts::educator);
    auto id = enroll(ana, publish("serve-return"));
    auto list = nlohmann::json::parse(call(ana, "GET", "/api/v1/submissions").body);
    ASSERT_EQ(list["submissions"].size(), 1u);
    EXPECT_EQ(list["submissions"][0]["id"], id);
    EXPECT_EQ(list["submissions"][0]["status"], "draft");

    auto put = call(ana, "PUT", "/api/v1/submissions/" + id + "/parts/overview", R"({"body":"one two three four five six"})");
    EXPECT_EQ(put.status, 200);
    EXPECT_EQ(nlohmann::json::parse(put.body)["word_count"], 6);
    EXPECT_EQ(call(ana, "PUT", "/api/v1/submissions/" + id + "/parts/overview", "not json").status, 400);

    auto refused = call(ana, "POST", "/api/v1/submissions/" + id + "/submit", R"({"consent_attested":true})");
    EXPECT_EQ(refused.status, 422);
    auto problems = nlohmann::json::parse(refused.body)["error"]["problems"];
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_EQ(problems[0]["part_id"], "clip");
    EXPECT_EQ(status_of(id), "draft");

    call(ana, "PUT", "/api/v1/submissions/" + id + "/parts/reflection", R"({"body":"I waited longer"})");
    ASSERT_EQ(upload(ana, id, "clip", fake_mp4(2000), "video/mp4").status, 204);
    auto ok = call(ana, "POST", "/api/v1/submissions/" + id + "/submit", R"({"consent_attested":true,"evidence_language":"es"})");
    EXPECT_EQ(ok.status, 200);
    auto view = nlohmann::json::parse(ok.body);
    EXPECT_EQ(view["status"], "submitted");
    EXPECT_EQ(view["evidence_language"], "es");
    EXPECT_EQ(view["parts"][1]["files"][0]["media_type"], "video/mp4");
}

} // namespace
} // namespace mc::testing
