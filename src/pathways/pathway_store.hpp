// SQL of the pathways domain (the only place its tables are touched): pathway versions,
// requirements, each educator's pinned version and last evaluation, reminders sent, settings.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "pathways/definitions.hpp"

namespace mc::pathways {

struct PathwayVersion {
    std::string id, pathway_id;
    PathwayDefinition definition; // definition.version is this version's number
    long long published_at = 0;
};

// Publishes `p` as the next version of its slug (a new pathway at version 1); the same document
// as the newest version publishes nothing. Returns the newest version id.
Result<std::string> publish_pathway(soci::session& sql, const PathwayDefinition& p);
std::vector<PathwayVersion> current_pathways(soci::session& sql); // newest version of each, by slug
std::optional<PathwayVersion> load_pathway_version(soci::session& sql, const std::string& version_id);
std::optional<PathwayVersion> current_pathway(soci::session& sql, const std::string& slug);

struct Progress {
    std::string educator_id, pathway_id, version_id;
    long long started_at = 0, completed_at = 0, evaluated_at = 0;
    double done = 0, total = 1;
    bool met = false;
};
std::vector<Progress> progress_of(soci::session& sql, const std::string& educator_id);
// Inserts or updates the row of (educator, pathway); the pinned version never changes here.
void save_progress(soci::session& sql, const Progress& p);

struct PathwayCounts {
    std::string pathway_id;
    long long started = 0, completed = 0;
};
std::vector<PathwayCounts> counts_per_pathway(soci::session& sql);

// Every completed pathway (met, with its completion time), for reports: one query, not one per educator.
struct Completion {
    std::string educator_id, pathway_id;
    long long completed_at = 0;
};
std::vector<Completion> all_completions(soci::session& sql);

struct RequirementRecord {
    std::string id;
    RequirementDefinition definition;
};
// Inserts or replaces the requirement of that slug; returns its id.
Result<std::string> save_requirement(soci::session& sql, const RequirementDefinition& r);
std::vector<RequirementRecord> all_requirements(soci::session& sql); // by slug

// True when this reminder step had not been sent yet (it is now recorded as sent).
bool claim_reminder(soci::session& sql, const std::string& educator_id, const std::string& requirement_id,
                    const std::string& step, long long now);

// Clock hours that make one credit where a micro-credential carries no college credit (default 10).
double clock_hours_per_credit(soci::session& sql);
void set_clock_hours_per_credit(soci::session& sql, double value);

} // namespace mc::pathways
