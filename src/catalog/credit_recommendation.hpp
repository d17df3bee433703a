// College credit recommendations: what a college is advised to grant for a micro-credential or a
// pathway (issue 11 section 5). Pure: parsing and checks, no I/O. The store is
// catalog/recommendation_store.hpp; the catalog, credential and pathway pages show them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "catalog/content.hpp"

namespace mc::catalog {

// Course level a recommendation is made at.
inline constexpr std::string_view kCreditLevels[] = {"lower_division", "upper_division", "graduate"};

struct CreditRecommendation {
    double semester_hours = 0;   // > 0, at most 60, in halves
    std::string level;           // one of kCreditLevels
    std::string subject;         // "Early Childhood Education", at most 120 characters
    std::string effective_from;  // YYYY-MM-DD
    std::string effective_to;    // YYYY-MM-DD, or empty: open-ended
};

inline constexpr std::size_t kMaxRecommendations = 10;

// `{"recommendations": [{semester_hours, level, subject, effective_from, effective_to}, ...]}`:
// the whole list for one micro-credential or pathway. Every problem is reported, each naming
// its field ("recommendations.0.level"); nullopt when there is any.
std::optional<std::vector<CreditRecommendation>> recommendations_from_json(const nlohmann::json& doc,
                                                                           std::vector<ContentIssue>& issues);
nlohmann::json recommendations_to_json(const std::vector<CreditRecommendation>& list);

// In effect on `day` (YYYY-MM-DD): from <= day and (no end or day <= to).
bool in_effect(const CreditRecommendation& r, std::string_view day);
// Not yet expired on `day` (in effect or starting later): what pages show.
bool still_offered(const CreditRecommendation& r, std::string_view day);

} // namespace mc::catalog
