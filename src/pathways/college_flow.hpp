// College credit, what pages and API share: building the portfolio an educator sends (her signed
// CLR and an evidence summary made of catalog titles, the rubric criteria she met and the levels
// scored; never her answers or files), sending, withdrawing, a partner's decisions, each audited.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "pathways/college_store.hpp"

namespace mc::pathways {

// {"items": [{award_id, slug, title {en, es}, issued_at, criteria [{title {en,es}, level {en,es}}],
//  recommendations [...]}]}: every standing award of the educator.
nlohmann::json evidence_summary(soci::session& sql, const std::string& educator_id);

// not_found for an unknown college; conflict when she holds no credential or already has an open
// portfolio there.
Result<std::string> send_portfolio(app::App& app, soci::session& sql, const std::string& educator_id,
                                   const std::string& college_org_id, const std::string& locale);
// Her own portfolio only (anyone else's: not_found).
Result<void> withdraw_own(soci::session& sql, const std::string& educator_id, const std::string& portfolio_id);
// The portfolio as the caller's college sees it: not_found unless it was sent to the partner's
// college and not withdrawn.
Result<Portfolio> portfolio_for_partner(soci::session& sql, const std::string& partner_id, const std::string& portfolio_id);
// bad_input (issues filled) for a bad field; not_found for an award not in the portfolio.
Result<void> decide(soci::session& sql, const std::string& partner_id, const Portfolio& p, const std::string& award_id,
                    const std::string& outcome, const std::string& hours, const std::string& course,
                    const std::string& reason, std::vector<RuleIssue>& issues);

// One portfolio in the reader's language: items with their decision.
nlohmann::json portfolio_view(const app::App& app, std::string_view locale, soci::session& sql, const Portfolio& p);

long long college_now();

} // namespace mc::pathways
