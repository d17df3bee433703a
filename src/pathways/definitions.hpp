// What an agency configures, as documents (no code): pathways (stacks that end in a pathway
// credential) and licensing education requirements (a role's education due some time after hire).
// Pure: parsing with limits, and a requirement's standing on a given day.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pathways/rules.hpp"

namespace mc::pathways {

struct Bilingual {
    std::string en, es;
    const std::string& in(std::string_view locale) const { return locale == "es" && !es.empty() ? es : en; }
};

// A micro-credential that may only be started once `requires` is met (order enforced).
struct Prerequisite {
    std::string micro_credential; // slug
    Rule needs;
};

// What happens to a pathway credential when one of its constituents is revoked.
enum class RevocationPolicy {
    revoke_if_unmet, // re-evaluate; if the rule is no longer met without it, revoke the stack credential
    keep,            // the stack credential stands (the agency accepts it as earned at the time)
};

struct PathwayDefinition {
    std::string slug;
    int version = 1;
    Bilingual title, description;
    Rule rule;
    std::vector<Prerequisite> prerequisites;
    RevocationPolicy on_revoked = RevocationPolicy::revoke_if_unmet;
    bool awards_credential = true;
};

struct RequirementDefinition {
    std::string slug;
    Bilingual title, description;
    std::vector<std::string> roles;    // job roles it applies to (accounts::job_roles)
    std::vector<std::string> settings; // program setting types; empty: every setting
    int deadline_months_after_hire = 0; // 0: no deadline (calendar months: 60 is five years to the day)
    Rule rule;
};

std::optional<PathwayDefinition> pathway_from_json(const nlohmann::json& doc, std::vector<RuleIssue>& issues);
nlohmann::json pathway_to_json(const PathwayDefinition& p);
std::optional<RequirementDefinition> requirement_from_json(const nlohmann::json& doc, std::vector<RuleIssue>& issues);
nlohmann::json requirement_to_json(const RequirementDefinition& r);

bool applies_to(const RequirementDefinition& r, std::string_view job_role, std::string_view setting);

// Ordered as a director reads a staff list: the most urgent first.
enum class Standing { overdue, at_risk, on_track, met };
std::string_view standing_name(Standing s);

inline constexpr int kAtRiskDays = 180; // unmet and due within this many days: at risk

struct RequirementStatus {
    Outcome outcome;
    Standing standing = Standing::on_track;
    long long due_at = 0; // 0: no deadline
};

// The day `months` calendar months after `day` (unix seconds at 00:00 UTC); the 31st of a
// shorter month becomes its last day.
long long add_months(long long day, int months);

// hired_at and now in unix seconds (days at 00:00 UTC).
RequirementStatus requirement_status(const RequirementDefinition& r, const Facts& facts, long long hired_at,
                                     long long now);

// The prerequisite a micro-credential still waits on, if any (nullopt: free to start).
std::optional<Outcome> unmet_prerequisite(const PathwayDefinition& p, const std::string& micro_credential,
                                          const Facts& facts);

} // namespace mc::pathways
