// SQL of credit_recommendations (migration 0085): the college credit recommendations of a
// micro-credential or a pathway. Pathways and credentials read them through this header.
#pragma once

#include <string>
#include <vector>

#include <soci/soci.h>

#include "catalog/credit_recommendation.hpp"

namespace mc::catalog {

inline constexpr std::string_view kMicroCredential = "micro_credential";
inline constexpr std::string_view kPathway = "pathway";

// In list order; empty when none.
std::vector<CreditRecommendation> recommendations_for(soci::session& sql, std::string_view kind, const std::string& slug);
// Replaces the whole list of (kind, slug); call inside a write transaction.
void replace_recommendations(soci::session& sql, std::string_view kind, const std::string& slug,
                             const std::vector<CreditRecommendation>& list, const std::string& user_id, long long now);

} // namespace mc::catalog
