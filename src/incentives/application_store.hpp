// SQL of incentive applications (migration 0091): applications with the estimate they were made
// on, the director's confirmation, the agency's decision within the funder's budget, payment lines
// (one per application and installment, never twice), exports and the audit of every step. The
// only place those tables are touched; names of people come from accounts (workflow.cpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "platform/error.hpp"

namespace mc::incentives {

// submitted (by her) -> confirmed (by her director) -> approved | denied (by agency staff)
struct Application {
    std::string id, rule_set_id, educator_id, employment_id, org_id;
    int fiscal_year = 0;
    std::string status = "submitted";
    long long amount_cents = 0;
    nlohmann::json estimate; // estimate_to_json (workflow.hpp)
    long long applied_at = 0;
    std::string confirmed_by;
    long long confirmed_at = 0;
    std::string decided_by;
    long long decided_at = 0;
    std::string decision_note;
};

// conflict (incentives.errors.already_applied) when one for that rule set and fiscal year stands.
Result<std::string> insert_application(soci::session& sql, const Application& a);
std::optional<Application> find_application(soci::session& sql, const std::string& id);
std::vector<Application> applications_of(soci::session& sql, const std::string& educator_id); // newest first
std::vector<Application> applications_at(soci::session& sql, const std::string& org_id);      // newest first
std::vector<Application> all_applications(soci::session& sql, int limit);                      // newest first
// Fiscal years a rule set already approved for her (once-a-year rule sets).
std::vector<int> approved_fiscal_years(soci::session& sql, const std::string& rule_set_id, const std::string& educator_id);

// submitted -> confirmed with the amount and estimate on the confirmed hours and wage;
// conflict (incentives.errors.state) from any other status.
Result<void> mark_confirmed(soci::session& sql, const std::string& id, const std::string& by, long long amount_cents,
                            const nlohmann::json& estimate, long long now);

// Sum of approved amounts under a rule set (what its budget has committed).
long long approved_cents(soci::session& sql, const std::string& rule_set_id);

struct LineInput {
    int installment = 0;
    long long cents = 0;
    std::string period_start, period_end;
};
// confirmed -> approved, writing the payment lines, when approved_cents + amount stays within
// budget_cents (0: no cap): otherwise conflict incentives.errors.over_budget and nothing changes.
// Serialised per rule set (its row is locked first), so two approvals never overspend together.
Result<void> mark_approved(soci::session& sql, const Application& a, long long budget_cents, const std::string& by,
                           const std::string& note, const std::vector<LineInput>& lines, long long now);
// submitted or confirmed -> denied (frees the fiscal year for a new application).
Result<void> mark_denied(soci::session& sql, const std::string& id, const std::string& by, const std::string& note,
                         long long now);

struct PaymentLine {
    std::string id, application_id, rule_set_id, educator_id, org_id;
    int installment = 0;
    long long amount_cents = 0;
    std::string period_start, period_end, export_id;
    long long created_at = 0;
};
std::vector<PaymentLine> lines_of(soci::session& sql, const std::string& application_id);
std::vector<PaymentLine> unexported_lines(soci::session& sql);
std::vector<PaymentLine> lines_in_export(soci::session& sql, const std::string& export_id);

struct Export {
    std::string id, created_by;
    long long created_at = 0, line_count = 0, total_cents = 0;
};
// Takes every line not yet exported into a new export (nullopt when there is none).
std::optional<Export> create_export(soci::session& sql, const std::string& by, long long now);
std::optional<Export> find_export(soci::session& sql, const std::string& id);
std::vector<Export> all_exports(soci::session& sql); // newest first

struct AuditEntry {
    std::string actor_id, action;
    nlohmann::json detail;
    long long at = 0;
};
void audit(soci::session& sql, const std::string& application_id, const std::string& actor_id, const std::string& action,
           const nlohmann::json& detail, long long now);
std::vector<AuditEntry> audit_of(soci::session& sql, const std::string& application_id); // oldest first

} // namespace mc::incentives
