// The incentive workflow: an educator applies on the engine's estimate, her director confirms
// her job, hours and wage, agency staff approve within the funder's budget or deny; approval
// writes the payment lines and an export takes them into a CSV. Every step is audited (who, when,
// what changed). Reads other domains through their store headers; its own tables through
// application_store.hpp and rule_set_store.hpp. Callers hold the write transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "incentives/application_store.hpp"
#include "incentives/rule_set_store.hpp"
#include "incentives/rules.hpp"
#include "platform/error.hpp"
#include "platform/i18n/catalog.hpp"

namespace mc::incentives {

inline constexpr std::size_t kMaxNote = 2000;

// The estimate as stored with an application: amounts, installments and each reason with its
// values in both languages (so it reads the same later, whatever changes).
nlohmann::json estimate_to_json(const Estimate& e);
// The reasons of a stored estimate in one language, each {text, ok}.
nlohmann::json reasons_in(const i18n::Catalog& catalog, const nlohmann::json& estimate, std::string_view locale);

// Her estimate under a rule set on `as_of` (YYYY-MM-DD), counting the fiscal years already approved.
Estimate estimate_for(soci::session& sql, const std::string& educator_id, const RuleSetRecord& r, const std::string& as_of);

// not_found: no such rule set; conflict: no current job (incentives.errors.no_job), not eligible
// (incentives.errors.not_eligible) or an application already standing this fiscal year.
Result<std::string> apply(soci::session& sql, const std::string& educator_id, const std::string& rule_set_slug,
                          const std::string& as_of, long long now);

// Her director (of the program the application names; anyone else: not_found) confirms the job
// with the hours and wage she sees on file or corrects them (accounts records the confirmation);
// the amount is estimated again on the confirmed figures.
Result<void> confirm(soci::session& sql, const std::string& director_id, const std::string& application_id,
                     int hours_per_week, long long hourly_wage_cents, long long now);

// Agency staff approve (within the budget; not when the confirmed figures leave her ineligible)
// or deny a confirmed or submitted application. note: at most kMaxNote characters (bad_input).
Result<void> decide(soci::session& sql, const std::string& staff_id, const std::string& application_id, bool approve,
                    const std::string& note, long long now);

// Every approved line not yet exported, as one export (nullopt: nothing to export); audited on each application.
std::optional<Export> export_payments(soci::session& sql, const std::string& by, long long now);
// The export as CSV: one row per payment line (header first, CRLF).
std::string export_csv(soci::session& sql, const Export& e);

// "17.25" or "17" -> 1725 cents (nullopt: not a plain amount of dollars, or over $1,000 an hour).
std::optional<long long> parse_hourly_wage(std::string_view text);

} // namespace mc::incentives
