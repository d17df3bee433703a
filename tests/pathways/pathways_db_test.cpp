// Pathways on the real app (SQLite, and PostgreSQL when MICROCRED_TEST_PG is set), with the demo:
// awards complete the ECE credential levels and issue signed stack credentials with their
// constituents as evidence; a revoked constituent applies the stated policy; versions stay
// pinned; the pages, the dashboard card and the API show progress and requirement status.
#include <gtest/gtest.h>

#include "accounts/user_store.hpp"
#include "credentials/web/award_store.hpp"
#include "credentials/web/bulk_issue.hpp"
#include "credentials/web/stack_award.hpp"
#include "pathways/lattice_store.hpp"
#include "pathways/pathway_store.hpp"
#include "platform/db/database.hpp"
#include "tests/support/test_app.hpp"

using mc::testing::TestApp;
using nlohmann::json;

namespace {

const char* kLucia = "educadora@demo.microcred.test"; // lead teacher at Little Oaks, hired 2023-09-05
const std::vector<std::string> kSlugs{
    "scaffolding-play-across-development", "learning-center-redesign", "observation-to-individualized-plan",
    "family-conference-portfolio",         "handwashing-and-safe-sleep-routines", "responsive-serve-and-return",
    "pdsa-quality-improvement-cycle",      "reflective-growth-plan"};

bool contains(const std::string& body, const std::string& s) { return body.find(s) != std::string::npos; }

std::string user_id(TestApp& t, const std::string& email) {
    auto sql = t.app().db->lease();
    auto u = mc::accounts::find_user_by_email(*sql, email);
    if (!u) throw std::runtime_error("no demo user " + email);
    return u->id;
}

// Issues the micro-credential to the person through bulk issue, which tells the listeners
// (pathways among them) as an assessed award does.
std::string give(TestApp& t, const std::string& email, const std::string& slug) {
    mc::credentials::RecipientList list;
    list.rows.push_back({1, "Demo", email, "", std::nullopt});
    mc::credentials::BulkIssueOptions options;
    options.achievement = slug;
    options.notify = false;
    options.threads = 1;
    auto out = mc::credentials::bulk_issue(t.app(), list, options);
    if (!out || out->rows.empty() || out->rows.front().award_id.empty()) throw std::runtime_error("bulk issue failed: " + slug);
    return out->rows.front().award_id;
}

std::vector<mc::credentials::StackAwardRecord> stacks(TestApp& t, const std::string& email) {
    auto sql = t.app().db->lease();
    return mc::credentials::stack_awards_of(*sql, user_id(t, email));
}

const mc::credentials::StackAwardRecord* stack(const std::vector<mc::credentials::StackAwardRecord>& all,
                                               const std::string& slug) {
    for (const auto& s : all)
        if (s.achievement_key == "pathway:" + slug) return &s;
    return nullptr;
}

} // namespace

TEST(PathwaysDb, EightAreasIssueTheStackCredentialsAndRevocationAppliesThePolicy) {
    TestApp t(true, true);
    std::vector<std::string> awards;
    for (int i = 0; i < 3; ++i) awards.push_back(give(t, kLucia, kSlugs[i]));
    EXPECT_TRUE(stacks(t, kLucia).empty());
    awards.push_back(give(t, kLucia, kSlugs[3]));
    auto after_four = stacks(t, kLucia);
    ASSERT_EQ(after_four.size(), 1u); // Level 1: any four areas
    EXPECT_TRUE(stack(after_four, "ece-credential-level-1"));
    for (int i = 4; i < 8; ++i) awards.push_back(give(t, kLucia, kSlugs[i]));
    auto all = stacks(t, kLucia);
    ASSERT_EQ(all.size(), 3u); // Level 2 (eight areas) and Level 3 (Level 2 and 108 clock hours)
    const auto* level2 = stack(all, "ece-credential-level-2");
    ASSERT_TRUE(level2);
    const auto& credential = level2->credential;
    EXPECT_EQ(credential["evidence"].size(), 8u);
    EXPECT_EQ(credential["credentialSubject"]["achievement"]["achievementType"], "Certificate");
    EXPECT_TRUE(credential.contains("proof"));
    EXPECT_TRUE(credential.contains("credentialStatus"));
    EXPECT_EQ(level2->constituents.size(), 8u);
    // Level 3 names Level 2's credential among its evidence.
    const auto* level3 = stack(all, "ece-credential-level-3");
    ASSERT_TRUE(level3);
    bool names_level2 = false;
    for (const auto& e : level3->credential["evidence"]) names_level2 |= e["id"] == "urn:uuid:" + level2->id;
    EXPECT_TRUE(names_level2);

    // Revoking one constituent: Level 2 and 3 are no longer met and their credentials are
    // revoked (policy revoke_if_unmet); Level 1 (seven areas, four needed) stands.
    {
        auto sql = t.app().db->lease();
        mc::db::WriteTx tx(*sql);
        auto admin = mc::accounts::find_user_by_email(*sql, "agency.admin@demo.microcred.test");
        ASSERT_TRUE(mc::credentials::revoke_award(t.app(), *sql, awards[5], admin->id, "issued in error"));
        tx.commit();
    }
    all = stacks(t, kLucia);
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(stack(all, "ece-credential-level-1")->revoked_at, 0);
    EXPECT_GT(stack(all, "ece-credential-level-2")->revoked_at, 0);
    EXPECT_GT(stack(all, "ece-credential-level-3")->revoked_at, 0);
    // Earning it again completes Level 2 again with a new credential.
    give(t, kLucia, "responsive-serve-and-return");
    all = stacks(t, kLucia);
    int standing_level2 = 0;
    for (const auto& s : all) standing_level2 += s.achievement_key == "pathway:ece-credential-level-2" && s.revoked_at == 0;
    EXPECT_EQ(standing_level2, 1);
}

TEST(PathwaysDb, AnEducatorKeepsTheVersionSheStartedUnder) {
    TestApp t(true, true);
    give(t, kLucia, kSlugs[0]); // started Level 2, version 1
    {
        auto sql = t.app().db->lease();
        mc::db::WriteTx tx(*sql);
        auto v1 = mc::pathways::current_pathway(*sql, "ece-credential-level-2");
        ASSERT_TRUE(v1);
        auto v2 = v1->definition;
        // Version 2 asks for two micro-credentials in each area.
        v2.rule.min_count = 2;
        ASSERT_TRUE(mc::pathways::publish_pathway(*sql, v2));
        tx.commit();
        EXPECT_EQ(mc::pathways::current_pathway(*sql, "ece-credential-level-2")->definition.version, 2);
    }
    for (int i = 1; i < 8; ++i) give(t, kLucia, kSlugs[i]);
    EXPECT_TRUE(stack(stacks(t, kLucia), "ece-credential-level-2")); // met under version 1
    // Someone starting now is on version 2: eight areas with one each is not enough.
    for (const auto& slug : kSlugs) give(t, "educator@demo.microcred.test", slug);
    EXPECT_FALSE(stack(stacks(t, "educator@demo.microcred.test"), "ece-credential-level-2"));
}

TEST(PathwaysDb, PagesCardAndApiShowProgressAndTheDirectorSeesRequirementStatus) {
    TestApp t(true, true);
    for (int i = 0; i < 5; ++i) give(t, kLucia, kSlugs[i]);
    auto lucia = t.client();
    lucia.sign_in(kLucia, "microcred-demo");
    auto page = lucia.get("/pathways");
    ASSERT_EQ(page.status, 200);
    // Lucía reads Spanish: five of eight areas, and her lead-teacher requirement due 2028-09-05.
    EXPECT_TRUE(contains(page.body, "5 de 8 áreas")) << page.body.substr(0, 400);
    EXPECT_TRUE(contains(page.body, "2028-09-05"));
    auto dashboard = lucia.get("/dashboard");
    EXPECT_TRUE(contains(dashboard.body, "Credencial de Educador de la Primera Infancia"));
    auto progress = lucia.get("/api/v1/pathways/progress", {{"Accept", "application/json"}});
    ASSERT_EQ(progress.status, 200);
    auto items = json::parse(progress.body)["items"];
    bool level2 = false;
    for (const auto& p : items)
        if (p["slug"] == "ece-credential-level-2") {
            level2 = true;
            EXPECT_EQ(p["done_amount"], 5);
            EXPECT_EQ(p["unit"], "areas");
            EXPECT_EQ(p["next"].size(), 3u);
        }
    EXPECT_TRUE(level2);
    auto status = lucia.get("/api/v1/requirements/status", {{"Accept", "application/json"}});
    auto reqs = json::parse(status.body)["items"];
    ASSERT_EQ(reqs.size(), 1u);
    EXPECT_EQ(reqs[0]["slug"], "lead-teacher-initial-certificate");
    EXPECT_EQ(reqs[0]["due_on"], "2028-09-05");

    auto director = t.client();
    director.sign_in("director@demo.microcred.test", "microcred-demo");
    auto staff = director.get("/pathways/staff");
    ASSERT_EQ(staff.status, 200);
    EXPECT_TRUE(contains(staff.body, "Lucía Hernández"));
    EXPECT_TRUE(contains(staff.body, "due by 2028-09-05"));
    auto staff_api = director.get("/api/v1/requirements/staff", {{"Accept", "application/json"}});
    ASSERT_EQ(staff_api.status, 200);
    EXPECT_EQ(json::parse(staff_api.body)["items"][0]["name"], "Lucía Hernández");
    // An educator is not a director.
    EXPECT_EQ(lucia.get("/pathways/staff").status, 403);
}

TEST(PathwaysDb, AgencyPublishesVersionsAndBadDocumentsGet422NamingTheField) {
    TestApp t(true, true);
    auto admin = t.client();
    admin.sign_in("agency.admin@demo.microcred.test", "microcred-demo");
    auto send = [&](const std::string& target, const json& body) {
        mc::http::Request req;
        req.method = "POST";
        req.target = req.path = target;
        req.headers["accept"] = "application/json";
        req.headers["content-type"] = "application/json";
        req.headers["x-csrf-token"] = admin.csrf;
        req.body = body.dump();
        return admin.send(req);
    };
    auto bad = send("/api/v1/pathways", {{"slug", "stack"}, {"title", {{"en", "Stack"}}},
                                         {"rule", {{"all_of", json::array({{{"credits", -2}}})}}}});
    ASSERT_EQ(bad.status, 422);
    EXPECT_EQ(json::parse(bad.body)["error"]["fields"]["rule.all_of.0.credits"]["code"], "pathways.errors.rule_amount");
    auto good = send("/api/v1/pathways", {{"slug", "stack"}, {"title", {{"en", "Stack"}}},
                                          {"rule", {{"credits", 3}}}});
    ASSERT_EQ(good.status, 201);
    EXPECT_EQ(json::parse(good.body)["version"], 1);
    auto again = send("/api/v1/pathways", {{"slug", "stack"}, {"title", {{"en", "Stack"}}}, {"rule", {{"credits", 4}}}});
    EXPECT_EQ(json::parse(again.body)["version"], 2);
    auto counts = admin.get("/pathways/agency");
    ASSERT_EQ(counts.status, 200);
    EXPECT_TRUE(contains(counts.body, "Early Childhood Educator Credential, Level 2"));
}

TEST(PathwaysDb, APrerequisiteNotMetRefusesTheStartWithAClearMessage) {
    TestApp t(true, true);
    auto lucia = t.client();
    lucia.sign_in(kLucia, "microcred-demo");
    // Level 2 orders the quality-improvement cycle after the observation-to-plan micro-credential.
    auto refused = lucia.post("/learning/enroll", {{"micro_credential_id", "pdsa-quality-improvement-cycle"}});
    EXPECT_EQ(refused.status, 409);
    EXPECT_TRUE(contains(refused.body, "requisito previo")) << refused.body.substr(0, 300);
    EXPECT_EQ(lucia.post("/learning/enroll", {{"micro_credential_id", "reflective-growth-plan"}}).status, 303);
    give(t, kLucia, "observation-to-individualized-plan");
    EXPECT_EQ(lucia.post("/learning/enroll", {{"micro_credential_id", "pdsa-quality-improvement-cycle"}}).status, 303);
}

// The career lattice follows her verified records: each award and revocation re-places her in
// every lattice in the same transaction, the date of a change is kept and every change logged.
TEST(PathwaysDb, LatticeLevelFollowsAwardsAndRevocationsAndEveryChangeIsLogged) {
    TestApp t(true, true);
    std::string lucia = user_id(t, kLucia);
    auto level = [&](const std::string& lattice) {
        auto sql = t.app().db->lease();
        return mc::pathways::current_level(*sql, lucia, lattice);
    };
    std::vector<std::string> awards;
    for (int i = 0; i < 4; ++i) awards.push_back(give(t, kLucia, kSlugs[i]));
    auto one = level("ece-career-ladder");
    ASSERT_TRUE(one);
    EXPECT_EQ(one->rank, 1); // the ECE Credential Level 1 pathway
    EXPECT_EQ(one->code, "1");
    EXPECT_GT(one->changed_at, 0);
    for (int i = 4; i < 8; ++i) awards.push_back(give(t, kLucia, kSlugs[i]));
    EXPECT_EQ(level("ece-career-ladder")->rank, 3);      // Level 3 pathway
    EXPECT_EQ(level("registry-career-levels")->rank, 8); // its set of Registry level 8

    auto lucia_client = t.client();
    lucia_client.sign_in(kLucia, "microcred-demo");
    auto page = lucia_client.get("/pathways");
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "Nivel 3: Maestra principal")) << page.body.substr(0, 400);
    EXPECT_TRUE(contains(page.body, "Lo que la lleva a Nivel 9")); // the Registry's next level

    {
        auto sql = t.app().db->lease();
        mc::db::WriteTx tx(*sql);
        auto admin = mc::accounts::find_user_by_email(*sql, "agency.admin@demo.microcred.test");
        ASSERT_TRUE(mc::credentials::revoke_award(t.app(), *sql, awards[5], admin->id, "issued in error"));
        tx.commit();
    }
    auto after = level("ece-career-ladder");
    EXPECT_LT(after->rank, 3); // Level 2 and 3 pathways fell with the revocation
    EXPECT_GE(after->rank, 1); // Level 1 stands (seven areas)

    auto api = lucia_client.get("/api/v1/lattice", {{"Accept", "application/json"}});
    ASSERT_EQ(api.status, 200);
    auto items = json::parse(api.body)["items"];
    ASSERT_EQ(items.size(), 3u); // the two pathways lattices and the incentives demo's reward-levels
    const json* ladder = nullptr;
    for (const auto& i : items)
        if (i["slug"] == "ece-career-ladder") ladder = &i;
    ASSERT_TRUE(ladder);
    EXPECT_EQ((*ladder)["rank"], after->rank);
    EXPECT_TRUE(ladder->contains("changed_on"));
    EXPECT_TRUE(ladder->contains("next"));
    // Logged: 0 -> 1, 1 -> 3 (or through 2), then down with the revocation.
    const auto& log = (*ladder)["changes"];
    ASSERT_GE(log.size(), 3u);
    EXPECT_EQ(log.front()["from_rank"], 0);
    EXPECT_EQ(log.front()["to_rank"], 1);
    EXPECT_EQ(log.back()["from_rank"], 3);
    EXPECT_EQ(log.back()["to_rank"], after->rank);
}

TEST(PathwaysDb, AgencyAdminsSaveLatticesAndBadOnesGet422NamingTheField) {
    TestApp t(true, true);
    auto admin = t.client();
    admin.sign_in("agency.admin@demo.microcred.test", "microcred-demo");
    auto send = [&](mc::testing::TestApp::Client& c, const json& body) {
        mc::http::Request req;
        req.method = "POST";
        req.target = req.path = "/api/v1/lattice/definitions";
        req.headers["accept"] = "application/json";
        req.headers["content-type"] = "application/json";
        req.headers["x-csrf-token"] = c.csrf;
        req.body = body.dump();
        return c.send(req);
    };
    json level{{"rank", 1}, {"code", "A"}, {"title", {{"en", "A"}}}, {"any_of", json::array({{{"credits", 3}}})}};
    json doc{{"slug", "two-step"}, {"title", {{"en", "Two steps"}}}, {"levels", json::array({level})}};
    json bad = doc;
    bad["levels"][0]["any_of"][0]["credits"] = "three";
    auto refused = send(admin, bad);
    ASSERT_EQ(refused.status, 422);
    EXPECT_TRUE(json::parse(refused.body)["error"]["fields"].contains("levels.0.any_of.0.credits")) << refused.body;
    ASSERT_EQ(send(admin, doc).status, 201);
    auto list = admin.get("/api/v1/lattice/definitions", {{"Accept", "application/json"}});
    EXPECT_TRUE(contains(list.body, "two-step"));
    auto educator = t.client();
    educator.sign_in(kLucia, "microcred-demo");
    EXPECT_EQ(send(educator, doc).status, 403);
}
