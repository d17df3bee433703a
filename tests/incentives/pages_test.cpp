// The incentive pages through the real router (gate, access, CSRF), on the demo with Lucía
// holding the eight demo micro-credentials: she reads her estimates with the reasons in Spanish
// and applies; her director confirms (a bad wage answers 422 naming the field); agency staff are
// refused an approval beyond the budget in plain words, approve within it and export the CSV.
#include <gtest/gtest.h>

#include "accounts/user_store.hpp"
#include "credentials/web/bulk_issue.hpp"
#include "incentives/workflow.hpp"
#include "platform/db/database.hpp"
#include "platform/unwrap.hpp"
#include "tests/support/test_app.hpp"

using mc::testing::TestApp;
namespace inc = mc::incentives;

namespace {

const char* kLucia = "educadora@demo.microcred.test";

bool contains(const std::string& body, const std::string& s) { return body.find(s) != std::string::npos; }

void give_all(TestApp& t) {
    for (const char* slug : {"scaffolding-play-across-development", "learning-center-redesign",
                             "observation-to-individualized-plan", "family-conference-portfolio",
                             "handwashing-and-safe-sleep-routines", "responsive-serve-and-return",
                             "pdsa-quality-improvement-cycle", "reflective-growth-plan"}) {
        mc::credentials::RecipientList list;
        list.rows.push_back({1, "Demo", kLucia, "", std::nullopt});
        mc::credentials::BulkIssueOptions options;
        options.achievement = slug;
        options.notify = false;
        options.threads = 1;
        if (!mc::credentials::bulk_issue(t.app(), list, options)) throw std::runtime_error("bulk issue failed");
    }
}

std::string only_application(TestApp& t) {
    auto sql = t.app().db->lease();
    auto all = inc::all_applications(*sql, 10);
    if (all.size() != 1) throw std::runtime_error("expected one application");
    return all.front().id;
}

} // namespace

TEST(IncentivesPages, FromApplicationToPaymentExport) {
    TestApp t(true, true);
    give_all(t);
    {
        auto sql = t.app().db->lease();
        auto doc = inc::rule_set_to_json(inc::find_rule_set(*sql, "wage-supplement")->rules);
        doc["budget_cents"] = 100000; // $1,000.00: less than her $2,000.00
        mc::unwrap(inc::save_rule_set(*sql, doc, "", 1));
    }
    auto lucia = t.client();
    lucia.sign_in(kLucia, "microcred-demo");
    auto mine = lucia.get("/incentives");
    ASSERT_EQ(mine.status, 200);
    EXPECT_TRUE(contains(mine.body, "Reúne los requisitos para $2,000.00.")) << mine.body.substr(0, 600);
    EXPECT_TRUE(contains(mine.body, "Su estimación:"));
    EXPECT_FALSE(contains(mine.body, "incentives.")); // every text found in the catalog
    EXPECT_EQ(lucia.post("/incentives/applications", {{"rule_set", "wage-supplement"}}, false).status, 403); // CSRF
    auto applied = lucia.post("/incentives/applications", {{"rule_set", "wage-supplement"}});
    ASSERT_EQ(applied.status, 303);
    auto twice = lucia.post("/incentives/applications", {{"rule_set", "wage-supplement"}});
    EXPECT_EQ(twice.status, 409);
    EXPECT_TRUE(contains(twice.body, "Ya tiene una solicitud para este incentivo en este año fiscal."));
    auto id = only_application(t);

    auto director = t.client();
    director.sign_in("director@demo.microcred.test", "microcred-demo");
    auto staff = director.get("/incentives/staff");
    ASSERT_EQ(staff.status, 200);
    EXPECT_TRUE(contains(staff.body, "Lucía Hernández"));
    EXPECT_TRUE(contains(staff.body, "value=\"17.25\""));
    auto bad = director.post("/incentives/applications/" + id + "/confirm", {{"hours_per_week", "40"}, {"hourly_wage", "lots"}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_TRUE(contains(bad.body, "Give the hourly wage in dollars, such as 17.25."));
    EXPECT_TRUE(contains(bad.body, "aria-describedby=\"wage-hint-" + id + " wage-error-" + id + "\""));
    EXPECT_EQ(director.post("/incentives/applications/nope/confirm", {{"hours_per_week", "40"}, {"hourly_wage", "x"}}).status, 404);
    ASSERT_EQ(director.post("/incentives/applications/" + id + "/confirm", {{"hours_per_week", "40"}, {"hourly_wage", "17.25"}}).status, 303);

    auto admin = t.client();
    admin.sign_in("agency.admin@demo.microcred.test", "microcred-demo");
    auto list = admin.get("/admin/incentives");
    ASSERT_EQ(list.status, 200);
    EXPECT_TRUE(contains(list.body, "/admin/incentives/applications/" + id));
    auto over = admin.post("/admin/incentives/applications/" + id + "/decision", {{"decision", "approve"}, {"note", ""}});
    EXPECT_EQ(over.status, 409);
    EXPECT_TRUE(contains(over.body, "Approving this would go over the funder&apos;s budget for this incentive. Nothing was approved."))
        << over.body.substr(over.body.find("<main"), 1500);
    EXPECT_EQ(admin.post("/admin/incentives/applications/" + id + "/decision", {{"decision", "maybe"}}).status, 422);
    {
        auto sql = t.app().db->lease();
        auto doc = inc::rule_set_to_json(inc::find_rule_set(*sql, "wage-supplement")->rules);
        doc["budget_cents"] = 5000000;
        mc::unwrap(inc::save_rule_set(*sql, doc, "", 2));
    }
    ASSERT_EQ(admin.post("/admin/incentives/applications/" + id + "/decision", {{"decision", "approve"}, {"note", "ok"}}).status, 303);
    auto page = admin.get("/admin/incentives/applications/" + id);
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "Director confirmed"));
    EXPECT_TRUE(contains(page.body, "Gloria Washington"));
    EXPECT_TRUE(contains(page.body, "Robert Kim"));
    ASSERT_EQ(admin.post("/admin/incentives/exports", {}).status, 303);
    std::string export_id;
    {
        auto sql = t.app().db->lease();
        auto exports = inc::all_exports(*sql);
        ASSERT_EQ(exports.size(), 1u);
        export_id = exports.front().id;
    }
    auto csv = admin.get("/admin/incentives/exports/" + export_id + "/payments.csv");
    ASSERT_EQ(csv.status, 200);
    EXPECT_TRUE(contains(csv.body, ",1000.00,"));
    EXPECT_TRUE(contains(csv.body, "Lucía Hernández"));
    EXPECT_EQ(lucia.get("/admin/incentives/exports/" + export_id + "/payments.csv").status, 403);
    auto after = lucia.get("/incentives");
    EXPECT_TRUE(contains(after.body, "Aprobada"));
}
