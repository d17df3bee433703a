// College credit on the real app (SQLite, and PostgreSQL when MICROCRED_TEST_PG is set): an
// educator sends her portfolio to a college, the college partner grants or denies credit per
// credential, the educator sees it, she can withdraw it, every step is audited and the agency
// sees credit granted by college. Plus the pure decision checks.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <thread>

#include "accounts/roles.hpp"
#include "accounts/user_store.hpp"
#include "catalog/recommendation_store.hpp"
#include "credentials/web/bulk_issue.hpp"
#include "pathways/college.hpp"
#include "pathways/college_store.hpp"
#include "platform/db/database.hpp"
#include "tests/support/test_app.hpp"

using mc::testing::TestApp;
using nlohmann::json;

namespace {

const char* kLucia = "educadora@demo.microcred.test"; // reads in Spanish
const char* kPartner = "college@demo.microcred.test";
const char* kPassword = "microcred-demo";

bool contains(const std::string& body, const std::string& s) { return body.find(s) != std::string::npos; }

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

std::string college_id(TestApp& t) {
    auto sql = t.app().db->lease();
    auto all = mc::accounts::organizations(*sql, "college");
    if (all.empty()) throw std::runtime_error("no demo college");
    return all.front().id;
}

std::vector<std::string> fields(const std::string& outcome, const std::string& hours, const std::string& course,
                                const std::string& reason) {
    std::vector<mc::pathways::RuleIssue> issues;
    EXPECT_FALSE(mc::pathways::check_decision("a", outcome, hours, course, reason, issues));
    std::vector<std::string> out;
    for (const auto& i : issues) out.push_back(i.field);
    return out;
}

long long count(TestApp& t, const std::string& q) {
    auto sql = t.app().db->lease();
    long long n = 0;
    *sql << q, soci::into(n);
    return n;
}

} // namespace

TEST(CollegeDecision, EachBadFieldIsNamed) {
    std::vector<mc::pathways::RuleIssue> issues;
    auto ok = mc::pathways::check_decision("a", "granted", " 1.5 ", "ECE 101", "Matches our course outcomes", issues);
    ASSERT_TRUE(ok);
    EXPECT_DOUBLE_EQ(ok->semester_hours, 1.5);
    EXPECT_TRUE(mc::pathways::check_decision("a", "denied", "", "", "Not part of our program", issues));
    EXPECT_EQ(fields("maybe", "", "", "x"), std::vector<std::string>{"outcome"});
    EXPECT_EQ(fields("granted", "", "", "x"), std::vector<std::string>{"semester_hours"});
    EXPECT_EQ(fields("granted", "0", "", "x"), std::vector<std::string>{"semester_hours"});
    EXPECT_EQ(fields("granted", "1.25", "", "x"), std::vector<std::string>{"semester_hours"});
    EXPECT_EQ(fields("granted", "3abc", "", "x"), std::vector<std::string>{"semester_hours"});
    EXPECT_EQ(fields("granted", "61", "", "x"), std::vector<std::string>{"semester_hours"});
    EXPECT_EQ(fields("denied", "3", "", "x"), std::vector<std::string>{"semester_hours"});
    EXPECT_EQ(fields("granted", "3", "ECE\n101", "x"), std::vector<std::string>{"course_equivalent"});
    EXPECT_EQ(fields("granted", "3", std::string(81, 'c'), "x"), std::vector<std::string>{"course_equivalent"});
    EXPECT_EQ(fields("granted", "3", "", "  "), std::vector<std::string>{"reason"});
    EXPECT_EQ(fields("granted", "3", "", std::string(1001, 'r')), std::vector<std::string>{"reason"});
    EXPECT_EQ(fields("granted", "3", "", "bad \xff byte"), std::vector<std::string>{"reason"});
}

TEST(College, SendGrantSeeWithdrawAuditedAndCounted) {
    TestApp t(true, true);
    auto first = give(t, kLucia, "responsive-serve-and-return");
    give(t, kLucia, "family-conference-portfolio");
    {
        auto sql = t.app().db->lease();
        mc::db::WriteTx tx(*sql);
        mc::catalog::replace_recommendations(*sql, mc::catalog::kMicroCredential, "responsive-serve-and-return",
                                             {{3, "lower_division", "Early Childhood Education", "2026-01-01", ""}},
                                             "test", 0);
        tx.commit();
    }
    auto college = college_id(t);

    auto lucia = t.client();
    lucia.sign_in(kLucia, kPassword);
    auto mine = lucia.get("/college");
    ASSERT_EQ(mine.status, 200);
    EXPECT_TRUE(contains(mine.body, "Commonwealth Community College"));
    EXPECT_TRUE(contains(mine.body, "Nunca sus fotos, videos"));
    auto sent = lucia.post("/college/portfolios", {{"college_id", college}});
    ASSERT_EQ(sent.status, 303) << sent.body;
    // Once is enough while it is open.
    EXPECT_EQ(lucia.post("/college/portfolios", {{"college_id", college}}).status, 409);
    EXPECT_EQ(lucia.post("/college/portfolios", {{"college_id", "no-such-college"}}).status, 404);
    EXPECT_TRUE(contains(lucia.get("/college").body, "en espera de la decisión de la universidad"));

    auto partner = t.client();
    partner.sign_in(kPartner, kPassword);
    auto inbox = partner.get("/college/inbox");
    ASSERT_EQ(inbox.status, 200);
    ASSERT_TRUE(contains(inbox.body, "/college/inbox/")) << inbox.body;
    auto at = inbox.body.find("/college/inbox/");
    std::string pid = inbox.body.substr(at + 15, inbox.body.find('"', at) - at - 15);
    auto page = partner.get("/college/inbox/" + pid);
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "3 semester hours, lower division, in Early Childhood Education"));
    EXPECT_FALSE(contains(page.body, "/evidence/files")); // never media
    auto clr = partner.get("/college/inbox/" + pid + "/clr.json");
    ASSERT_EQ(clr.status, 200);
    EXPECT_TRUE(contains(clr.body, "ClrCredential"));

    // A bad field: 422, the message at the field, nothing saved.
    auto bad = partner.post("/college/inbox/" + pid + "/decisions",
                            {{"award_id", first}, {"outcome", "granted"}, {"semester_hours", "1.25"}, {"reason", "ok"}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_TRUE(contains(bad.body, "in halves"));
    EXPECT_EQ(count(t, "SELECT COUNT(*) FROM college_credit_decisions"), 0);
    // Not in the portfolio: 404.
    EXPECT_EQ(partner.post("/college/inbox/" + pid + "/decisions",
                           {{"award_id", "other"}, {"outcome", "denied"}, {"reason", "x"}}).status, 404);
    auto granted = partner.post("/college/inbox/" + pid + "/decisions",
                                {{"award_id", first}, {"outcome", "granted"}, {"semester_hours", "3"},
                                 {"course_equivalent", "ECE 101"}, {"reason", "Matches ECE 101 outcomes"}});
    ASSERT_EQ(granted.status, 303) << granted.body;

    auto seen = lucia.get("/college");
    EXPECT_TRUE(contains(seen.body, "Créditos otorgados: 3 horas semestrales como ECE 101"));
    EXPECT_TRUE(contains(seen.body, "Matches ECE 101 outcomes"));
    EXPECT_TRUE(contains(seen.body, "abierto por la universidad"));
    auto api = json::parse(lucia.get("/api/v1/college/portfolios").body);
    ASSERT_EQ(api["items"].size(), 1u);
    EXPECT_EQ(api["items"][0]["granted_count"], 1);

    // Another college's partner, an educator, a director: none of them sees it.
    std::string other_id;
    {
        auto sql = t.app().db->lease();
        mc::db::WriteTx tx(*sql);
        auto other = mc::accounts::ensure_organization(*sql, "Another College", "college");
        auto me = mc::accounts::find_user_by_email(*sql, kPartner);
        other_id = *mc::accounts::create_user(*sql, "other.college@example.test", me->password_hash, "Other Partner", "en",
                                              mc::accounts::college_partner, other);
        tx.commit();
    }
    auto stranger = t.client();
    stranger.sign_in("other.college@example.test", kPassword);
    EXPECT_EQ(stranger.get("/college/inbox/" + pid).status, 404);
    EXPECT_FALSE(contains(stranger.get("/college/inbox").body, "/college/inbox/" + pid));
    EXPECT_EQ(lucia.get("/college/inbox/" + pid).status, 403);

    // The agency sees credit granted by college.
    auto admin = t.client();
    admin.sign_in("agency.admin@demo.microcred.test", kPassword);
    auto agency = admin.get("/pathways/agency");
    EXPECT_TRUE(contains(agency.body, "<th scope=\"row\">Commonwealth Community College</th><td>1</td><td>1</td><td>0</td><td>3</td>"))
        << agency.body.substr(agency.body.find("college-credit") == std::string::npos ? 0 : agency.body.find("college-credit"), 800);
    auto report = json::parse(admin.get("/api/v1/college/report").body);
    ASSERT_EQ(report["items"].size(), 1u);
    EXPECT_DOUBLE_EQ(report["items"][0]["semester_hours"].get<double>(), 3);

    // Withdrawn: the college can no longer see it; the decision stays with her.
    ASSERT_EQ(lucia.post("/college/portfolios/" + pid + "/withdraw", {}).status, 303);
    EXPECT_EQ(partner.get("/college/inbox/" + pid).status, 404);
    EXPECT_EQ(lucia.post("/college/portfolios/" + pid + "/withdraw", {}).status, 409);
    EXPECT_TRUE(contains(lucia.get("/college").body, "Créditos otorgados: 3 horas semestrales"));
    // Every step is in the audit: sent, viewed, downloaded, decided, withdrawn.
    auto sql = t.app().db->lease();
    std::vector<std::string> actions;
    for (const auto& e : mc::pathways::audit_of(*sql, pid)) actions.push_back(e.action);
    EXPECT_EQ(actions, (std::vector<std::string>{"sent", "viewed", "clr_downloaded", "decided", "withdrawn"}));
    // Sending again after withdrawing makes a new portfolio.
    EXPECT_EQ(lucia.post("/college/portfolios", {{"college_id", college}}).status, 303);
}

TEST(College, TheApiNamesTheFieldOfABadDecision) {
    TestApp t(true, true);
    auto award = give(t, kLucia, "responsive-serve-and-return");
    auto lucia = t.client();
    lucia.sign_in(kLucia, kPassword);
    auto sent = lucia.send([&] {
        mc::http::Request r;
        r.method = "POST";
        r.target = r.path = "/api/v1/college/portfolios";
        r.headers["content-type"] = "application/json";
        r.headers["x-csrf-token"] = lucia.csrf;
        r.body = json{{"college_id", college_id(t)}}.dump();
        return r;
    }());
    ASSERT_EQ(sent.status, 201) << sent.body;
    auto pid = json::parse(sent.body)["id"].get<std::string>();
    auto partner = t.client();
    partner.sign_in(kPartner, kPassword);
    auto put = [&](const json& body) {
        mc::http::Request r;
        r.method = "PUT";
        r.target = r.path = "/api/v1/college/inbox/" + pid + "/decisions/" + award;
        r.headers["content-type"] = "application/json";
        r.headers["x-csrf-token"] = partner.csrf;
        r.body = body.dump();
        return partner.send(r);
    };
    auto bad = put({{"outcome", "granted"}, {"semester_hours", 0}, {"reason", "x"}});
    ASSERT_EQ(bad.status, 422) << bad.body;
    EXPECT_EQ(json::parse(bad.body)["error"]["fields"][0]["field"], "semester_hours");
    auto ok = put({{"outcome", "denied"}, {"reason", "Outside our program"}});
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_EQ(json::parse(ok.body)["items"][0]["decision"]["outcome"], "denied");
    auto inbox = json::parse(partner.get("/api/v1/college/inbox").body);
    ASSERT_EQ(inbox["items"].size(), 1u);
    EXPECT_EQ(inbox["items"][0]["decided_count"], 1);
}

// Two steps on one portfolio at the same moment (PostgreSQL at READ COMMITTED): the second must
// wait for the first and take the next seq, not read the same MAX and collide on the unique index.
TEST(College, TwoSimultaneousStepsOnOnePortfolioBothAreAudited) {
    TestApp t(true, true);
    give(t, kLucia, "responsive-serve-and-return");
    auto lucia = t.client();
    lucia.sign_in(kLucia, kPassword);
    ASSERT_EQ(lucia.post("/college/portfolios", {{"college_id", college_id(t)}}).status, 303);
    std::string pid, partner_id;
    {
        auto sql = t.app().db->lease();
        *sql << "SELECT id FROM college_portfolios", soci::into(pid);
        partner_id = mc::accounts::find_user_by_email(*sql, kPartner)->id;
    }
    std::promise<void> first_wrote;
    std::string failure;
    std::thread first([&] {
        auto sql = t.app().db->lease();
        mc::db::WriteTx tx(*sql);
        mc::pathways::audit(*sql, pid, partner_id, "viewed", "first", 1);
        first_wrote.set_value();
        std::this_thread::sleep_for(std::chrono::milliseconds(300)); // hold the transaction open
        tx.commit();
    });
    first_wrote.get_future().wait();
    try {
        auto sql = t.app().db->lease();
        mc::db::WriteTx tx(*sql);
        mc::pathways::audit(*sql, pid, partner_id, "clr_downloaded", "second", 1);
        tx.commit();
    } catch (const std::exception& e) {
        failure = e.what();
    }
    first.join();
    EXPECT_EQ(failure, "");
    auto sql = t.app().db->lease();
    std::vector<std::string> actions;
    for (const auto& e : mc::pathways::audit_of(*sql, pid)) actions.push_back(e.action);
    EXPECT_EQ(actions, (std::vector<std::string>{"sent", "viewed", "clr_downloaded"}));
}

// Recommendations reach the educator: a micro-credential's on her credential page, a whole
// pathway's (set by the agency through the API, 422 naming a bad field) on /pathways.
TEST(College, RecommendationsShowOnTheCredentialPageAndOnPathways) {
    TestApp t(true, true);
    auto award = give(t, kLucia, "responsive-serve-and-return");
    {
        auto sql = t.app().db->lease();
        mc::db::WriteTx tx(*sql);
        mc::catalog::replace_recommendations(*sql, mc::catalog::kMicroCredential, "responsive-serve-and-return",
                                             {{1.5, "lower_division", "Infant and Toddler Care", "2026-01-01", ""}},
                                             "test", 0);
        tx.commit();
    }
    auto admin = t.client();
    admin.sign_in("agency.admin@demo.microcred.test", kPassword);
    auto put = [&](const std::string& slug, const json& body) {
        mc::http::Request r;
        r.method = "PUT";
        r.target = r.path = "/api/v1/pathways/" + slug + "/credit-recommendations";
        r.headers["content-type"] = "application/json";
        r.headers["x-csrf-token"] = admin.csrf;
        r.body = body.dump();
        return admin.send(r);
    };
    auto bad = put("ece-credential-level-2",
                   {{"recommendations", {{{"semester_hours", 12}, {"level", "doctoral"}, {"subject", "ECE"},
                                          {"effective_from", "2026-01-01"}}}}});
    ASSERT_EQ(bad.status, 422) << bad.body;
    EXPECT_TRUE(json::parse(bad.body)["error"]["fields"].contains("recommendations.0.level")) << bad.body;
    EXPECT_EQ(put("no-such-pathway", {{"recommendations", json::array()}}).status, 404);
    auto ok = put("ece-credential-level-2",
                  {{"recommendations", {{{"semester_hours", 12}, {"level", "lower_division"},
                                         {"subject", "Early Childhood Education"}, {"effective_from", "2026-01-01"}}}}});
    ASSERT_EQ(ok.status, 200) << ok.body;

    auto lucia = t.client();
    lucia.sign_in(kLucia, kPassword);
    auto got = json::parse(lucia.get("/api/v1/pathways/ece-credential-level-2/credit-recommendations").body);
    ASSERT_EQ(got["recommendations"].size(), 1u);
    EXPECT_DOUBLE_EQ(got["recommendations"][0]["semester_hours"].get<double>(), 12);
    auto pathways = lucia.get("/pathways");
    ASSERT_EQ(pathways.status, 200);
    EXPECT_TRUE(contains(pathways.body, "12 horas semestrales, nivel inicial de licenciatura, en Early Childhood Education"))
        << pathways.body.substr(0, 400);
    auto page = lucia.get("/credentials/" + award);
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "1.5 horas semestrales, nivel inicial de licenciatura, en Infant and Toddler Care"))
        << page.body.substr(0, 400);
}
