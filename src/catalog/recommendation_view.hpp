// College credit recommendations as pages show them (catalog, credential and pathway pages), in
// the reader's language, and the partial that draws them: {{>credit_recommendations}}.
#pragma once

#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "catalog/credit_recommendation.hpp"

namespace mc::catalog {

// {"credit_recommendations": [{text, dates, current}], "has_credit_recommendations": bool},
// merged into a page's context; expired ones are left out.
nlohmann::json recommendations_view(const app::App& app, std::string_view locale,
                                    const std::vector<CreditRecommendation>& list, std::string_view today);
// "3 semester hours, lower division, in Early Childhood Education"
std::string recommendation_text(const app::App& app, std::string_view locale, const CreditRecommendation& r);

} // namespace mc::catalog
