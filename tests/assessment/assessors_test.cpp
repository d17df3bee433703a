// The assessor lifecycle through the real router, on SQLite and (MICROCRED_TEST_PG) PostgreSQL:
// apply, screen, train, pause/resume/retire, the assigner honoring every eligibility bar on
// manual and automatic assignment, and honoraria for completed scorings.
#include <gtest/gtest.h>

#include <set>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "accounts/roles.hpp"
#include "app/modules.hpp"
#include "assessment/assessment_store.hpp"
#include "assessment/assessors/store.hpp"
#include "assessment/assigner.hpp"
#include "platform/db/database.hpp"
#include "tests/assessment/world.hpp"

using mc::testing::TestApp;
using mc::testing::World;
using mc::testing::api;
using nlohmann::json;

namespace {

std::string q(const std::string& s) { return "'" + s + "'"; }

json application() {
    return {{"qualifications", "CDA; A.A. Early Childhood"}, {"years_experience", 6}, {"languages", {"es"}},
            {"settings", {"head_start", "center"}}, {"relationships", "Ana at Sunshine Center (former supervisee)"}};
}

std::string error_code(const mc::http::Response& r) { return json::parse(r.body)["error"]["code"]; }

// The admin's manual pick over the API; returns the response.
mc::http::Response assign_to(World& w, const std::string& submission, const std::string& assessor) {
    auto admin = w.as(w.admin);
    return api(admin, "POST", "/api/v1/submissions/" + submission + "/assign", {{"assessor_id", assessor}});
}

void exec(World& w, const std::string& text) {
    auto sql = w.t.app().db->lease();
    *sql << text;
}

} // namespace

TEST(AssessorLifecycle, ApplyScreenApproveAndTrainOverTheApi) {
    TestApp t;
    World w(t);
    auto applicant = w.add_user("Rosa Applicant", mc::accounts::educator, w.employer_b);
    auto rc = w.as(applicant);
    auto admin = w.as(w.admin);

    // Validation: nothing is stored and each field says what is wrong.
    auto bad = api(rc, "POST", "/api/v1/assessor-applications", {{"years_experience", 99}, {"languages", {"fr"}}});
    ASSERT_EQ(bad.status, 422) << bad.body;
    EXPECT_EQ(json::parse(bad.body)["error"]["fields"].size(), 3u); // qualifications, years, language
    auto wrong_email = application();
    wrong_email["related_emails"] = {"nobody@example.org"};
    EXPECT_EQ(api(rc, "POST", "/api/v1/assessor-applications", wrong_email).status, 422);
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM assessor_applications"), 0);

    // CSRF: the router refuses a POST without the token.
    auto no_token = rc;
    no_token.csrf = "";
    EXPECT_EQ(api(no_token, "POST", "/api/v1/assessor-applications", application()).status, 403);

    auto body = application();
    body["related_emails"] = {w.other_educator + "@example.org"};
    auto made = api(rc, "POST", "/api/v1/assessor-applications", body);
    ASSERT_EQ(made.status, 201) << made.body;
    std::string id = json::parse(made.body)["id"];
    EXPECT_EQ(json::parse(made.body)["status"], "pending");
    EXPECT_EQ(api(rc, "POST", "/api/v1/assessor-applications", application()).status, 409); // one at a time
    EXPECT_EQ(json::parse(api(rc, "GET", "/api/v1/assessor-applications/mine").body)["id"], id);
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM assessor_relationships WHERE assessor_id = " + q(applicant)), 1);

    // Only admins screen; the applicant cannot list or approve, nor read someone else's.
    EXPECT_EQ(api(rc, "GET", "/api/v1/assessor-applications").status, 403);
    EXPECT_EQ(api(rc, "POST", "/api/v1/assessor-applications/" + id + "/approve").status, 403);
    EXPECT_EQ(api(rc, "GET", "/api/v1/assessor-applications/" + id).status, 403);
    auto other = w.as(w.other_educator);
    EXPECT_EQ(api(other, "GET", "/api/v1/assessor-applications/mine").status, 404);
    auto pending = json::parse(api(admin, "GET", "/api/v1/assessor-applications?status=pending").body);
    ASSERT_EQ(pending["items"].size(), 1u);
    EXPECT_EQ(pending["items"][0]["related"][0]["id"], w.other_educator);
    EXPECT_EQ(api(admin, "GET", "/api/v1/assessor-applications?status=bogus").status, 400);

    auto approved = api(admin, "POST", "/api/v1/assessor-applications/" + id + "/approve");
    ASSERT_EQ(approved.status, 200) << approved.body;
    EXPECT_EQ(api(admin, "POST", "/api/v1/assessor-applications/" + id + "/approve").status, 409);
    EXPECT_NE(std::stoi(w.scalar("SELECT roles FROM users WHERE id = " + q(applicant))) & mc::accounts::assessor, 0);
    EXPECT_EQ(w.scalar("SELECT languages FROM assessor_profiles WHERE user_id = " + q(applicant)), "es");
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM notifications WHERE kind = 'assessor_approved' AND user_id = " + q(applicant)), 1);

    // Training before calibration: a round is refused until every module is attested.
    auto ac = w.as(applicant); // a new session carries the new role
    auto round = api(ac, "POST", "/api/v1/calibration/rounds");
    EXPECT_EQ(round.status, 409);
    EXPECT_EQ(error_code(round), "assessors.errors.training_first");
    EXPECT_EQ(api(ac, "POST", "/api/v1/assessors/me/training/not_a_module").status, 404);
    for (const auto& m : mc::assessment::assessors::training_modules())
        ASSERT_EQ(api(ac, "POST", "/api/v1/assessors/me/training/" + std::string(m.id)).status, 200);
    auto training = json::parse(api(ac, "GET", "/api/v1/assessors/me/training").body);
    EXPECT_TRUE(training["trained"].get<bool>());
    EXPECT_TRUE(training["modules"][0]["completed_at"].is_number());
    // Now the round is refused only for want of a calibration set, not for training.
    EXPECT_NE(error_code(api(ac, "POST", "/api/v1/calibration/rounds")), "assessors.errors.training_first");
}

TEST(AssessorLifecycle, RejectNeedsAReasonAndTheApplicantMayApplyAgain) {
    TestApp t;
    World w(t);
    auto applicant = w.add_user("Rita Applicant", mc::accounts::educator, "");
    auto rc = w.as(applicant);
    auto admin = w.as(w.admin);
    std::string id = json::parse(api(rc, "POST", "/api/v1/assessor-applications", application()).body)["id"];
    EXPECT_EQ(api(admin, "POST", "/api/v1/assessor-applications/" + id + "/reject", {{"reason", " "}}).status, 400);
    auto r = api(admin, "POST", "/api/v1/assessor-applications/" + id + "/reject", {{"reason", "Needs two years more"}});
    ASSERT_EQ(r.status, 200) << r.body;
    auto mine = json::parse(api(rc, "GET", "/api/v1/assessor-applications/mine").body);
    EXPECT_EQ(mine["status"], "rejected");
    EXPECT_EQ(mine["reason"], "Needs two years more");
    EXPECT_EQ(std::stoi(w.scalar("SELECT roles FROM users WHERE id = " + q(applicant))) & mc::accounts::assessor, 0);
    EXPECT_EQ(api(rc, "POST", "/api/v1/assessor-applications", application()).status, 201);
}

TEST(AssessorLifecycle, PagesApplyScreenAndApproveWithRoleChecks) {
    TestApp t;
    World w(t);
    auto applicant = w.add_user("Pia Pages", mc::accounts::educator, w.employer_a);
    auto pc = w.as(applicant);
    auto page = pc.get("/assessors/apply");
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("Sunshine Center"), std::string::npos); // the employer on file is shown
    auto invalid = pc.post("/assessors/apply", {{"qualifications", "<b>CDA</b>"}, {"years_experience", "x"}});
    EXPECT_EQ(invalid.status, 422);
    EXPECT_NE(invalid.body.find("&lt;b&gt;CDA&lt;/b&gt;"), std::string::npos); // kept and escaped
    EXPECT_EQ(invalid.body.find("<b>CDA</b>"), std::string::npos);
    auto sent = pc.post("/assessors/apply", {{"qualifications", "CDA"}, {"years_experience", "4"}, {"languages", "en"}});
    EXPECT_EQ(sent.status, 303);
    std::string id = w.scalar("SELECT id FROM assessor_applications WHERE user_id = " + q(applicant));
    EXPECT_EQ(pc.get("/admin/assessors").status, 403);
    EXPECT_EQ(pc.post("/admin/assessors/" + id + "/approve", {}).status, 403);
    auto admin = w.as(w.admin);
    auto list = admin.get("/admin/assessors?status=pending");
    EXPECT_NE(list.body.find("Pia Pages"), std::string::npos);
    EXPECT_EQ(admin.get("/admin/assessors/" + id).status, 200);
    EXPECT_EQ(admin.post("/admin/assessors/" + id + "/reject", {{"reason", ""}}).status, 400);
    EXPECT_EQ(admin.post("/admin/assessors/" + id + "/approve", {}).status, 303);
    EXPECT_EQ(w.scalar("SELECT status FROM assessor_applications WHERE id = " + q(id)), "approved");
    EXPECT_EQ(admin.get("/admin/assessors/not-an-id").status, 404);
    auto trainee = w.as(applicant);
    EXPECT_EQ(trainee.post("/assessors/training/child_privacy", {{"attest", "1"}}).status, 303);
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM assessor_training WHERE user_id = " + q(applicant)), 1);
}

TEST(AssessorEligibility, ManualAssignmentSaysWhyAnAssessorIsRefused) {
    TestApp t;
    World w(t);
    // Paused (until resumed): refused, then fine once resumed.
    auto admin = w.as(w.admin);
    ASSERT_EQ(api(admin, "PUT", "/api/v1/assessors/" + w.assessor_b + "/standing", {{"status", "paused"}}).status, 200);
    auto r = assign_to(w, w.submission, w.assessor_b);
    EXPECT_EQ(r.status, 409);
    EXPECT_EQ(error_code(r), "assessors.bars.paused");
    EXPECT_NE(json::parse(r.body)["error"]["message"].get<std::string>().find("paused"), std::string::npos);
    ASSERT_EQ(api(admin, "PUT", "/api/v1/assessors/" + w.assessor_b + "/standing", {{"status", "active"}}).status, 200);

    // Not certified: refused while the program requires certification; allowed when it does not.
    exec(w, "UPDATE assessor_certifications SET expires_at = 1000 WHERE assessor_id = " + q(w.assessor_c));
    EXPECT_EQ(error_code(assign_to(w, w.submission, w.assessor_c)), "assessors.bars.not_certified");
    ASSERT_EQ(api(admin, "PUT", "/api/v1/assessors/settings", {{"require_certification", false}}).status, 200);
    EXPECT_EQ(json::parse(api(admin, "GET", "/api/v1/assessors/settings").body)["require_certification"], false);
    // Language: the submission is in Spanish; an English-only assessor may not take it.
    exec(w, "UPDATE assessor_profiles SET languages = 'en' WHERE user_id = " + q(w.assessor_c));
    EXPECT_EQ(error_code(assign_to(w, w.submission, w.assessor_c)), "assessors.bars.language");
    exec(w, "UPDATE assessor_profiles SET languages = 'en,es' WHERE user_id = " + q(w.assessor_c));
    // Declared relationship with the educator: a conflict of interest.
    exec(w, "INSERT INTO assessor_relationships (assessor_id, educator_id, created_at) VALUES (" + q(w.assessor_c) +
                ", " + q(w.educator) + ", 1)");
    EXPECT_EQ(error_code(assign_to(w, w.submission, w.assessor_c)), "assessment.errors.conflict_of_interest");
    exec(w, "DELETE FROM assessor_relationships");
    EXPECT_EQ(assign_to(w, w.submission, w.assessor_c).status, 201); // certification not required now

    // Untrained (approved only): refused whatever the certification setting.
    auto fresh = w.add_user("Fia Fresh", mc::accounts::assessor, "", World::Ready::approved);
    auto other = w.add_submission(w.other_educator);
    EXPECT_EQ(error_code(assign_to(w, other, fresh)), "assessors.bars.not_trained");
    // Retired: refused.
    ASSERT_EQ(api(admin, "PUT", "/api/v1/assessors/" + fresh + "/standing", {{"status", "retired"}}).status, 200);
    EXPECT_EQ(error_code(assign_to(w, other, fresh)), "assessors.bars.retired");
}

TEST(AssessorEligibility, AutoAssignSkipsPausedUncertifiedAndWrongLanguageAndPrefersTheSetting) {
    TestApp t;
    World w(t);
    auto admin = w.as(w.admin);
    // The world's educator and her colleague hold the assessor role too; out of the way here.
    exec(w, "UPDATE assessor_profiles SET status = 'retired' WHERE user_id IN (" + q(w.educator) + ", " + q(w.colleague) + ")");
    // Educator A's evidence: B paused, so only C is left, and gets it.
    ASSERT_EQ(api(admin, "PUT", "/api/v1/assessors/" + w.assessor_b + "/standing",
                  {{"status", "paused"}, {"until", 4'000'000'000LL}, {"reason", "leave"}}).status, 200);
    EXPECT_EQ(api(admin, "PUT", "/api/v1/assessors/" + w.assessor_b + "/standing",
                  {{"status", "paused"}, {"until", 1000}}).status, 400); // an end in the past
    EXPECT_EQ(mc::assessment::auto_assign(t.app()), 1);
    EXPECT_EQ(w.scalar("SELECT assessor_id FROM assignments WHERE submission_id = " + q(w.submission)), w.assessor_c);

    // Nobody eligible: C uncertified and B paused; a second submission waits.
    exec(w, "UPDATE assessor_certifications SET expires_at = 1000 WHERE assessor_id = " + q(w.assessor_c));
    auto waiting = w.add_submission(w.add_user("Wen Waiting", mc::accounts::educator, ""));
    EXPECT_EQ(mc::assessment::auto_assign(t.app()), 0);
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM assignments WHERE submission_id = " + q(waiting)), 0);

    // Language: B resumes but scores only English; the Spanish evidence still waits.
    ASSERT_EQ(api(admin, "PUT", "/api/v1/assessors/" + w.assessor_b + "/standing", {{"status", "active"}}).status, 200);
    exec(w, "UPDATE assessor_profiles SET languages = 'en' WHERE user_id = " + q(w.assessor_b));
    EXPECT_EQ(mc::assessment::auto_assign(t.app()), 0);

    // Setting preferred over load: D (busier) knows Head Start, E (idle) does not.
    exec(w, "UPDATE assessor_profiles SET languages = 'en,es' WHERE user_id = " + q(w.assessor_b));
    ASSERT_EQ(api(admin, "PUT", "/api/v1/assessors/" + w.assessor_b + "/standing", {{"status", "retired"}}).status, 200);
    auto d = w.add_user("Dee Head Start", mc::accounts::assessor, "");
    auto e = w.add_user("Eve Idle", mc::accounts::assessor, "");
    exec(w, "UPDATE assessor_profiles SET settings = 'head_start' WHERE user_id = " + q(d));
    EXPECT_EQ(assign_to(w, w.add_submission(w.add_user("Busy Maker", mc::accounts::educator, "")), d).status, 201);
    auto hs_educator = w.add_user("Hana Head Start", mc::accounts::educator, "");
    exec(w, "INSERT INTO educator_profiles (user_id, work_setting, updated_at) VALUES (" + q(hs_educator) + ", 'head_start', 1)");
    auto hs = w.add_submission(hs_educator);
    // The older waiting submission goes first (to E, the idle one); the Head Start one to D.
    EXPECT_EQ(mc::assessment::auto_assign(t.app()), 2);
    EXPECT_EQ(w.scalar("SELECT assessor_id FROM assignments WHERE submission_id = " + q(waiting)), e);
    EXPECT_EQ(w.scalar("SELECT assessor_id FROM assignments WHERE submission_id = " + q(hs)), d);
}

TEST(AssessorEligibility, RetiringReleasesOpenAssignmentsToTheQueue) {
    TestApp t;
    World w(t);
    ASSERT_EQ(assign_to(w, w.submission, w.assessor_b).status, 201);
    auto admin = w.as(w.admin);
    auto r = api(admin, "PUT", "/api/v1/assessors/" + w.assessor_b + "/standing", {{"status", "retired"}, {"reason", "moved"}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(json::parse(r.body)["released_assignments"], 1);
    EXPECT_EQ(w.scalar("SELECT status FROM submissions WHERE id = " + q(w.submission)), "submitted");
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM assignments WHERE status = 'assigned'"), 0);
    EXPECT_EQ(api(admin, "PUT", "/api/v1/assessors/" + w.assessor_b + "/standing", {{"status", "retired"}}).status, 409);
    EXPECT_EQ(api(admin, "PUT", "/api/v1/assessors/" + w.assessor_b + "/standing", {{"status", "gone"}}).status, 400);
    EXPECT_EQ(api(admin, "PUT", "/api/v1/assessors/" + w.other_educator + "/standing", {{"status", "paused"}}).status, 404);
    auto bc = w.as(w.assessor_b);
    EXPECT_EQ(api(bc, "PUT", "/api/v1/assessors/" + w.assessor_c + "/standing", {{"status", "paused"}}).status, 403);
}

TEST(Honoraria, ACompletedScoringEarnsOneLineAtTheProgramRate) {
    TestApp t;
    World w(t);
    auto admin = w.as(w.admin);
    ASSERT_EQ(api(admin, "PUT", "/api/v1/assessors/settings", {{"honorarium_scoring_cents", 2750}}).status, 200);
    EXPECT_EQ(api(admin, "PUT", "/api/v1/assessors/settings", {{"honorarium_scoring_cents", -1}}).status, 400);
    auto assigned = assign_to(w, w.submission, w.assessor_b);
    ASSERT_EQ(assigned.status, 201);
    std::string id = json::parse(assigned.body)["id"];
    auto bc = w.as(w.assessor_b);
    json pass{{"outcome", "demonstrated"},
              {"scores", json::array({{{"criterion_id", "turns"}, {"level_id", "exceeds"}},
                                      {{"criterion_id", "plan_fit"}, {"level_id", "meets"}}})}};
    auto decided = api(bc, "POST", "/api/v1/assignments/" + id + "/decision", pass);
    ASSERT_LT(decided.status, 300) << decided.body;
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM honorarium_lines"), 1);
    EXPECT_EQ(w.count("SELECT amount_cents FROM honorarium_lines"), 2750);

    auto month = w.scalar("SELECT month FROM honorarium_lines");
    auto list = json::parse(api(admin, "GET", "/api/v1/honoraria?month=" + month).body);
    ASSERT_EQ(list["items"].size(), 1u);
    EXPECT_EQ(list["items"][0]["scorings"], 1);
    EXPECT_EQ(list["items"][0]["amount_cents"], 2750);
    EXPECT_EQ(list["items"][0]["paid"], false);
    EXPECT_EQ(api(admin, "GET", "/api/v1/honoraria?month=2026-13").status, 400);
    EXPECT_EQ(api(bc, "GET", "/api/v1/honoraria").status, 403);
    auto mine = json::parse(api(bc, "GET", "/api/v1/assessors/me/earnings").body);
    EXPECT_EQ(mine["items"][0]["amount_cents"], 2750);

    auto csv = admin.get("/admin/honoraria.csv?month=" + month);
    ASSERT_EQ(csv.status, 200);
    EXPECT_NE(csv.body.find("Beto Assessor," + w.assessor_b + "@example.org," + month + ",1,0,27.50,no"), std::string::npos)
        << csv.body;
    EXPECT_EQ(bc.get("/admin/honoraria.csv?month=" + month).status, 403);
    auto paid = api(admin, "POST", "/api/v1/honoraria/" + month + "/paid");
    EXPECT_EQ(json::parse(paid.body)["lines_marked_paid"], 1);
    EXPECT_NE(admin.get("/admin/honoraria.csv?month=" + month).body.find(",27.50,yes"), std::string::npos);
    EXPECT_NE(admin.get("/admin/honoraria?month=" + month).body.find("$27.50"), std::string::npos);
    EXPECT_NE(bc.get("/assessors/earnings").body.find("$27.50"), std::string::npos);
}

TEST(AssessorLifecycle, DemoSeedShowsEachStandingAndItsAssessorsCanBeAssigned) {
    TestApp t;
    ASSERT_TRUE(mc::app::seed_demo(t.app()));
    ASSERT_TRUE(mc::app::seed_demo(t.app())); // idempotent
    World w(t, false);
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM assessor_applications"), 5);
    auto admin = w.as(w.admin);
    auto names = [&](const std::string& status) {
        std::set<std::string> out;
        auto r = api(admin, "GET", "/api/v1/assessor-applications?status=" + status);
        EXPECT_EQ(r.status, 200) << r.body;
        auto body = json::parse(r.body); // kept alive: the loop reads into it
        for (const auto& a : body["items"])
            out.insert(a["email"].get<std::string>());
        return out;
    };
    EXPECT_EQ(names("pending"), std::set<std::string>{"applicant@demo.microcred.test"});
    EXPECT_EQ(names("paused"), std::set<std::string>{"paused.assessor@demo.microcred.test"});
    EXPECT_TRUE(names("approved").contains("assessor@demo.microcred.test"));
    EXPECT_TRUE(names("approved").contains("lead.assessor@demo.microcred.test"));
    // The demo assessors are trained and certified now, so the demo queue assigns as before.
    auto sql = t.app().db->lease();
    std::vector<mc::assessment::Candidate> cs(1);
    std::string james;
    *sql << "SELECT id FROM users WHERE email = 'assessor@demo.microcred.test'", soci::into(james);
    cs[0].person.id = james;
    mc::assessment::assessors::fill_standing(*sql, cs);
    EXPECT_TRUE(cs[0].trained);
    EXPECT_GT(cs[0].certified_until, mc::assessment::now_seconds());
    EXPECT_EQ(cs[0].languages, (std::vector<std::string>{"en", "es"}));
}

TEST(Honoraria, AnAdjudicationEarnsItsOwnRateAndCalibrationEarnsNothing) {
    TestApp t;
    World w(t);
    w.double_scoring(1.0, false);
    auto lead = w.add_lead("Lena Lead", "");
    EXPECT_EQ(mc::assessment::auto_assign(t.app()), 1);
    auto seat = [&](const std::string& who) {
        return w.scalar("SELECT id FROM assignments WHERE submission_id = " + q(w.submission) + " AND assessor_id = " +
                        q(who) + " AND status = 'assigned'");
    };
    json pass{{"outcome", "demonstrated"},
              {"scores", json::array({{{"criterion_id", "turns"}, {"level_id", "meets"}},
                                      {{"criterion_id", "plan_fit"}, {"level_id", "meets"}}})}};
    json fail{{"outcome", "not_yet"},
              {"scores", json::array({{{"criterion_id", "turns"}, {"level_id", "emerging"}, {"feedback", "Few turns."}},
                                      {{"criterion_id", "plan_fit"}, {"level_id", "meets"}}})}};
    auto bc = w.as(w.assessor_b);
    auto cc = w.as(w.assessor_c);
    ASSERT_EQ(api(bc, "POST", "/api/v1/assignments/" + seat(w.assessor_b) + "/decision", pass).status, 202);
    ASSERT_EQ(api(cc, "POST", "/api/v1/assignments/" + seat(w.assessor_c) + "/decision", fail).status, 202);
    auto lc = w.as(lead);
    fail["rationale"] = "Too few turns.";
    ASSERT_EQ(api(lc, "POST", "/api/v1/assignments/" + seat(lead) + "/decision", fail).status, 201);
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM honorarium_lines WHERE kind = 'scoring' AND amount_cents = 2500"), 2);
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM honorarium_lines WHERE kind = 'adjudication' AND amount_cents = 3500"), 1);
    EXPECT_EQ(w.count("SELECT amount_cents FROM honorarium_lines WHERE assessor_id = " + q(lead)), 3500);

    // A calibration round's scoring is practice: no line. (The educator lets the work train assessors.)
    auto admin = w.as(w.admin);
    auto owner = w.as(w.educator);
    ASSERT_EQ(api(owner, "PUT", "/api/v1/submissions/" + w.submission + "/exemplar-consent", json{{"consent", true}}).status, 200);
    ASSERT_EQ(admin.post("/admin/reliability/calibration/" + w.submission + "/add", {}).status, 303);
    auto other = w.add_user("Olga Other", mc::accounts::assessor, "");
    auto oc = w.as(other);
    auto round = api(oc, "POST", "/api/v1/calibration/rounds");
    ASSERT_EQ(round.status, 201) << round.body;
    std::string item = json::parse(round.body)["assignments"][0];
    ASSERT_LT(api(oc, "POST", "/api/v1/assignments/" + item + "/decision", pass).status, 300);
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM assignments WHERE kind = 'calibration' AND status = 'completed'"), 1);
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM honorarium_lines"), 3);
}

TEST(AssessorLifecycle, TheScreeningPageNamesAssessorsGrantedTheRoleWithoutApplying) {
    TestApp t;
    World w(t);
    auto admin = w.as(w.admin);
    EXPECT_EQ(admin.get("/admin/assessors").body.find("Assessors who have not applied"), std::string::npos);
    // The role granted on /admin/users, no application: named, and never given work.
    auto direct = w.add_user("Dana Direct", mc::accounts::educator, "");
    {
        auto sql = t.app().db->lease();
        int role = static_cast<int>(mc::accounts::assessor);
        *sql << "UPDATE users SET roles = :r WHERE id = :id", soci::use(role), soci::use(direct);
    }
    auto page = admin.get("/admin/assessors");
    EXPECT_NE(page.body.find("Assessors who have not applied"), std::string::npos);
    EXPECT_NE(page.body.find("Dana Direct"), std::string::npos);
    EXPECT_EQ(admin.post("/admin/queue/" + w.submission + "/assign", {{"assessor_id", direct}}).status, 409);
}
