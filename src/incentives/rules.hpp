// The incentives rule engine (pure: no SOCI, no HTTP). A funder describes an incentive as a JSON
// rule set, no code: who is eligible (hourly wage at or under a limit, hours a week, months in the
// same program, a pathway held) and how much (a table by career-lattice level or by the number of
// micro-credentials held, per funding tier), prorated for part-time work and paid in installments
// (WAGE$-style) or once per fiscal year (REWARD$-style), or a district salary lane. The engine gives
// the amount and, line by line, why: each line is a locale key with its values, so the educator reads
// the same reasons in English and Spanish. Money is integer cents throughout.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace mc::incentives {

inline constexpr std::size_t kMaxRows = 60;
inline constexpr std::size_t kMaxTiers = 10;
inline constexpr std::size_t kMaxCounties = 200;
inline constexpr std::size_t kMaxPathways = 20;
inline constexpr long long kMaxAmountCents = 10'000'000;     // $100,000: far above any published table
inline constexpr long long kMaxBudgetCents = 100'000'000'000; // $1,000,000,000

struct Text {
    std::string en, es;
    const std::string& in(std::string_view locale) const { return locale == "es" && !es.empty() ? es : en; }
};

// A problem in a rule set document: the JSON path of the field and a locale key.
struct Issue {
    std::string field, key;
};

enum class Basis { lattice_level, micro_credentials };

struct AmountRow {
    std::string level;             // lattice_level: the level's code ("10", "G")
    int min_micro_credentials = 0; // micro_credentials: the row applies from this many
    Text label;                    // optional ("Master's-equivalent lane")
    std::map<std::string, long long> cents_by_tier; // tier -> annual cents; the key "" when untiered
};

struct RuleSet {
    std::string slug;
    Text title, description, funder;
    long long budget_cents = 0;      // the funder's cap on approved amounts (0: no cap)
    Basis basis = Basis::lattice_level;
    std::string lattice;             // lattice slug (lattice_level basis)
    std::vector<std::string> tiers;  // funding tiers; empty: one amount per row
    std::map<std::string, std::string> tier_by_county; // county -> tier
    std::string default_tier;        // the tier of a county not listed
    std::optional<long long> max_hourly_wage_cents;
    int min_hours_per_week = 0;
    int min_months_in_program = 0;
    std::vector<std::string> pathways_any; // she must hold one of these (empty: none needed)
    int full_time_hours_per_week = 0; // > 0: fewer hours prorate the amount
    int installments = 1;             // the amount is paid in this many parts
    int installment_months = 12;      // one part every this many months
    bool once_per_fiscal_year = false;
    int fiscal_year_start_month = 7;  // July: fiscal year 2027 runs 2026-07-01 to 2027-06-30
    std::vector<AmountRow> rows;      // ascending: each row pays at least as much as the one before
};

// Reads and checks a rule set (bounded: sizes, ranges, every tier priced). Problems go to `issues`.
std::optional<RuleSet> rule_set_from_json(const nlohmann::json& doc, std::vector<Issue>& issues);
nlohmann::json rule_set_to_json(const RuleSet& r);

struct LadderStep {
    int rank = 0;
    std::string code;
};

// What is known about one educator on one day.
struct Facts {
    int level_rank = 0;          // her level in the rule set's lattice (0: none)
    std::string level_code;
    std::vector<LadderStep> ladder; // that lattice's levels by rank (to price a level between rows)
    std::set<std::string> pathways; // completed pathways
    int micro_credentials = 0;      // standing awards
    bool employed = false;          // a current job is on file
    int hours_per_week = 0;
    long long hourly_wage_cents = 0;
    std::string program_started_on; // YYYY-MM-DD: hire date in her current program
    std::string county;             // of that program
    std::string as_of;              // YYYY-MM-DD: the day of the estimate (or application)
    std::set<int> paid_fiscal_years; // fiscal years this rule set already paid her
};

// One reason: a locale key (incentives.why.*) and its values, already formatted ($3,500.00, dates).
struct Line {
    std::string key;
    std::vector<std::pair<std::string, std::string>> args;
    bool ok = true; // false: this is why she is not eligible
    std::vector<std::pair<std::string, Text>> texts; // values that differ by language (a lane's label)
};

// The values of a line in one language (args, then texts in that language), for Catalog::format.
std::vector<std::pair<std::string, std::string>> args_in(const Line& line, std::string_view locale);

struct Installment {
    int number = 0;           // 1-based
    long long cents = 0;
    std::string period_start, period_end; // YYYY-MM-DD, inclusive
};

struct Estimate {
    bool eligible = false;
    int row = -1;                 // the table row that applies (-1: none)
    std::string tier;
    long long annual_cents = 0;   // the table's amount
    long long amount_cents = 0;   // after proration (0 when not eligible)
    int months_in_program = 0;
    int fiscal_year = 0;          // once_per_fiscal_year: the fiscal year this payment is for
    std::vector<Installment> installments;
    std::vector<Line> why;
};

Estimate evaluate(const RuleSet& rules, const Facts& facts);

// "$3,500.00"
std::string money(long long cents);
// Whole calendar months from `from` to `to` (YYYY-MM-DD); 0 when either is not a day or to < from.
int months_between(const std::string& from, const std::string& to);
// `day` plus n calendar months (the day clamped to the month's last day).
std::string add_months(const std::string& day, int n);
// The fiscal year (named by the year it ends in) of a day.
int fiscal_year_of(const std::string& day, int start_month);

} // namespace mc::incentives
