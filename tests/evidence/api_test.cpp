// /api/v1/submissions: list, read, save an answer, submit (422 with problems, then 200).
#include <thread>
#include <vector>

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

// The page autosaves a few seconds after typing while the person may press Save: two saves of one
// answer at the same moment. On PostgreSQL both used to find no row and collide on insert (a 500).
TEST_F(Api, TwoSavesOfOneAnswerAtTheSameMomentBothSucceed) {
    auto ana = person(accounts::educator);
    auto id = enroll(ana, publish("serve-return"));
    constexpr int kRounds = 25;
    std::vector<int> failures(2, 0);
    std::vector<std::thread> writers;
    for (int w = 0; w < 2; ++w) {
        writers.emplace_back([&, w] {
            Person me{ana.id, ana.client}; // the same person in two browser tabs
            for (int i = 0; i < kRounds; ++i) {
                auto body = nlohmann::json{{"body", "tab " + std::to_string(w) + " round " + std::to_string(i)}}.dump();
                if (call(me, "PUT", "/api/v1/submissions/" + id + "/parts/overview", body).status != 200) ++failures[w];
            }
        });
    }
    for (auto& t : writers) t.join();
    EXPECT_EQ(failures[0] + failures[1], 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM submission_answers WHERE submission_id = :k", id), 1);
}

} // namespace
} // namespace mc::testing
