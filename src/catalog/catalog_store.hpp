// The catalog's SQL: the competency framework, and the life of micro-credential versions
// (draft -> published -> retired). A published version's content never changes: every write
// to content checks status = 'draft' in the same statement, so a race cannot slip past it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "catalog/content.hpp"
#include "catalog/version_store.hpp"

namespace mc::catalog {

struct Competency {
    std::string id;
    std::string area_id;
    std::string code;
    Text title;
    Text description;
};

struct Area {
    std::string id;
    std::string code;
    int position = 0;
    Text title;
    Text description;
    std::vector<Competency> competencies;
};

struct Framework {
    std::string id;
    std::string slug;
    Text title;
    Text description;
    std::vector<Area> areas;
};

// The framework the program uses: by slug, or the oldest one when slug is empty.
Result<Framework> load_framework(soci::session& sql, const std::string& slug = {});

// Where a competency sits: its code and title and its framework's slug and title (what an
// issued credential names as its alignment).
struct CompetencyPlace {
    std::string code, framework_slug;
    Text title, framework_title;
};
std::optional<CompetencyPlace> competency_place(soci::session& sql, const std::string& competency_id);
Result<Framework> create_framework(soci::session& sql, const std::string& slug, const Text& title,
                                   const Text& description);
// conflict when the code is taken.
Result<std::string> add_area(soci::session& sql, const std::string& framework_id, const std::string& code,
                             const Text& title, const Text& description);
Result<std::string> add_competency(soci::session& sql, const std::string& area_code, const std::string& code,
                                   const Text& title, const Text& description);

// One micro-credential as the catalog shows it: its newest published version, with the
// competency and area it belongs to.
struct CatalogEntry {
    VersionRecord version;
    Competency competency;
    Area area; // without competencies
};
std::vector<CatalogEntry> list_published(soci::session& sql);
Result<CatalogEntry> find_published(soci::session& sql, const std::string& slug);

// One row of the authoring list: the newest version of every micro-credential.
struct AuthoringEntry {
    std::string micro_credential_id;
    std::string slug;
    std::string competency_code;
    std::string version_id;
    int version = 0;
    std::string status;
    std::string title_en;
    std::string title_es;
    int published_version = 0; // 0 when none is published
};
std::vector<AuthoringEntry> list_for_authoring(soci::session& sql);
Result<AuthoringEntry> find_for_authoring(soci::session& sql, const std::string& slug);

// Creates the micro-credential and its version 1 draft; returns the version id.
// conflict when the slug is taken, bad_input when the competency is unknown or content invalid.
Result<std::string> create_micro_credential(soci::session& sql, const std::string& slug,
                                            const std::string& competency_code, const nlohmann::json& content,
                                            const std::string& user_id);
// Replaces a draft's content; conflict when the version is not a draft (published is immutable).
Result<void> save_draft(soci::session& sql, const std::string& version_id, const nlohmann::json& content);
Result<void> publish_version(soci::session& sql, const std::string& version_id, const std::string& user_id);
// A new draft (newest version + 1) copying the newest version's content; conflict when a draft exists.
Result<std::string> new_draft(soci::session& sql, const std::string& micro_credential_id);
// Takes the published version out of the catalog (status retired); content stays as it was.
Result<void> retire(soci::session& sql, const std::string& micro_credential_id);
// The version with this number of this micro-credential (by slug).
Result<VersionRecord> find_version(soci::session& sql, const std::string& slug, int version);

bool valid_slug(const std::string& slug); // web addresses: a-z 0-9 - _ , 1 to 64 chars
bool valid_code(const std::string& code); // area and competency codes ("CGD-2"): letters, digits, - _ .

} // namespace mc::catalog
