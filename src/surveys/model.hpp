// What a survey is: bilingual items of five kinds, who it goes to, and whether answers are
// anonymous; the checks an agency's draft and an educator's answers must pass; and the two
// templates the agency starts from (the workforce needs assessment, a satisfaction survey).
// Pure: no database, no HTTP.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mc::surveys {

enum class ItemKind { likert, single, multiple, number, text };
std::string_view kind_name(ItemKind k);
std::optional<ItemKind> kind_from(std::string_view name);

struct Bilingual {
    std::string en, es;
    const std::string& in(std::string_view locale) const { return locale == "es" && !es.empty() ? es : en; }
};

struct Option {
    std::string id; // stable within the item: "o1", "had", "cost"
    Bilingual label;
};

struct Item {
    std::string id;
    int position = 0;
    ItemKind kind = ItemKind::likert;
    Bilingual prompt;
    std::vector<Option> options; // single and multiple; Likert points come from the catalog
    bool required = false;
    std::optional<long long> min_value, max_value; // number items
};

// The five Likert points, "1" (strongly disagree) to "5" (strongly agree).
inline constexpr std::string_view likert_points[] = {"1", "2", "3", "4", "5"};

inline constexpr std::string_view milestones[] = {"decision_made", "award_issued", "coaching_closed"};
bool is_milestone(std::string_view m);
inline constexpr std::string_view survey_kinds[] = {"general", "needs_assessment", "satisfaction"};
bool is_survey_kind(std::string_view k);

struct Survey {
    std::string id, kind = "general";
    Bilingual title, intro;
    bool anonymous = true;
    std::string milestone; // satisfaction surveys only
    std::string status = "draft"; // draft | open | closed
    long long created_at = 0, opened_at = 0, closed_at = 0;
    std::vector<Item> items;
};

// Segments: values within a dimension are alternatives; every dimension given must match.
inline constexpr std::string_view audience_dimensions[] = {"role", "setting", "region", "program", "language"};
using Audience = std::map<std::string, std::vector<std::string>>; // dimension -> values

// What is known about a person when a survey is sent (from accounts).
struct Person {
    std::string id, language, setting, program_id, county, region_class;
    std::vector<std::string> roles; // role names (educator, coach, assessor, director, ...)
};
bool in_audience(const Audience& audience, const Person& p);

// Limits (characters of UTF-8 text are counted as bytes: a generous bound, not a style rule).
inline constexpr std::size_t kMaxTitle = 200, kMaxPrompt = 600, kMaxOption = 200, kMaxOptions = 20,
                             kMaxItems = 60, kMaxTextAnswer = 2000;
inline constexpr long long kMaxNumber = 1'000'000'000;

struct FieldError {
    std::string field, key; // key under surveys.errors.*
};

// A draft's title, intro and milestone (items are checked one by one).
std::vector<FieldError> validate_survey(const Survey& s);
std::vector<FieldError> validate_item(const Item& item);

// Option lines as typed in the builder: the English and Spanish lists, one option per line,
// the same number of lines. Empty lines are dropped; ids are o1, o2, ... in order.
std::vector<Option> options_from_lines(std::string_view english, std::string_view spanish,
                                       std::vector<FieldError>& errors);

// One answer as the form sends it (item id -> the values given; several for "multiple").
using RawAnswers = std::map<std::string, std::vector<std::string>>;
struct Answer {
    std::string item_id;
    std::vector<std::string> choices; // option ids or Likert points
    std::optional<double> number;
    std::string text;
};
// Checks every answer against its item: known options, numbers in range, text bounded and clean,
// required items given. Field names are "item_<id>".
std::vector<Answer> check_answers(const Survey& s, const RawAnswers& raw, std::vector<FieldError>& errors);

// Templates, in both languages, their texts from the locale catalogs (surveys.templates.*).
// Item and option ids are fixed so results of repeated needs assessments line up.
using Texts = std::function<std::string(std::string_view locale, std::string_view key)>;
Survey needs_assessment_template(const Texts& text);
Survey satisfaction_template(const Texts& text, std::string_view milestone);

// PD topics (from the seed documents' skill areas) and barriers, for the template and reports.
inline constexpr std::string_view pd_topics[] = {"child_development", "classroom_management", "inclusive_practice",
                                                 "family_engagement", "observation_assessment", "health_safety",
                                                 "social_emotional"};
inline constexpr std::string_view barriers[] = {"cost", "time", "internet", "language", "child_care_coverage", "travel"};

} // namespace mc::surveys
