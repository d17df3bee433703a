// The evidence policy (src/evidence/access.hpp) held on every page and API that renders
// answers, file names or files, route by route and role by role: the scorer until the decision,
// the lead while the appeal is open, auditors and the educator; program and agency
// administrators never. Each showing to someone other than the educator is logged.
#include <fstream>

#include <gtest/gtest.h>

#include "accounts/roles.hpp"
#include "evidence/blob_store.hpp"
#include "platform/db/database.hpp"
#include "tests/assessment/world.hpp"

using mc::testing::TestApp;
using mc::testing::World;
namespace accounts = mc::accounts;

namespace {

std::string q(const std::string& s) { return "'" + s + "'"; }
bool contains(const std::string& body, const std::string& s) { return body.find(s) != std::string::npos; }

constexpr const char* kAnswer = "Leeremos un cuento";
constexpr const char* kFileName = "circle-time.mp4";

struct Policy : ::testing::Test {
    TestApp t;
    World w{t};
    std::string agency = w.add_user("Agnes Agency", accounts::agency_admin, "");
    std::string auditor = w.add_user("Aldo Auditor", accounts::auditor, "");
    std::string lead = w.add_lead("Lena Lead", "");
    std::string file = w.scalar("SELECT id FROM evidence_files WHERE submission_id = " + q(w.submission));
    std::string assignment;

    Policy() {
        // The world's file row has no bytes behind it; give it some so "allowed" answers 200.
        auto sha = w.scalar("SELECT sha256 FROM evidence_files WHERE id = " + q(file));
        auto path = mc::evidence::blob_path(t.app().config.evidence_dir(), sha);
        std::filesystem::create_directories(path.parent_path());
        std::ofstream(path, std::ios::binary) << std::string(1000, '\0');
    }

    void assign() {
        ASSERT_EQ(w.as(w.admin).post("/admin/queue/" + w.submission + "/assign", {{"assessor_id", w.assessor_b}}).status, 303);
        assignment = w.scalar("SELECT id FROM assignments WHERE submission_id = " + q(w.submission) +
                              " AND status = 'assigned'");
    }
    void decide_not_yet() {
        auto res = w.as(w.assessor_b).post("/assess/" + assignment + "/decision",
                                           {{"outcome", "not_yet"}, {"level_turns", "emerging"},
                                            {"feedback_turns", "Wait for the child to answer."}, {"level_plan_fit", "meets"}});
        ASSERT_EQ(res.status, 303);
    }
    std::string appeal() {
        EXPECT_EQ(w.as(w.educator).post("/submissions/" + w.submission + "/appeal", {{"reason", "Six turns at 1:20."}}).status, 303);
        auto id = w.scalar("SELECT id FROM appeals WHERE submission_id = " + q(w.submission));
        EXPECT_EQ(w.scalar("SELECT reviewer_id FROM appeals WHERE id = " + q(id)), lead);
        return id;
    }

    int file_status(const std::string& who) { return w.as(who).get("/evidence/files/" + file).status; }
    // A page that may be read (200) and must show the evidence or not.
    void page_shows(const std::string& who, const std::string& target, bool evidence) {
        auto res = w.as(who).get(target);
        ASSERT_EQ(res.status, 200) << who << " " << target;
        EXPECT_EQ(contains(res.body, kAnswer), evidence) << who << " " << target;
        EXPECT_EQ(contains(res.body, kFileName), evidence) << who << " " << target;
        EXPECT_EQ(contains(res.body, "/evidence/files/"), evidence) << who << " " << target;
    }
    long long shown(const std::string& who, const std::string& place) {
        return w.count("SELECT COUNT(*) FROM evidence_shown WHERE viewer_id = " + q(who) + " AND place = " + q(place));
    }
};

TEST_F(Policy, TheScorerSeesTheEvidenceUntilTheDecisionAndAdministratorsNever) {
    assign();
    page_shows(w.assessor_b, "/assess/" + assignment, true);
    EXPECT_EQ(file_status(w.assessor_b), 200);
    auto scorer = w.as(w.assessor_b);
    auto api = mc::testing::api(scorer, "GET", "/api/v1/assignments/" + assignment);
    ASSERT_EQ(api.status, 200);
    EXPECT_TRUE(contains(api.body, kAnswer));
    EXPECT_EQ(shown(w.assessor_b, "scoring_page"), 1);
    EXPECT_EQ(shown(w.assessor_b, "assignment_api"), 1);
    for (const auto& admin : {w.admin, agency}) {
        page_shows(admin, "/assess/" + assignment, false);
        EXPECT_EQ(file_status(admin), 404);
    }
    EXPECT_EQ(file_status(w.educator), 200);  // the educator's own
    EXPECT_EQ(file_status(auditor), 200);
    EXPECT_EQ(file_status(w.assessor_c), 404); // an assessor not on it

    decide_not_yet();
    // Access ends with the decision: the scores stay readable, the evidence does not.
    page_shows(w.assessor_b, "/assess/" + assignment, false);
    EXPECT_EQ(file_status(w.assessor_b), 404);
    auto after = mc::testing::api(scorer, "GET", "/api/v1/assignments/" + assignment);
    ASSERT_EQ(after.status, 200);
    EXPECT_FALSE(contains(after.body, kAnswer));
    EXPECT_FALSE(contains(after.body, kFileName));
    EXPECT_EQ(file_status(w.educator), 200);
    EXPECT_EQ(file_status(auditor), 200);
}

TEST_F(Policy, AppealReviewReopensTheEvidenceForTheReviewingLeadOnly) {
    assign();
    decide_not_yet();
    auto id = appeal();
    auto page = "/appeals/" + id;
    page_shows(lead, page, true);
    EXPECT_EQ(file_status(lead), 200);
    EXPECT_EQ(shown(lead, "appeal_review"), 1);
    // The administrators follow the appeal without seeing children (the finding of issue 8).
    for (const auto& admin : {w.admin, agency}) {
        page_shows(admin, page, false);
        EXPECT_TRUE(contains(w.as(admin).get(page).body, "mc-evidence-hidden"));
        EXPECT_EQ(file_status(admin), 404);
        EXPECT_EQ(shown(admin, "appeal_review"), 0);
    }
    EXPECT_EQ(file_status(w.assessor_b), 404); // the decider does not get it back
    EXPECT_EQ(w.as(w.assessor_b).get(page).status, 404);

    ASSERT_EQ(w.as(lead).post(page + "/uphold", {{"response", "Only two turns are visible."}}).status, 303);
    page_shows(lead, page, false); // closed: the lead reads the outcome, not the evidence
    EXPECT_EQ(file_status(lead), 404);
    EXPECT_EQ(file_status(w.educator), 200);
}

TEST_F(Policy, AuditorsReadTheEvidenceAndFileNamesAgencyAdminsOnlyTheLog) {
    assign();
    ASSERT_EQ(file_status(w.assessor_b), 200); // one logged opening of circle-time.mp4
    page_shows(auditor, "/audit/submissions/" + w.submission, true);
    EXPECT_EQ(shown(auditor, "audit_page"), 1);
    EXPECT_EQ(w.as(agency).get("/audit/submissions/" + w.submission).status, 403);

    auto log_as_auditor = w.as(auditor).get("/audit");
    ASSERT_EQ(log_as_auditor.status, 200);
    EXPECT_TRUE(contains(log_as_auditor.body, kFileName));
    auto log_as_admin = w.as(agency).get("/audit");
    ASSERT_EQ(log_as_admin.status, 200);
    EXPECT_TRUE(contains(log_as_admin.body, "Beto Assessor")); // who opened what, by file id
    EXPECT_TRUE(contains(log_as_admin.body, file));
    EXPECT_FALSE(contains(log_as_admin.body, kFileName));
    auto csv = w.as(agency).get("/audit/views.csv");
    ASSERT_EQ(csv.status, 200);
    EXPECT_TRUE(contains(csv.body, file));
    EXPECT_FALSE(contains(csv.body, kFileName));
    EXPECT_TRUE(contains(w.as(auditor).get("/audit/views.csv").body, kFileName));
    auto admin_client = w.as(agency);
    auto api = mc::testing::api(admin_client, "GET", "/api/v1/audit/evidence-views");
    ASSERT_EQ(api.status, 200);
    EXPECT_TRUE(contains(api.body, file));
    EXPECT_FALSE(contains(api.body, kFileName));
    auto auditor_client = w.as(auditor);
    EXPECT_TRUE(contains(mc::testing::api(auditor_client, "GET", "/api/v1/audit/evidence-views").body, kFileName));
}

} // namespace
