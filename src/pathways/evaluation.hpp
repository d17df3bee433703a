// Where the rule engine meets the other domains: an educator's facts from credentials (awards
// that stand), evidence (attempts in review) and catalog (area, credits), then every pathway
// evaluated in dependency order, progress recorded, stack credentials issued or revoked.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "app/app.hpp"
#include "credentials/web/stack_award.hpp"
#include "pathways/pathway_store.hpp"

namespace mc::pathways {

// The catalog as the rules count it: micro-credential id -> offer (slug, area, credits).
struct OfferIndex {
    std::map<std::string, Offer> by_id;
    std::map<std::string, std::pair<std::string, std::string>> titles; // slug -> (en, es)
    std::vector<Offer> offers;                                          // in catalog order
    const std::string& title(const std::string& slug, std::string_view locale) const;
};
OfferIndex load_offers(soci::session& sql);

Facts facts_of(soci::session& sql, const std::string& educator_id, const OfferIndex& offers);

struct PathwayView {
    PathwayVersion version;
    Outcome outcome;
    std::vector<std::string> done; // slugs of the micro-credentials that count
    std::vector<std::string> next; // suggested slugs
    std::optional<credentials::StackAwardRecord> award;
    bool started = false;
};

// Evaluates every pathway for the educator. With `apply`, inside the caller's transaction:
// pins the version of a pathway she starts, records progress, issues the stack credential of a
// newly met pathway and applies the revocation policy to one no longer met.
Result<std::vector<PathwayView>> evaluate_pathways(app::App& app, soci::session& sql, const std::string& educator_id,
                                                   bool apply);

struct RequirementView {
    RequirementRecord requirement;
    RequirementStatus status;
};
// The requirements of the educator's current job (none without a current employment).
std::vector<RequirementView> requirement_views(soci::session& sql, const std::string& educator_id, const Facts& facts,
                                               long long now);

// A pathway's order: refuses (Errc::conflict, pathways.errors.prerequisite) to start a
// micro-credential whose prerequisite in any pathway (the educator's pinned version) is unmet.
Result<void> check_prerequisites(soci::session& sql, const std::string& educator_id,
                                 const std::string& micro_credential_id);

// Listens to award_issued and award_revoked; adds the prerequisite check to evidence's start checks.
void install_evaluation(app::App& app);

// Pathways that name other pathways come after the ones they name (a cycle: left in the end).
std::vector<const PathwayVersion*> dependency_order(const std::vector<PathwayVersion>& versions);

// "Stack credential" key of a pathway (one credential per pathway, whatever the version).
std::string stack_key(const std::string& pathway_slug);

} // namespace mc::pathways
