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

// Offline drafts send the revision their edit started from: a second device's edit made in the
// meantime is never overwritten; the stale write gets 409 with the stored answer to choose from.
TEST_F(Api, AStaleRevisionIsRefusedWithTheStoredAnswer) {
    auto ana = person(accounts::educator);
    auto id = enroll(ana, publish("serve-return"));
    auto path = "/api/v1/submissions/" + id + "/parts/overview";
    auto view = nlohmann::json::parse(call(ana, "GET", "/api/v1/submissions/" + id).body);
    EXPECT_EQ(view["parts"][0]["revision"], 0);

    auto phone = call(ana, "PUT", path, R"({"body":"written on the phone","revision":0})");
    ASSERT_EQ(phone.status, 200);
    EXPECT_EQ(nlohmann::json::parse(phone.body)["revision"], 1);
    // The tablet also started from revision 0: refused, the phone's text is kept and returned.
    auto tablet = call(ana, "PUT", path, R"({"body":"written on the tablet","revision":0})");
    ASSERT_EQ(tablet.status, 409);
    auto conflict = nlohmann::json::parse(tablet.body);
    EXPECT_EQ(conflict["error"]["code"], "evidence.errors.stale_answer");
    EXPECT_EQ(conflict["current"]["body"], "written on the phone");
    EXPECT_EQ(conflict["current"]["revision"], 1);
    EXPECT_EQ(nlohmann::json::parse(call(ana, "GET", "/api/v1/submissions/" + id).body)["parts"][0]["answer"],
              "written on the phone");
    // She chooses the tablet's version: sent again from the revision she was shown, it is saved.
    auto chosen = call(ana, "PUT", path, R"({"body":"written on the tablet","revision":1})");
    ASSERT_EQ(chosen.status, 200);
    EXPECT_EQ(nlohmann::json::parse(chosen.body)["revision"], 2);
    // A revision from the future is stale too; a save without one (the page's autosave) still works.
    EXPECT_EQ(call(ana, "PUT", path, R"({"body":"x","revision":7})").status, 409);
    auto plain = call(ana, "PUT", path, R"({"body":"autosaved"})");
    EXPECT_EQ(plain.status, 200);
    EXPECT_EQ(nlohmann::json::parse(plain.body)["revision"], 3);
    // Bad revisions name the field; nothing changes.
    for (const char* bad : {R"({"body":"y","revision":-1})", R"({"body":"y","revision":"1"})",
                            R"({"body":"y","revision":1.5})", R"({"body":"y","revision":99999999999999999})"}) {
        auto res = call(ana, "PUT", path, bad);
        EXPECT_EQ(res.status, 422) << bad;
        EXPECT_NE(res.body.find("evidence.errors.revision"), std::string::npos) << bad;
    }
    EXPECT_EQ(nlohmann::json::parse(call(ana, "GET", "/api/v1/submissions/" + id).body)["parts"][0]["answer"], "autosaved");
}

// Two devices send an edit from the same revision at the same moment: exactly one is saved.
TEST_F(Api, TwoDevicesWritingFromOneRevisionAtOnceSaveExactlyOne) {
    auto ana = person(accounts::educator);
    auto id = enroll(ana, publish("serve-return"));
    constexpr int kRounds = 10;
    for (int round = 0; round < kRounds; ++round) {
        int statuses[2] = {0, 0};
        std::vector<std::thread> devices;
        for (int d = 0; d < 2; ++d) {
            devices.emplace_back([&, d] {
                Person me{ana.id, ana.client};
                auto body = nlohmann::json{{"body", "device " + std::to_string(d)}, {"revision", round}}.dump();
                statuses[d] = call(me, "PUT", "/api/v1/submissions/" + id + "/parts/overview", body).status;
            });
        }
        for (auto& t : devices) t.join();
        EXPECT_EQ((statuses[0] == 200) + (statuses[1] == 200), 1) << "round " << round;
        EXPECT_EQ((statuses[0] == 409) + (statuses[1] == 409), 1) << "round " << round;
    }
}

} // namespace
} // namespace mc::testing
