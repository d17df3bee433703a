// What a published micro-credential version says: its learning content, the parts of the
// evidence an educator submits, and the rubric assessors score it with. Stored as one JSON
// document per version (micro_credential_versions.content), immutable once published.
// Pure: no database, no HTTP. See docs/catalog-content.md for the JSON shape.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "platform/error.hpp"

namespace mc::catalog {

// A text in every language the program offers; English is the fallback.
struct Text {
    std::string en;
    std::string es;
    const std::string& in(std::string_view locale) const { return locale == "es" && !es.empty() ? es : en; }
};

struct Reference {
    Text title;
    std::string citation; // research only
    std::string url;
};

enum class PartKind { overview, artifact, reflection };

struct EvidencePart {
    std::string id;
    PartKind kind = PartKind::overview;
    Text title;
    Text prompt;
    Text guidance;
    bool required = true;
    int min_words = 0;                       // written answers
    std::vector<std::string> accepted_types; // artifacts: "video" | "image" | "document" | "audio"
    int max_files = 0;                       // artifacts
};

struct RubricLevel {
    std::string id; // "not_yet", "demonstrated", ...
    Text label;
};

struct RubricCriterion {
    std::string id;
    std::string part_id; // the evidence part it judges
    Text title;
    std::vector<std::pair<std::string, Text>> descriptors; // level id -> what it looks like
};

struct Rubric {
    std::vector<RubricLevel> levels; // lowest first
    std::string passing_level;       // every criterion must reach it
    std::vector<RubricCriterion> criteria;

    int level_rank(std::string_view level_id) const; // -1 when unknown
    // The passing rule: every criterion scored, each at or above the passing level.
    // scores: (criterion id, level id) pairs.
    bool passes(const std::vector<std::pair<std::string, std::string>>& scores) const;
};

struct Credit {
    double clock_hours = 0;
    double ceus = 0;
    double college_credit_hours = 0;
};

struct Content {
    Text title;
    Text summary;
    Text key_method;
    std::vector<Text> method_components;
    std::vector<Reference> research;
    std::vector<Reference> resources;
    std::vector<Text> learning_activities;
    double estimated_hours = 0;
    Credit credit;
    std::vector<std::string> languages;
    std::vector<std::string> settings;
    std::vector<EvidencePart> parts;
    Rubric rubric;

    const EvidencePart* part(std::string_view id) const;
};

// One problem in a content document. `field` is the dotted path of the offending value
// ("parts.1.title", "rubric.passing_level") so an editing form can mark the field itself;
// `key` is the locale key of the message; `detail` is the same in English for logs and the API.
struct ContentIssue {
    std::string field;
    std::string key;
    std::string detail;
};

// Every problem of a content document, not just the first (forms show them all at once).
std::vector<ContentIssue> validate_content(const nlohmann::json& document);

// Parses and validates a content document: every text has English, part ids are unique,
// criteria point at existing parts, levels and descriptors agree, the passing level exists.
// Errors name the first problem (detail) under the key "catalog.invalid_content".
Result<Content> parse_content(const nlohmann::json& document);
nlohmann::json to_json(const Content& content);

std::string_view part_kind_name(PartKind kind);

} // namespace mc::catalog
