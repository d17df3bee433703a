// Enrolling, autosave, submit validation, consent, withdraw and revise through the real router.
#include "accounts/roles.hpp"
#include "tests/evidence/fixture.hpp"

namespace mc::testing {
namespace {

using accounts::educator;

class Submissions : public EvidenceTest {};

TEST_F(Submissions, EnrollingTwiceLeadsToTheSameDraft) {
    auto mc = publish("serve-return");
    auto ana = person(educator);
    auto first = enroll(ana, mc);
    auto again = enroll(ana, mc);
    EXPECT_EQ(first, again);
    EXPECT_EQ(status_of(first), "draft");
    auto page = ana.client.get("/learning");
    EXPECT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("Serve and return"), std::string::npos);
    EXPECT_NE(page.body.find("Draft"), std::string::npos);
    // A signed-in person's saved language beats the browser's; the language switch (a cookie) beats both.
    ana.client.cookies["mc_lang"] = "es";
    auto es = ana.client.get("/learning");
    EXPECT_NE(es.body.find("Ida y vuelta"), std::string::npos);
    EXPECT_NE(es.body.find("Borrador"), std::string::npos);
}

TEST_F(Submissions, OnlyEducatorsEnrollAndOnlyInPublishedOnes) {
    auto mc = publish("serve-return");
    auto assessor = person(accounts::assessor);
    EXPECT_EQ(assessor.client.post("/learning/enroll", {{"micro_credential_id", mc}}).status, 403);
    auto ana = person(educator);
    EXPECT_EQ(ana.client.post("/learning/enroll", {{"micro_credential_id", "nope"}}).status, 404);
    EXPECT_EQ(ana.client.post("/learning/enroll", {{"micro_credential_id", mc}}, false).status, 403); // no CSRF
}

TEST_F(Submissions, AutosaveKeepsTheAnswerAndReportsTheTime) {
    auto ana = person(educator);
    auto id = enroll(ana, publish("serve-return"));
    http::Request req;
    req.method = "POST";
    req.target = "/submissions/" + id + "/parts/overview";
    req.headers = {{"content-type", "application/x-www-form-urlencoded"}, {"hx-request", "true"}, {"x-csrf-token", ana.client.csrf}};
    req.body = form_encode({{"body", "Six toddlers and <b>two</b> infants"}});
    auto res = ana.client.send(req);
    EXPECT_EQ(res.status, 200);
    EXPECT_NE(res.body.find("Saved at"), std::string::npos);
    EXPECT_NE(res.body.find("5 words"), std::string::npos);
    auto page = ana.client.get("/submissions/" + id);
    EXPECT_NE(page.body.find("Six toddlers and &lt;b&gt;two&lt;/b&gt; infants"), std::string::npos);
    // Without JavaScript the Save button posts the same form and comes back to the page.
    EXPECT_EQ(ana.client.post("/submissions/" + id + "/parts/reflection", {{"body", "x"}}).status, 303);
    EXPECT_EQ(ana.client.post("/submissions/" + id + "/parts/clip", {{"body", "x"}}).status, 404);
}

TEST_F(Submissions, SubmitRefusesIncompleteEvidenceAndChangesNothing) {
    auto ana = person(educator);
    auto id = enroll(ana, publish("serve-return"));
    ana.client.post("/submissions/" + id + "/parts/overview", {{"body", "Too short"}});
    auto res = ana.client.post("/submissions/" + id + "/submit", {{"evidence_language", "es"}, {"consent", "1"}});
    EXPECT_EQ(res.status, 422);
    EXPECT_NE(res.body.find("Overview: write at least 5 words (you have 2)."), std::string::npos);
    EXPECT_NE(res.body.find("Video: please add at least one file."), std::string::npos);
    EXPECT_NE(res.body.find("Reflection: please write your answer."), std::string::npos);
    EXPECT_NE(res.body.find("aria-describedby=\"hint-overview words-overview error-overview\""), std::string::npos);
    EXPECT_NE(res.body.find("<option value=\"es\" selected>"), std::string::npos); // the choice is kept on the page
    EXPECT_EQ(status_of(id), "draft");
    EXPECT_EQ(count("SELECT COUNT(*) FROM submissions WHERE id = :k AND evidence_language = 'en'", id), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM notifications WHERE user_id = :k", ana.id), 0);
}

TEST_F(Submissions, ConsentIsRequiredOnceMediaIsAttached) {
    auto ana = person(educator);
    auto id = enroll(ana, publish("serve-return"));
    answer_all(ana, id);
    ASSERT_EQ(upload(ana, id, "clip", fake_jpeg(5000), "image/jpeg", "circle.jpg").status, 204);
    auto refused = ana.client.post("/submissions/" + id + "/submit", {{"evidence_language", "en"}});
    EXPECT_EQ(refused.status, 422);
    EXPECT_NE(refused.body.find("families gave permission"), std::string::npos);
    EXPECT_EQ(status_of(id), "draft");
    auto ok = ana.client.post("/submissions/" + id + "/submit", {{"evidence_language", "en"}, {"consent", "1"}});
    EXPECT_EQ(ok.status, 303);
    EXPECT_EQ(status_of(id), "submitted");
    EXPECT_EQ(count("SELECT COUNT(*) FROM submissions WHERE id = :k AND submitted_at IS NOT NULL AND consent_attested = 1", id), 1);
    // Read-only afterwards: no editor, and saving is refused.
    auto page = ana.client.get("/submissions/" + id);
    EXPECT_EQ(page.body.find("<textarea"), std::string::npos);
    EXPECT_EQ(ana.client.post("/submissions/" + id + "/parts/overview", {{"body", "changed"}}).status, 409);
    EXPECT_EQ(ana.client.post("/submissions/" + id + "/submit", {{"consent", "1"}}).status, 409);
}

TEST_F(Submissions, ReturnedWorkIsRevisedAsANewAttemptWithCopies) {
    auto ana = person(educator);
    auto id = enroll(ana, publish("serve-return"));
    answer_all(ana, id);
    ASSERT_EQ(upload(ana, id, "clip", fake_mp4(70000), "video/mp4").status, 204);
    ASSERT_EQ(ana.client.post("/submissions/" + id + "/submit", {{"consent", "1"}}).status, 303);
    EXPECT_EQ(ana.client.post("/submissions/" + id + "/revise", {}).status, 409); // not returned yet
    set_status(id, "returned");
    auto page = ana.client.get("/submissions/" + id);
    EXPECT_NE(page.body.find("/submissions/" + id + "/result"), std::string::npos);
    auto res = ana.client.post("/submissions/" + id + "/revise", {});
    ASSERT_EQ(res.status, 303);
    auto loc = res.header_value("Location");
    auto next = loc.substr(13, loc.find('?') - 13);
    EXPECT_NE(next, id);
    EXPECT_EQ(status_of(next), "draft");
    EXPECT_EQ(count("SELECT COUNT(*) FROM submission_answers WHERE submission_id = :k", next), 2);
    EXPECT_EQ(count("SELECT COUNT(*) FROM evidence_files WHERE submission_id = :k", next), 1);
    EXPECT_EQ(count("SELECT MAX(attempt) FROM submissions WHERE enrollment_id = (SELECT enrollment_id FROM submissions WHERE id = :k)", next), 2);
    auto history = ana.client.get("/submissions/" + next);
    EXPECT_NE(history.body.find("href=\"/submissions/" + id + "\""), std::string::npos);
    EXPECT_EQ(ana.client.post("/submissions/" + id + "/revise", {}).status, 409); // only the latest attempt
}

TEST_F(Submissions, WithdrawRemovesBytesNobodyElseNeeds) {
    auto ana = person(educator);
    auto ben = person(educator, "Ben");
    auto mc = publish("serve-return");
    auto a = enroll(ana, mc);
    auto b = enroll(ben, mc);
    auto shared = fake_jpeg(4000), own = fake_mp4(9000);
    ASSERT_EQ(upload(ana, a, "clip", shared, "image/jpeg", "a.jpg").status, 204);
    ASSERT_EQ(upload(ana, a, "clip", own, "video/mp4").status, 204);
    ASSERT_EQ(upload(ben, b, "clip", shared, "image/jpeg", "b.jpg").status, 204);
    auto dir = t.app().config.evidence_dir();
    auto files = [&] {
        int n = 0;
        for (auto& e : std::filesystem::recursive_directory_iterator(dir)) n += e.is_regular_file();
        return n;
    };
    EXPECT_EQ(files(), 2);
    EXPECT_EQ(ana.client.post("/submissions/" + a + "/withdraw", {}).status, 303);
    EXPECT_EQ(status_of(a), "withdrawn");
    EXPECT_EQ(files(), 1); // Ben's copy of the shared photo stays
    EXPECT_EQ(ana.client.post("/submissions/" + a + "/withdraw", {}).status, 409);
}

} // namespace
} // namespace mc::testing
