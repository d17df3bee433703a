// Who may see what: another educator's submission answers 404 on every route; evidence files
// go only to the owner, an assigned assessor and privacy auditors (never to administrators),
// and every view is logged.
#include "accounts/roles.hpp"
#include "platform/crypto/random.hpp"
#include "tests/evidence/fixture.hpp"

namespace mc::testing {
namespace {

using namespace accounts;

class Access : public EvidenceTest {
protected:
    Person ana = person(educator);
    Person eve = person(educator | assessor, "Eve");
    std::string sub = enroll(ana, publish("serve-return"));

    std::string file_with_upload(std::string* upload_id = nullptr) {
        auto bytes = fake_mp4(40000);
        auto id = create_upload(ana, sub, "clip", bytes.size(), "video/mp4", "niños.mp4");
        if (upload_id) *upload_id = id;
        EXPECT_EQ(patch(ana, id, 0, bytes).status, 204);
        auto sql = t.app().db->lease();
        std::string file;
        *sql << "SELECT id FROM evidence_files WHERE submission_id = :s", soci::use(sub, "s"), soci::into(file);
        return file;
    }
};

TEST_F(Access, AnotherEducatorsSubmissionIsNotFoundEverywhere) {
    auto file = file_with_upload();
    auto pending = create_upload(ana, sub, "clip", 1000, "video/mp4");
    auto& c = eve.client;
    auto s = "/submissions/" + sub;
    EXPECT_EQ(c.get(s).status, 404);
    EXPECT_EQ(c.get(s + "/parts/clip/files").status, 404);
    EXPECT_EQ(c.post(s + "/parts/overview", {{"body", "mine now"}}).status, 404);
    EXPECT_EQ(c.post(s + "/settings", {{"evidence_language", "es"}}).status, 404);
    EXPECT_EQ(c.post(s + "/submit", {{"consent", "1"}}).status, 404);
    EXPECT_EQ(c.post(s + "/withdraw", {}).status, 404);
    EXPECT_EQ(c.post(s + "/revise", {}).status, 404);
    EXPECT_EQ(c.post(s + "/files/" + file + "/remove", {}).status, 404);
    EXPECT_EQ(c.get("/evidence/files/" + file).status, 404); // an assessor, but not assigned
    EXPECT_EQ(c.get("/api/v1/submissions/" + sub).status, 404);
    http::Request put;
    put.method = "PUT";
    put.target = "/api/v1/submissions/" + sub + "/parts/overview";
    put.headers = {{"x-csrf-token", c.csrf}, {"content-type", "application/json"}};
    put.body = R"({"body":"mine now"})";
    EXPECT_EQ(c.send(put).status, 404);
    int status = 0;
    create_upload(eve, sub, "clip", 100, "video/mp4", "x.mp4", &status);
    EXPECT_EQ(status, 404);
    EXPECT_EQ(tus(eve, "HEAD", "/uploads/" + pending).status, 404);
    EXPECT_EQ(patch(eve, pending, 0, fake_mp4(100)).status, 404);
    EXPECT_EQ(tus(eve, "DELETE", "/uploads/" + pending).status, 404);
    EXPECT_EQ(status_of(sub), "draft");
    EXPECT_EQ(count("SELECT COUNT(*) FROM submission_answers WHERE submission_id = :k", sub), 0);
    // Anonymous visitors are sent to sign in, and learn nothing either.
    auto anon = t.client();
    EXPECT_EQ(anon.get("/evidence/files/" + file).status, 303);
}

TEST_F(Access, EvidenceIsServedToOwnerAssignedAssessorAndAuditorsOnly) {
    auto file = file_with_upload();
    auto res = ana.client.get("/evidence/files/" + file);
    ASSERT_EQ(res.status, 200);
    EXPECT_FALSE(res.file.empty());
    EXPECT_EQ(res.header_value("Content-Type"), "video/mp4");
    EXPECT_EQ(res.header_value("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(res.header_value("Cache-Control"), "private, no-store");
    EXPECT_TRUE(res.header_value("Content-Disposition").starts_with("inline;"));
    EXPECT_NE(res.header_value("Content-Disposition").find("ni%C3%B1os.mp4"), std::string::npos);

    EXPECT_EQ(eve.client.get("/evidence/files/" + file).status, 404);
    {
        auto sql = t.app().db->lease();
        std::string id = crypto::new_id();
        *sql << "INSERT INTO assignments (id, submission_id, assessor_id, status, assigned_at) VALUES (:i, :s, :a, 'assigned', 1)",
            soci::use(id, "i"), soci::use(sub, "s"), soci::use(eve.id, "a");
    }
    EXPECT_EQ(eve.client.get("/evidence/files/" + file).status, 200);
    // Administrators run the program without seeing children; a privacy auditor may check.
    auto admin = person(program_admin | agency_admin, "Pat");
    EXPECT_EQ(admin.client.get("/evidence/files/" + file).status, 404);
    auto auditor_person = person(auditor, "Aud");
    EXPECT_EQ(auditor_person.client.get("/evidence/files/" + file).status, 200);
    auto other = person(educator, "Olga");
    EXPECT_EQ(other.client.get("/evidence/files/" + file).status, 404);
    EXPECT_EQ(count("SELECT COUNT(*) FROM evidence_views WHERE file_id = :k", file), 3);
}

TEST_F(Access, ReleasedAssignmentsNoLongerOpenTheEvidence) {
    auto file = file_with_upload();
    auto sql = t.app().db->lease();
    std::string id = crypto::new_id();
    *sql << "INSERT INTO assignments (id, submission_id, assessor_id, status, assigned_at) VALUES (:i, :s, :a, 'released', 1)",
        soci::use(id, "i"), soci::use(sub, "s"), soci::use(eve.id, "a");
    EXPECT_EQ(eve.client.get("/evidence/files/" + file).status, 404);
}

TEST_F(Access, DocumentsDownloadInASandbox) {
    ASSERT_EQ(upload(ana, sub, "notes", fake_pdf(3000), "application/pdf", "plan.pdf").status, 204);
    auto sql = t.app().db->lease();
    std::string file;
    *sql << "SELECT id FROM evidence_files WHERE submission_id = :s", soci::use(sub, "s"), soci::into(file);
    auto res = ana.client.get("/evidence/files/" + file);
    EXPECT_TRUE(res.header_value("Content-Disposition").starts_with("attachment;"));
    EXPECT_NE(res.header_value("Content-Security-Policy").find("sandbox"), std::string::npos);
}

TEST_F(Access, SubmissionPageShowsPlayersForMedia) {
    file_with_upload();
    auto page = ana.client.get("/submissions/" + sub);
    EXPECT_NE(page.body.find("<video controls preload=\"metadata\""), std::string::npos);
    auto fragment = ana.client.get("/submissions/" + sub + "/parts/clip/files");
    EXPECT_NE(fragment.body.find("niños.mp4"), std::string::npos);
}

} // namespace
} // namespace mc::testing
