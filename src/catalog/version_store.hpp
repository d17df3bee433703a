// Reading micro-credential versions: what evidence, assessment and credentials need from the
// catalog. Writing (drafts, publishing) lives with the catalog's authoring code.
#pragma once

#include <string>
#include <vector>

#include <soci/soci.h>

#include "catalog/content.hpp"

namespace mc::catalog {

struct VersionRecord {
    std::string id;                  // micro_credential_versions.id
    std::string micro_credential_id;
    std::string slug;
    std::string competency_id;
    int version = 0;
    std::string status;              // draft | published | retired
    long long published_at = 0;
    Content content;
};

// Errc::not_found when the id is unknown.
Result<VersionRecord> load_version(soci::session& sql, const std::string& version_id);
// The newest published version of a micro-credential, by id or slug; not_found when none.
Result<VersionRecord> latest_published(soci::session& sql, const std::string& id_or_slug);

// Whether a micro-credential has this id (any status).
bool micro_credential_exists(soci::session& sql, const std::string& micro_credential_id);
// Every micro-credential that has a version, by slug, with its newest version id (any status).
struct LatestVersion {
    std::string micro_credential_id, version_id;
};
std::vector<LatestVersion> latest_versions(soci::session& sql);

} // namespace mc::catalog
