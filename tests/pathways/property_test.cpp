// Properties over random rule trees and random holdings (fixed seed, so a failure replays):
// adding a credential never loses a met rule, and a met rule's evidence alone still meets it;
// only removing a holding (a revocation) can turn a met rule unmet.
#include <random>

#include <gtest/gtest.h>

#include "facts.hpp"

namespace mc::pathways {
namespace {

using test::kEightAreas;

struct Gen {
    std::mt19937 rng{20261204};
    int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); }
    std::string slug() { return "mc" + std::to_string(pick(12)); }
    std::string area() { return kEightAreas[pick(8)]; }

    Rule rule(int depth) {
        Rule r;
        int kind = depth >= 3 ? 3 + pick(6) : pick(9);
        switch (kind) {
        case 0: r.kind = RuleKind::all_of; break;
        case 1: r.kind = RuleKind::any_of; break;
        case 2: r.kind = RuleKind::at_least; break;
        case 3: r.kind = RuleKind::micro_credential; r.ref = slug(); return r;
        case 4: r.kind = RuleKind::external; r.ref = pick(2) ? "cda" : "degree_non_ece"; return r;
        case 5:
            r.kind = RuleKind::credits;
            r.amount = pick(10);
            if (pick(2)) r.ref = area();
            if (pick(3) == 0) r.equivalents["cda"] = 12;
            return r;
        case 6: r.kind = RuleKind::clock_hours; r.amount = 5 * pick(10); if (pick(2)) r.ref = area(); return r;
        case 7: r.kind = RuleKind::pathway; r.ref = pick(2) ? "p1" : "p2"; return r;
        default:
            r.kind = RuleKind::each_area;
            for (int i = 0, n = 1 + pick(4); i < n; ++i) r.areas.push_back(area());
            r.min_count = 1 + pick(2);
            r.amount = pick(3);
            return r;
        }
        int n = 1 + pick(4);
        for (int i = 0; i < n; ++i) r.children.push_back(rule(depth + 1));
        r.n = 1 + pick(n);
        return r;
    }

    Holding holding(int i) {
        return {"award" + std::to_string(i), slug(), area(), static_cast<double>(pick(4)) * 0.6,
                static_cast<double>(pick(20)), 0};
    }

    Facts facts() {
        Facts f;
        for (int i = 0, n = pick(10); i < n; ++i) f.earned.push_back(holding(i));
        if (pick(3) == 0) f.externals.push_back({"cda", "cda-1", 0});
        if (pick(3) == 0) f.externals.push_back({"degree_non_ece", "deg-1", 0});
        if (pick(2)) f.pathways_completed.insert("p1");
        return f;
    }
};

TEST(RuleProperties, AddingACredentialNeverLosesAMetRule) {
    Gen g;
    int met_cases = 0;
    for (int round = 0; round < 3000; ++round) {
        auto rule = g.rule(0);
        auto f = g.facts();
        auto before = evaluate(rule, f);
        auto more = f;
        more.earned.push_back(g.holding(100 + round));
        if (g.pick(4) == 0) more.externals.push_back({"cda", "cda-2", 0});
        if (g.pick(4) == 0) more.pathways_completed.insert("p2");
        auto after = evaluate(rule, more);
        if (before.met) {
            ++met_cases;
            ASSERT_TRUE(after.met) << rule_to_json(rule).dump();
        }
        ASSERT_GE(after.fraction() + 1e-9, before.met ? 1.0 : 0.0);
    }
    EXPECT_GT(met_cases, 300); // the generator does make met rules
}

TEST(RuleProperties, AMetRulesEvidenceAloneStillMeetsIt) {
    Gen g;
    for (int round = 0; round < 3000; ++round) {
        auto rule = g.rule(0);
        auto f = g.facts();
        auto o = evaluate(rule, f);
        if (!o.met) continue;
        Facts kept = f;
        std::erase_if(kept.earned, [&](const Holding& h) { return !o.used_awards.contains(h.award_id); });
        std::erase_if(kept.externals, [&](const External& e) { return !o.used_externals.contains(e.id); });
        ASSERT_TRUE(evaluate(rule, kept).met) << rule_to_json(rule).dump();
    }
}

TEST(RuleProperties, OnlyARevocationTurnsAMetRuleUnmet) {
    Gen g;
    int lost = 0;
    for (int round = 0; round < 3000; ++round) {
        auto rule = g.rule(0);
        auto f = g.facts();
        auto o = evaluate(rule, f);
        if (!o.met || o.used_awards.empty()) continue;
        // Revoke one award that counted: the rule may fall back, and evaluating twice agrees.
        Facts revoked = f;
        auto gone = *o.used_awards.begin();
        std::erase_if(revoked.earned, [&](const Holding& h) { return h.award_id == gone; });
        auto after = evaluate(rule, revoked);
        if (!after.met) ++lost;
        ASSERT_EQ(after.met, evaluate(rule, revoked).met);
    }
    EXPECT_GT(lost, 0); // revocation is a way back
}

} // namespace
} // namespace mc::pathways
