// Child privacy: files go after the retention period that follows the decision (not before, and
// not while a consented calibration exemplar still needs them), withdrawal marks them removed,
// the auditor's view log and its filters, the educator's own log, consent for calibration, and
// who may reach each privacy route.
#include <filesystem>
#include <set>

#include "accounts/roles.hpp"
#include "evidence/privacy_store.hpp"
#include "evidence/submission_store.hpp"
#include "platform/crypto/random.hpp"
#include "tests/evidence/fixture.hpp"

namespace mc::testing {
namespace {

using namespace accounts;
using nlohmann::json;

constexpr long long kDay = 86400;

class Privacy : public EvidenceTest {
protected:
    Person ana = person(educator);
    std::string mc = publish("serve-return");
    std::string sub = enroll(ana, mc);

    int stored_files() {
        int n = 0;
        std::error_code ec;
        for (auto it = std::filesystem::recursive_directory_iterator(t.app().config.evidence_dir(), ec);
             it != std::filesystem::recursive_directory_iterator(); ++it)
            n += it->is_regular_file();
        return n;
    }
    std::string first_file(const std::string& submission) {
        auto sql = t.app().db->lease();
        std::string file;
        *sql << "SELECT id FROM evidence_files WHERE submission_id = :s ORDER BY created_at, id", soci::use(submission, "s"),
            soci::into(file);
        return file;
    }
    // As the assessment domain leaves it: decided `days_ago` days ago with `status`.
    void decide(const std::string& submission, const std::string& status, long long at) {
        auto sql = t.app().db->lease();
        *sql << "UPDATE submissions SET status = :st, decided_at = :t WHERE id = :id", soci::use(status, "st"),
            soci::use(at, "t"), soci::use(submission, "id");
    }
    void assign(const std::string& submission, const std::string& assessor_id) {
        auto sql = t.app().db->lease();
        std::string id = crypto::new_id();
        *sql << "INSERT INTO assignments (id, submission_id, assessor_id, status, assigned_at) VALUES (:i, :s, :a, 'assigned', 1)",
            soci::use(id, "i"), soci::use(submission, "s"), soci::use(assessor_id, "a");
    }
    http::Response api(Person& p, const std::string& method, const std::string& target, const json& body) {
        http::Request r;
        r.method = method;
        r.target = target;
        r.headers = {{"x-csrf-token", p.client.csrf}, {"content-type", "application/json"}, {"accept", "application/json"}};
        r.body = body.dump();
        return p.client.send(r);
    }
    long long now = evidence::now_seconds();
};

TEST_F(Privacy, FilesGoOnlyAfterTheRetentionPeriodAndTheCredentialPageSaysWhen) {
    ASSERT_EQ(upload(ana, sub, "clip", fake_mp4(9000), "video/mp4", "circle-time.mp4").status, 204);
    auto file = first_file(sub);
    decide(sub, "demonstrated", now - 10 * kDay);
    auto admin = person(agency_admin, "Ray");
    ASSERT_EQ(admin.client.post("/admin/privacy", {{"retention_days", "30"}}).status, 303);

    // 10 days after the decision: kept.
    auto early = evidence::sweep_retention(t.app(), now);
    EXPECT_EQ(early.files, 0);
    EXPECT_EQ(ana.client.get("/evidence/files/" + file).status, 200);
    // 30 days and a second after it: removed, and the bytes with it.
    auto late = evidence::sweep_retention(t.app(), now + 20 * kDay + 1);
    EXPECT_EQ(late.submissions, 1);
    EXPECT_EQ(late.files, 1);
    EXPECT_EQ(late.blobs, 1);
    EXPECT_EQ(stored_files(), 0);
    EXPECT_EQ(ana.client.get("/evidence/files/" + file).status, 404);
    EXPECT_EQ(count("SELECT COUNT(*) FROM evidence_files WHERE removed_reason = 'retention' AND id = :k", file), 1);
    auto page = ana.client.get("/submissions/" + sub);
    EXPECT_NE(page.body.find("Removed after the retention period on"), std::string::npos);
    EXPECT_NE(page.body.find("circle-time.mp4"), std::string::npos);
    EXPECT_EQ(page.body.find("/evidence/files/" + file), std::string::npos);
    // A second sweep has nothing left to do.
    EXPECT_EQ(evidence::sweep_retention(t.app(), now + 400 * kDay).files, 0);
}

TEST_F(Privacy, UndecidedAndDraftEvidenceIsNeverSwept) {
    ASSERT_EQ(upload(ana, sub, "clip", fake_mp4(9000), "video/mp4").status, 204);
    set_status(sub, "in_review");
    EXPECT_EQ(evidence::sweep_retention(t.app(), now + 4000 * kDay).files, 0);
    EXPECT_EQ(stored_files(), 1);
}

TEST_F(Privacy, BytesSharedWithALiveSubmissionStay) {
    auto ben = person(educator, "Ben");
    auto theirs = enroll(ben, mc);
    auto shared = fake_jpeg(4000);
    ASSERT_EQ(upload(ana, sub, "clip", shared, "image/jpeg", "a.jpg").status, 204);
    ASSERT_EQ(upload(ben, theirs, "clip", shared, "image/jpeg", "b.jpg").status, 204);
    decide(sub, "returned", now - 400 * kDay);
    auto r = evidence::sweep_retention(t.app(), now);
    EXPECT_EQ(r.files, 1);
    EXPECT_EQ(r.blobs, 0); // Ben still needs those bytes
    EXPECT_EQ(stored_files(), 1);
    EXPECT_EQ(ben.client.get("/evidence/files/" + first_file(theirs)).status, 200);
}

TEST_F(Privacy, AConsentedCalibrationExemplarIsKeptUntilRetiredOrConsentWithdrawn) {
    ASSERT_EQ(upload(ana, sub, "clip", fake_mp4(9000), "video/mp4").status, 204);
    decide(sub, "demonstrated", now - 400 * kDay);
    {
        auto sql = t.app().db->lease();
        std::string version;
        *sql << "SELECT version_id FROM submissions WHERE id = :s", soci::use(sub, "s"), soci::into(version);
        *sql << "INSERT INTO calibration_items (submission_id, version_id, added_at, retired) VALUES (:s, :v, 1, 0)",
            soci::use(sub, "s"), soci::use(version, "v");
    }
    // Consent given through the API: kept while in the set.
    auto res = api(ana, "PUT", "/api/v1/submissions/" + sub + "/exemplar-consent", {{"consent", true}});
    ASSERT_EQ(res.status, 200) << res.body;
    EXPECT_EQ(evidence::sweep_retention(t.app(), now).files, 0);
    // Consent taken back on the page: the next sweep removes them.
    ASSERT_EQ(ana.client.post("/submissions/" + sub + "/exemplar-consent", {{"consent", "0"}}).status, 303);
    EXPECT_EQ(evidence::sweep_retention(t.app(), now).files, 1);
    // Someone else cannot change it.
    auto eve = person(educator, "Eve");
    EXPECT_EQ(eve.client.post("/submissions/" + sub + "/exemplar-consent", {{"consent", "1"}}).status, 404);
    EXPECT_EQ(api(eve, "PUT", "/api/v1/submissions/" + sub + "/exemplar-consent", {{"consent", true}}).status, 404);
    EXPECT_EQ(api(ana, "PUT", "/api/v1/submissions/" + sub + "/exemplar-consent", {{"consent", "yes"}}).status, 400);
}

TEST_F(Privacy, WithdrawalMarksTheFilesRemoved) {
    ASSERT_EQ(upload(ana, sub, "clip", fake_mp4(9000), "video/mp4").status, 204);
    ASSERT_EQ(ana.client.post("/submissions/" + sub + "/withdraw", {}).status, 303);
    EXPECT_EQ(count("SELECT COUNT(*) FROM evidence_files WHERE removed_reason = 'withdrawn' AND submission_id = :k", sub), 1);
    EXPECT_EQ(stored_files(), 0);
}

TEST_F(Privacy, TheAuditorSeesEveryOpeningAndFiltersIt) {
    ASSERT_EQ(upload(ana, sub, "clip", fake_mp4(9000), "video/mp4", "block-area.mp4").status, 204);
    auto file = first_file(sub);
    auto eve = person(assessor, "Eve");
    assign(sub, eve.id);
    ASSERT_EQ(eve.client.get("/evidence/files/" + file).status, 200);
    ASSERT_EQ(ana.client.get("/evidence/files/" + file).status, 200);

    auto aud = person(auditor, "Aud");
    auto log = aud.client.get("/audit");
    ASSERT_EQ(log.status, 200);
    EXPECT_NE(log.body.find("block-area.mp4"), std::string::npos);
    EXPECT_NE(log.body.find("Your assessor"), std::string::npos);
    EXPECT_NE(log.body.find("2 openings"), std::string::npos);
    // By viewer (read Eve's made-up address back).
    std::string eve_email;
    {
        auto sql = t.app().db->lease();
        *sql << "SELECT email FROM users WHERE id = :id", soci::use(eve.id, "id"), soci::into(eve_email);
    }
    auto only_eve = aud.client.get("/audit?viewer=" + http::percent_encode(eve_email));
    EXPECT_NE(only_eve.body.find("1 openings"), std::string::npos);
    // A period that ended yesterday has none; a bad date is refused in words.
    auto yesterday = aud.client.get("/audit?to=2000-01-01");
    EXPECT_NE(yesterday.body.find("No openings match."), std::string::npos);
    EXPECT_EQ(aud.client.get("/audit?from=2026-02-30").status, 422);
    // CSV and API say the same.
    auto csv = aud.client.get("/audit/views.csv?submission=" + sub);
    ASSERT_EQ(csv.status, 200);
    EXPECT_NE(csv.body.find(",assessor," + file + ",block-area.mp4," + sub), std::string::npos);
    auto items = json::parse(aud.client.get("/api/v1/audit/evidence-views?submission=" + sub, {{"accept", "application/json"}}).body);
    ASSERT_EQ(items["items"].size(), 2u);
    std::set<std::string> relations;
    for (const auto& i : items["items"]) relations.insert(i["relation"].get<std::string>());
    EXPECT_EQ(relations, (std::set<std::string>{"assessor", "owner"}));
    // The auditor's own check of the evidence is logged too.
    ASSERT_EQ(aud.client.get("/audit/submissions/" + sub).status, 200);
    ASSERT_EQ(aud.client.get("/evidence/files/" + file).status, 200);
    EXPECT_EQ(count("SELECT COUNT(*) FROM evidence_views WHERE file_id = :k", file), 3);

    // Who may not: educators, assessors, program admins; agency admins read the log, not the evidence.
    for (Person* p : {&ana, &eve}) {
        EXPECT_EQ(p->client.get("/audit").status, 403);
        EXPECT_EQ(p->client.get("/audit/views.csv").status, 403);
        EXPECT_EQ(p->client.get("/api/v1/audit/evidence-views").status, 403);
    }
    auto pat = person(program_admin, "Pat");
    EXPECT_EQ(pat.client.get("/audit").status, 403);
    auto ray = person(agency_admin, "Ray");
    EXPECT_EQ(ray.client.get("/audit").status, 200);
    EXPECT_EQ(ray.client.get("/audit/submissions/" + sub).status, 403);
}

TEST_F(Privacy, TheEducatorSeesWhoOpenedTheirFilesByRoleNotName) {
    ASSERT_EQ(upload(ana, sub, "clip", fake_mp4(9000), "video/mp4").status, 204);
    auto file = first_file(sub);
    auto eve = person(assessor, "Evelyn");
    assign(sub, eve.id);
    ASSERT_EQ(eve.client.get("/evidence/files/" + file).status, 200);
    auto page = ana.client.get("/submissions/" + sub);
    EXPECT_NE(page.body.find("Your assessor: clip.mp4"), std::string::npos);
    EXPECT_EQ(page.body.find("Evelyn"), std::string::npos); // blind both ways
    auto views = json::parse(ana.client.get("/api/v1/submissions/" + sub + "/views", {{"accept", "application/json"}}).body);
    ASSERT_EQ(views["items"].size(), 1u);
    EXPECT_EQ(views["items"][0]["relation"], "assessor");
    EXPECT_FALSE(views["items"][0].contains("viewer_name"));
    EXPECT_EQ(eve.client.get("/api/v1/submissions/" + sub + "/views").status, 404);
}

TEST_F(Privacy, RetentionIsSetByTheAgencyWithinBounds) {
    auto ray = person(agency_admin, "Ray");
    auto pat = person(program_admin, "Pat");
    EXPECT_EQ(ray.client.get("/admin/privacy").status, 200);
    EXPECT_EQ(pat.client.get("/admin/privacy").status, 403);
    EXPECT_EQ(pat.client.post("/admin/privacy", {{"retention_days", "90"}}).status, 403);
    auto bad = ray.client.post("/admin/privacy", {{"retention_days", "7"}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_NE(bad.body.find("from 30 to 3650"), std::string::npos);
    EXPECT_EQ(ray.client.post("/admin/privacy", {{"retention_days", "90x"}}).status, 422);
    EXPECT_EQ(ray.client.post("/admin/privacy", {{"retention_days", "90"}}, false).status, 403); // no CSRF token
    EXPECT_EQ(api(ray, "PUT", "/api/v1/evidence/settings", {{"retention_days", 4000}}).status, 400);
    EXPECT_EQ(api(pat, "PUT", "/api/v1/evidence/settings", {{"retention_days", 90}}).status, 403);
    EXPECT_EQ(api(ray, "PUT", "/api/v1/evidence/settings", {{"retention_days", 90}}).status, 200);
    auto sql = t.app().db->lease();
    EXPECT_EQ(evidence::retention_days(*sql), 90);
    ray.client.cookies["mc_lang"] = "es";
    auto es = ray.client.get("/admin/privacy");
    EXPECT_NE(es.body.find("Privacidad de la evidencia"), std::string::npos);
}

} // namespace
} // namespace mc::testing
