// The pure judgement rules: decision validation, conflicts of interest, load balancing.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "assessment/rules.hpp"

using namespace mc::assessment;

namespace {

mc::catalog::Rubric rubric() {
    mc::catalog::Rubric r;
    r.levels = {{"emerging", {"Emerging", ""}}, {"meets", {"Meets", ""}}, {"exceeds", {"Exceeds", ""}}};
    r.passing_level = "meets";
    r.criteria = {{"a", "p", {"A", ""}, {}}, {"b", "p", {"B", ""}, {}}};
    return r;
}

bool has(const std::vector<FieldError>& errors, const std::string& field, const std::string& key) {
    for (const auto& e : errors)
        if (e.field == field && e.key == key) return true;
    return false;
}

} // namespace

TEST(DecisionRules, DemonstratedNeedsEveryCriterionAtThePassingLevel) {
    EXPECT_TRUE(validate_decision(rubric(), {{"a", "meets", ""}, {"b", "exceeds", ""}}, Outcome::demonstrated, "").empty());
    auto errors = validate_decision(rubric(), {{"a", "emerging", "x"}, {"b", "meets", ""}}, Outcome::demonstrated, "");
    EXPECT_TRUE(has(errors, "a", "assessment.errors.below_bar"));
    EXPECT_EQ(errors.size(), 1u);
}

TEST(DecisionRules, EveryCriterionMustBeScored) {
    auto errors = validate_decision(rubric(), {{"a", "meets", ""}}, Outcome::demonstrated, "");
    EXPECT_TRUE(has(errors, "b", "assessment.errors.unscored"));
    errors = validate_decision(rubric(), {{"a", "meets", ""}, {"b", "", "draft"}}, Outcome::not_yet, "");
    EXPECT_TRUE(has(errors, "b", "assessment.errors.unscored"));
}

TEST(DecisionRules, NotYetNeedsFeedbackOnEachCriterionBelowTheBar) {
    auto errors = validate_decision(rubric(), {{"a", "emerging", "  \n"}, {"b", "emerging", ""}}, Outcome::not_yet, "");
    EXPECT_TRUE(has(errors, "a", "assessment.errors.feedback_required"));
    EXPECT_TRUE(has(errors, "b", "assessment.errors.feedback_required"));
    EXPECT_TRUE(validate_decision(rubric(), {{"a", "emerging", "Show more turns."}, {"b", "meets", ""}},
                                  Outcome::not_yet, "").empty());
}

TEST(DecisionRules, NotYetNeedsAtLeastOneCriterionBelowTheBar) {
    auto errors = validate_decision(rubric(), {{"a", "meets", ""}, {"b", "meets", ""}}, Outcome::not_yet, "");
    EXPECT_TRUE(has(errors, "outcome", "assessment.errors.not_yet_all_met"));
}

TEST(DecisionRules, UnknownCriteriaAndLevelsAreRefused) {
    auto draft = validate_draft(rubric(), {{"zzz", "meets", ""}, {"a", "superb", ""}, {"b", "", ""}});
    EXPECT_TRUE(has(draft, "zzz", "assessment.errors.unknown_criterion"));
    EXPECT_TRUE(has(draft, "a", "assessment.errors.unknown_level"));
    EXPECT_EQ(draft.size(), 2u); // an empty level is fine in a draft
    auto long_feedback = validate_draft(rubric(), {{"a", "meets", std::string(kMaxFeedback + 1, 'x')}});
    EXPECT_TRUE(has(long_feedback, "a", "assessment.errors.feedback_too_long"));
}

TEST(DecisionRules, OutcomeNamesRoundTrip) {
    EXPECT_EQ(outcome_from("demonstrated"), Outcome::demonstrated);
    EXPECT_EQ(outcome_from("not_yet"), Outcome::not_yet);
    EXPECT_FALSE(outcome_from("maybe").has_value());
    EXPECT_EQ(outcome_name(Outcome::not_yet), "not_yet");
}

TEST(ConflictOfInterest, SelfAndSameEmployerAreConflicts) {
    EXPECT_TRUE(conflicted({"u1", "org", {}}, {"u1", "other", {}}));
    EXPECT_TRUE(conflicted({"u1", "org", {}}, {"u2", "org", {}}));
    EXPECT_FALSE(conflicted({"u1", "org", {}}, {"u2", "other", {}}));
    EXPECT_FALSE(conflicted({"u1", "", {}}, {"u2", "", {}})); // unknown employers are not the same employer
}

namespace {
// An assessor in good standing: active, trained, certified until t=1000, scores in both languages.
Candidate ready(std::string id, std::string org, int open) {
    Candidate c;
    c.person = {std::move(id), std::move(org), {}};
    c.open_assignments = open;
    c.trained = true;
    c.certified_until = 1000;
    c.languages = {"en", "es"};
    return c;
}
const Need kNow{"", "", 500, true};
} // namespace

TEST(LoadBalancing, PicksTheEligibleAssessorWithFewestOpenAssignments) {
    Person educator{"edu", "org-a", {}};
    std::vector<Candidate> c = {ready("edu", "org-a", 0), ready("colleague", "org-a", 0), ready("busy", "org-b", 5),
                                ready("free", "", 1), ready("also-free", "org-c", 1)};
    EXPECT_EQ(choose_assessor(c, educator, kNow), "also-free"); // tie at 1: smallest id
    c.pop_back();
    EXPECT_EQ(choose_assessor(c, educator, kNow), "free");
    EXPECT_FALSE(choose_assessor({ready("edu", "org-a", 0), ready("colleague", "org-a", 0)}, educator, kNow).has_value());
}
