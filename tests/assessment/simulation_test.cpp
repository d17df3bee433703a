// Simulation: synthetic assessors of known accuracy score synthetic submissions through the real
// workflow and store (assign, decide, adjudicate, award), and the reliability analytics must flag
// exactly the inaccurate ones. Bounded: 80 submissions, 6 assessors, one lead.
#include <gtest/gtest.h>

#include <random>
#include <set>

#include "accounts/roles.hpp"
#include "assessment/reliability_report.hpp"
#include "assessment/reliability_store.hpp"
#include "assessment/workflow.hpp"
#include "platform/db/database.hpp"
#include "tests/assessment/world.hpp"

using mc::testing::TestApp;
using mc::testing::World;
namespace as = mc::assessment;

namespace {

const std::vector<std::string> kLevels{"emerging", "meets", "exceeds"}; // World's rubric, lowest first
const std::vector<std::string> kCriteria{"turns", "plan_fit"};

struct Synthetic {
    std::string id;
    double accuracy; // chance of giving the true level; otherwise one of the other levels at random
};

// What a synthetic assessor (or the lead) enters for a submission whose true levels are `truth`.
as::DecisionInput scoring(const std::vector<int>& truth, double accuracy, std::mt19937& rng, bool lead) {
    std::uniform_real_distribution<double> u(0, 1);
    as::DecisionInput in;
    bool all_pass = true;
    for (std::size_t c = 0; c < kCriteria.size(); ++c) {
        int level = truth[c];
        if (u(rng) >= accuracy) level = (level + 1 + static_cast<int>(rng() % 2)) % 3; // a wrong level, uniformly
        all_pass = all_pass && level >= 1;
        in.scores.push_back({kCriteria[c], kLevels[static_cast<std::size_t>(level)], "Feedback on this criterion."});
    }
    in.outcome = all_pass ? as::Outcome::demonstrated : as::Outcome::not_yet;
    in.summary = "Synthetic scoring.";
    if (lead) in.rationale = "Judged the evidence against the rubric.";
    return in;
}

} // namespace

TEST(Simulation, AnalyticsFlagExactlyTheInaccurateAssessors) {
    TestApp t;
    World w(t);
    w.double_scoring(1.0, true, "any_criterion"); // every submission double-scored; any difference adjudicated
    auto& app = t.app();

    std::vector<Synthetic> assessors;
    std::set<std::string> inaccurate;
    for (int i = 0; i < 4; ++i) assessors.push_back({w.add_user("Sim Accurate " + std::to_string(i), mc::accounts::assessor, ""), 0.97});
    for (int i = 0; i < 2; ++i) {
        assessors.push_back({w.add_user("Sim Inaccurate " + std::to_string(i), mc::accounts::assessor, ""), 0.45});
        inaccurate.insert(assessors.back().id);
    }
    auto lead = w.add_lead("Sim Lead", ""); // adjudicates against the truth

    std::mt19937 rng(20261123);
    std::discrete_distribution<int> true_level({30, 45, 25});
    const int kSubmissions = 80;
    int adjudicated = 0;
    for (int n = 0; n < kSubmissions; ++n) {
        auto educator = w.add_user("Sim Educator " + std::to_string(n), mc::accounts::educator, w.employer_b);
        auto submission = w.add_submission(educator);
        std::vector<int> truth{true_level(rng), true_level(rng)};
        // Two different synthetic assessors, drawn at random.
        std::size_t a = rng() % assessors.size(), b = rng() % (assessors.size() - 1);
        if (b >= a) ++b;
        auto sql = app.db->lease();
        std::string seat[2];
        for (int s = 0; s < 2; ++s) {
            mc::db::WriteTx tx(*sql);
            auto id = as::assign(app, *sql, submission, assessors[s == 0 ? a : b].id, w.admin);
            ASSERT_TRUE(id) << id.error().detail;
            seat[s] = *id;
            tx.commit();
        }
        std::string waiting;
        for (int s = 0; s < 2; ++s) {
            const auto& who = assessors[s == 0 ? a : b];
            std::vector<as::FieldError> errors;
            mc::db::WriteTx tx(*sql);
            auto done = as::decide(app, *sql, seat[s], who.id, scoring(truth, who.accuracy, rng, false), errors);
            ASSERT_TRUE(done) << done.error().detail << (errors.empty() ? "" : " " + errors[0].key);
            tx.commit();
            waiting = done->waiting_for;
        }
        if (waiting == "adjudication") {
            ++adjudicated;
            std::string adj;
            *sql << "SELECT id FROM assignments WHERE submission_id = :s AND kind = 'adjudication' AND status = 'assigned'",
                soci::use(submission), soci::into(adj);
            ASSERT_FALSE(adj.empty());
            std::vector<as::FieldError> errors;
            mc::db::WriteTx tx(*sql);
            auto done = as::decide(app, *sql, adj, lead, scoring(truth, 1.0, rng, true), errors);
            ASSERT_TRUE(done) << done.error().detail;
            EXPECT_FALSE(done->decision_id.empty());
            tx.commit();
        }
    }
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM decisions"), kSubmissions);
    EXPECT_GT(adjudicated, 0);

    auto sql = app.db->lease();
    auto settings = as::load_settings(*sql);
    auto report = as::build_report(as::gather_reliability(*sql, 0), settings, "en");
    EXPECT_EQ(report.double_scored_pairs, kSubmissions);
    std::set<std::string> flagged;
    for (const auto& row : report.assessors) {
        if (row.standing == mc::assessment::reliability::Standing::below) flagged.insert(row.id);
        bool synthetic = false;
        for (const auto& s : assessors) synthetic = synthetic || s.id == row.id;
        if (!synthetic) continue;
        ASSERT_TRUE(row.vs_final.kappa) << row.name;
        std::printf("  %-18s ratings %3.0f  exact %.2f  kappa %.2f  quadratic %.2f\n", row.name.c_str(), row.vs_final.n,
                    *row.vs_final.exact, *row.vs_final.kappa, row.vs_final.quadratic.value_or(0));
        EXPECT_GE(row.vs_final.n, settings.min_ratings) << row.name;
        if (inaccurate.contains(row.id)) EXPECT_LT(*row.vs_final.kappa, 0.5) << row.name;
        else EXPECT_GT(*row.vs_final.kappa, 0.85) << row.name;
    }
    EXPECT_EQ(flagged, inaccurate);

    // The page says so too, and the CSV marks the same two rows.
    auto page = w.as(w.admin).get("/admin/reliability");
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("Sim Inaccurate 0: kappa"), std::string::npos);
    EXPECT_NE(page.body.find("Sim Inaccurate 1: kappa"), std::string::npos);
    EXPECT_EQ(page.body.find("Sim Accurate 0: kappa"), std::string::npos);
    auto csv = w.as(w.admin).get("/admin/reliability.csv").body;
    for (const auto& s : assessors) {
        auto name = w.scalar("SELECT display_name FROM users WHERE id = '" + s.id + "'");
        bool below = csv.find("assessor," + name + ",against_final_scores,") != std::string::npos &&
                     csv.find(",below,", csv.find("assessor," + name + ",against_final_scores,")) <
                         csv.find("\r\n", csv.find("assessor," + name + ",against_final_scores,"));
        EXPECT_EQ(below, inaccurate.contains(s.id)) << name;
    }
}
