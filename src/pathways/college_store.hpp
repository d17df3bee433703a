// SQL of college credit (migration 0086): portfolios an educator sent to a college, the credit
// a college partner granted or denied per credential, and the audit of every step.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "pathways/college.hpp"

namespace mc::pathways {

struct Portfolio {
    std::string id, educator_id, educator_name, college_org_id, college_name;
    nlohmann::json clr, summary; // as sent
    long long sent_at = 0, withdrawn_at = 0; // 0: not withdrawn
};

struct CreditDecision {
    std::string portfolio_id, award_id, outcome, course_equivalent, reason, decided_by, decided_by_name;
    double semester_hours = 0;
    long long decided_at = 0;
};

struct CollegeAuditEntry {
    std::string actor_id, actor_name, action, detail;
    long long at = 0;
};

// Returns the new id; conflict when she has a portfolio at that college she has not withdrawn.
Result<std::string> save_portfolio(soci::session& sql, const std::string& educator_id, const std::string& college_org_id,
                                   const nlohmann::json& clr, const nlohmann::json& summary, long long now);
std::optional<Portfolio> find_portfolio(soci::session& sql, const std::string& id);
std::vector<Portfolio> portfolios_of(soci::session& sql, const std::string& educator_id);    // newest first
std::vector<Portfolio> portfolios_at(soci::session& sql, const std::string& college_org_id); // sent, not withdrawn; newest first
// conflict when already withdrawn.
Result<void> withdraw_portfolio(soci::session& sql, const std::string& id, long long now);

// Inserts or replaces the decision on (portfolio, award).
void save_decision(soci::session& sql, const std::string& portfolio_id, const CreditDecisionInput& d,
                   const std::string& decided_by, long long now);
std::vector<CreditDecision> decisions_of(soci::session& sql, const std::string& portfolio_id);

void audit(soci::session& sql, const std::string& portfolio_id, const std::string& actor_id, const std::string& action,
           const std::string& detail, long long now);
std::vector<CollegeAuditEntry> audit_of(soci::session& sql, const std::string& portfolio_id); // oldest first

// Credits granted per college, for the agency: granted decisions and their semester hours.
struct CollegeCreditTotals {
    std::string college_org_id, college_name;
    long long portfolios = 0, granted = 0, denied = 0;
    double hours = 0;
};
std::vector<CollegeCreditTotals> credit_by_college(soci::session& sql);

} // namespace mc::pathways
