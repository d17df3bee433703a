// The rule engine behind pathways and licensing requirements. Pure: it reads what an educator
// holds (Facts) and a rule tree an agency wrote as JSON, and says whether the rule is met, how
// far along she is, which awards count (the evidence of a stack credential), what is in review
// and what to earn next. No I/O, so every worked example and property test runs without a database.
//
// Every rule is monotone on purpose: holding one more credential can only keep a met rule met
// ("adding a credential never loses a met requirement"); the only way back is a revocation,
// which removes a holding from the facts. There is therefore no "at most" or "none of" rule.
//
// Leaves: a micro-credential (by slug, any version), another pathway (completed), an external
// credential (CDA, degree: section 3 supplies them as verified Facts::externals), credits or
// clock hours overall or in one competency area (with accepted equivalents such as "a CDA counts
// as 12"), and "each of these areas" with a minimum count or minimum credits per area ("credits_per_area").
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "platform/error.hpp"

namespace mc::pathways {

// One micro-credential an educator earned (an award not revoked) or has in review.
struct Holding {
    std::string award_id; // empty for one in review
    std::string slug;     // the micro-credential, whichever version
    std::string area;     // competency area code, e.g. "CGD"
    double credits = 0;   // as the agency counts them (see credits_of)
    double clock_hours = 0;
    long long earned_at = 0;
};

// A credential earned elsewhere and verified (a CDA, a degree): plugs into rules as a leaf.
struct External {
    std::string kind; // "cda", "degree_non_ece", "degree_ece", ...
    std::string id;
    long long earned_at = 0;
};

struct Facts {
    std::vector<Holding> earned;
    std::vector<Holding> in_review;
    std::vector<External> externals;
    std::set<std::string> pathways_completed; // slugs
};

// A micro-credential the catalog offers, for "next suggested".
struct Offer {
    std::string slug, area;
    double credits = 0, clock_hours = 0;
};

// Credits a micro-credential counts for: its college credit when it carries one, otherwise its
// clock hours at the agency's rate (clock_hours_per_credit; 0 means clock hours never count).
double credits_of(double college_credit_hours, double clock_hours, double clock_hours_per_credit);

enum class RuleKind { all_of, any_of, at_least, micro_credential, pathway, external, credits, clock_hours, each_area };

struct Rule {
    RuleKind kind = RuleKind::all_of;
    std::vector<Rule> children;                // all_of, any_of, at_least
    int n = 0;                                 // at_least
    std::string ref;                           // slug (micro_credential, pathway), kind (external), area (credits, clock_hours)
    double amount = 0;                         // credits, clock hours; each_area: credits per area (0: count only)
    std::vector<std::string> areas;            // each_area
    int min_count = 1;                         // each_area: holdings per area
    std::map<std::string, double> equivalents; // credits: external kind -> credits it counts as
};

// Limits on a rule document from an agency form or the API (checked before anything is built).
inline constexpr int kMaxRuleDepth = 8;
inline constexpr int kMaxRuleNodes = 200;
inline constexpr std::size_t kMaxRuleChildren = 64;
inline constexpr std::size_t kMaxRefLength = 80;

struct RuleIssue {
    std::string field; // JSON path, e.g. "rule.all_of.1.credits"
    std::string key;   // locale key
};

// Reads a rule document; problems go to `issues` (then the rule returned is unusable).
Rule rule_from_json(const nlohmann::json& doc, std::vector<RuleIssue>& issues, const std::string& at = "rule");
nlohmann::json rule_to_json(const Rule& rule);
// Slugs of micro-credentials and pathways a rule names (for checks against the catalog).
void referenced(const Rule& rule, std::set<std::string>& micro_credentials, std::set<std::string>& pathways);

enum class Unit { items, parts, areas, credits, clock_hours };
std::string_view unit_name(Unit u);

struct Outcome {
    bool met = false;
    double done = 0, total = 1; // progress, in `unit`
    Unit unit = Unit::items;
    std::set<std::string> used_awards;       // awards that count (a met rule: its evidence)
    std::set<std::string> used_externals;    // external ids that count
    std::vector<std::string> areas_met;      // each_area: in the rule's order
    std::vector<std::string> areas_missing;  // each_area
    std::vector<std::string> in_review;      // slugs in review that would count
    std::vector<std::string> wanted_slugs;   // micro-credentials named and not held
    std::vector<std::string> wanted_areas;   // areas where more is needed ("" = any area)
    double fraction() const { return total > 0 ? std::min(1.0, done / total) : (met ? 1.0 : 0.0); }
};

Outcome evaluate(const Rule& rule, const Facts& facts);

// Up to `limit` offers worth earning next: named ones first, then ones in the areas still short
// (most credits first), never one already earned or in review.
std::vector<std::string> suggestions(const Outcome& outcome, const Facts& facts, const std::vector<Offer>& offers,
                                     std::size_t limit = 3);

} // namespace mc::pathways
