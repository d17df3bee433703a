// The assessor lifecycle's pure rules: each eligibility bar on its own, the ranking (language
// required, work setting preferred, then load), and the application and money helpers.
#include <gtest/gtest.h>

#include "assessment/assessors/lifecycle.hpp"
#include "assessment/rules.hpp"
#include "platform/dates.hpp"

using namespace mc::assessment;
using namespace mc::assessment::assessors;

namespace {

const long long kNow = 1'000'000;
const Person kEducator{"edu", "org-a", {}};

Candidate good(std::string id, int open = 0) {
    Candidate c;
    c.person = {std::move(id), "org-b", {}};
    c.open_assignments = open;
    c.trained = true;
    c.certified_until = kNow + 100;
    c.languages = {"en", "es"};
    return c;
}

Need need(std::string language = "es", std::string setting = "", bool require = true) {
    return Need{std::move(language), std::move(setting), kNow, require};
}

} // namespace

TEST(Eligibility, AnAssessorInGoodStandingIsEligible) {
    EXPECT_EQ(eligibility(good("a"), kEducator, need()), Ineligible::none);
}

TEST(Eligibility, RetiredAndPausedAreNot) {
    auto c = good("a");
    c.status = "retired";
    EXPECT_EQ(eligibility(c, kEducator, need()), Ineligible::retired);
    c.status = "paused"; // until resumed
    EXPECT_EQ(eligibility(c, kEducator, need()), Ineligible::paused);
    c.paused_until = kNow + 1;
    EXPECT_EQ(eligibility(c, kEducator, need()), Ineligible::paused);
    c.paused_until = kNow; // a dated pause lifts itself when its day is over
    EXPECT_EQ(eligibility(c, kEducator, need()), Ineligible::none);
    c.status = "something else";
    EXPECT_EQ(eligibility(c, kEducator, need()), Ineligible::paused);
}

TEST(Eligibility, TrainingAndCurrentCertificationAreRequired) {
    auto c = good("a");
    c.trained = false;
    EXPECT_EQ(eligibility(c, kEducator, need()), Ineligible::not_trained);
    c.trained = true;
    c.certified_until = kNow; // expired this very second
    EXPECT_EQ(eligibility(c, kEducator, need()), Ineligible::not_certified);
    c.certified_until = 0;
    EXPECT_EQ(eligibility(c, kEducator, need()), Ineligible::not_certified);
    // A program certifying its first assessors may switch the requirement off; training still counts.
    EXPECT_EQ(eligibility(c, kEducator, need("es", "", false)), Ineligible::none);
    c.trained = false;
    EXPECT_EQ(eligibility(c, kEducator, need("es", "", false)), Ineligible::not_trained);
}

TEST(Eligibility, ConflictsSelfEmployerAndDeclaredRelationships) {
    auto self = good("edu");
    EXPECT_EQ(eligibility(self, kEducator, need()), Ineligible::conflict);
    auto colleague = good("c");
    colleague.person.employer_org_id = "org-a";
    EXPECT_EQ(eligibility(colleague, kEducator, need()), Ineligible::conflict);
    auto friend_ = good("f");
    friend_.person.declared = {"someone", "edu"};
    EXPECT_EQ(eligibility(friend_, kEducator, need()), Ineligible::conflict);
    EXPECT_TRUE(conflicted(friend_.person, kEducator));
    EXPECT_FALSE(conflicted(good("g").person, kEducator));
}

TEST(Eligibility, TheEvidenceLanguageIsRequired) {
    auto c = good("a");
    c.languages = {"en"};
    EXPECT_EQ(eligibility(c, kEducator, need("es")), Ineligible::language);
    EXPECT_EQ(eligibility(c, kEducator, need("en")), Ineligible::none);
    EXPECT_EQ(eligibility(c, kEducator, need("")), Ineligible::none);
    EXPECT_EQ(bar_key(Ineligible::language), "assessors.bars.language");
    EXPECT_EQ(bar_key(Ineligible::none), "");
}

TEST(Ranking, SettingIsPreferredOverLoadButLanguageIsRequired) {
    auto idle = good("idle", 0);
    auto knows = good("knows", 3);
    knows.settings = {"head_start"};
    auto english_only = good("english", 0);
    english_only.languages = {"en"};
    english_only.settings = {"head_start"};
    std::vector<Candidate> all{idle, knows, english_only};
    EXPECT_EQ(choose_assessor(all, kEducator, need("es", "head_start")), "knows");
    EXPECT_EQ(choose_assessor(all, kEducator, need("es", "")), "idle"); // no setting: load decides
    EXPECT_EQ(choose_assessor(all, kEducator, need("en", "head_start")), "english"); // knows it, less load
    EXPECT_EQ(choose_assessor(all, kEducator, need("es", "center")), "idle");
    EXPECT_FALSE(choose_assessor({english_only}, kEducator, need("es")).has_value());
}

TEST(Ranking, LeadsMustBeCertifiedToAdjudicate) {
    auto lead = good("lead");
    lead.lead = true;
    lead.certified_until = kNow - 1;
    auto other = good("other");
    EXPECT_FALSE(choose_for({lead, other}, kEducator, {}, Seat::adjudicator, need()).has_value());
    lead.certified_until = kNow + 1;
    EXPECT_EQ(choose_for({lead, other}, kEducator, {}, Seat::adjudicator, need()), "lead");
    auto paused = other;
    paused.status = "paused";
    EXPECT_EQ(choose_for({lead, paused}, kEducator, {}, Seat::scorer, need()), "lead"); // the only one left
}

TEST(Applications, AreValidated) {
    Application a{"CDA, B.A. ECE", 5, {"es"}, {"center"}, "", {}};
    EXPECT_TRUE(validate_application(a).empty());
    auto has = [](const std::vector<FieldError>& e, const std::string& field) {
        for (const auto& x : e)
            if (x.field == field) return true;
        return false;
    };
    Application bad{"  ", 71, {}, {"moon_base"}, std::string(kMaxRelationships + 1, 'x'), {}};
    auto errors = validate_application(bad);
    EXPECT_TRUE(has(errors, "qualifications"));
    EXPECT_TRUE(has(errors, "years_experience"));
    EXPECT_TRUE(has(errors, "languages"));
    EXPECT_TRUE(has(errors, "settings"));
    EXPECT_TRUE(has(errors, "relationships"));
    Application klingon = a;
    klingon.languages = {"tlh"};
    EXPECT_TRUE(has(validate_application(klingon), "languages"));
    klingon.years_experience = -1;
    EXPECT_TRUE(has(validate_application(klingon), "years_experience"));
}

TEST(Training, AllModulesAreNeeded) {
    std::vector<std::string> done;
    for (const auto& m : training_modules()) {
        EXPECT_FALSE(fully_trained(done));
        done.emplace_back(m.id);
    }
    EXPECT_TRUE(fully_trained(done));
    EXPECT_GE(training_modules().size(), 3u);
}

TEST(Helpers, ListsMonthsAndMoney) {
    EXPECT_EQ(split_list(" en, ,es "), (std::vector<std::string>{"en", "es"}));
    EXPECT_EQ(join_list({"en", "es"}), "en,es");
    EXPECT_TRUE(split_list("").empty());
    EXPECT_EQ(mc::month_of(0), "1970-01");
    EXPECT_EQ(mc::month_of(1'700'000'000), "2023-11");
    EXPECT_TRUE(is_month("2026-11"));
    EXPECT_FALSE(is_month("2026-13"));
    EXPECT_FALSE(is_month("2026-1"));
    EXPECT_FALSE(is_month("20x6-01"));
    EXPECT_EQ(dollars(2500), "25.00");
    EXPECT_EQ(dollars(3505), "35.05");
    EXPECT_EQ(dollars(-150), "-1.50");
}
