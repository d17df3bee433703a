// The judgement rules of assessment, kept apart from storage and HTTP so they can be read and
// tested on their own: what a valid decision is, who may not assess whom, and whom the
// assigner picks. Pure: no SOCI, no HTTP.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/content.hpp"

namespace mc::assessment {

// One criterion as the assessor scored it. level_id may be empty while a draft is unfinished.
struct Score {
    std::string criterion_id;
    std::string level_id;
    std::string feedback;
};

enum class Outcome { demonstrated, not_yet };
std::optional<Outcome> outcome_from(std::string_view name); // "demonstrated" | "not_yet"
std::string_view outcome_name(Outcome o);

// A problem tied to one field, so a form can show the message beside it.
// field: a criterion id, or "outcome" / "summary" for the decision as a whole.
struct FieldError {
    std::string field;
    std::string key; // locale key
};

// Feedback longer than this is refused: a rubric comment, not an essay.
inline constexpr std::size_t kMaxFeedback = 4000;
inline constexpr std::size_t kMaxSummary = 8000;

// Draft scores: every criterion named must exist, every non-empty level must be one of the
// rubric's levels. Unscored criteria are fine in a draft.
std::vector<FieldError> validate_draft(const catalog::Rubric& rubric, const std::vector<Score>& scores);

// A decision: every criterion scored; "demonstrated" only when the rubric's passing rule holds;
// "not yet" only when some criterion is below the bar, and each of those carries written
// feedback (the educator needs to know what to change before resubmitting).
std::vector<FieldError> validate_decision(const catalog::Rubric& rubric, const std::vector<Score>& scores,
                                          Outcome outcome, std::string_view summary);

// True when the criterion's level is below the passing level (unscored counts as below).
bool below_bar(const catalog::Rubric& rubric, std::string_view level_id);

// Who someone is for conflict-of-interest purposes.
struct Person {
    std::string id;
    std::string employer_org_id; // empty when unknown or self-employed
    // For an assessor: educators they declared a personal or supervisory relationship with.
    std::vector<std::string> declared;
};

// An assessor never judges their own evidence, nor a colleague's at the same employer, nor
// anyone they declared a relationship with.
bool conflicted(const Person& assessor, const Person& educator);

struct Candidate {
    Person person;
    int open_assignments = 0;
    bool lead = false; // a lead assessor (adjudicates disagreements)
    // Standing from the assessor lifecycle; the store fills every field.
    std::string status = "active"; // active | paused | retired
    long long paused_until = 0;    // a pause with an end date lifts itself then (0: until resumed)
    bool trained = false;          // every training module attested
    long long certified_until = 0; // latest certification's expiry (0: never certified)
    std::vector<std::string> languages; // en, es: the evidence languages they can score
    std::vector<std::string> settings;  // work settings they know (a preference, not a bar)
};

// What a submission asks of whoever assesses it.
struct Need {
    std::string language;              // the evidence's language; empty: any
    std::string setting;               // the educator's work setting; empty: none to prefer
    long long now = 0;                 // unix seconds, for pauses and certification expiry
    bool require_certification = true; // a new program may switch this off while it certifies its first assessors
};

// Why an assessor may not take a submission; the first bar found, in this order.
enum class Ineligible { none, retired, paused, not_trained, not_certified, conflict, language };
Ineligible eligibility(const Candidate& c, const Person& educator, const Need& need);
// The catalog key that explains a bar to an admin ("assessors.bars.<name>").
std::string_view bar_key(Ineligible b);

// The load-balancing choice: among eligible assessors, those who know the educator's work
// setting first, then the one with the fewest open assignments; ties go to the smallest id so
// the choice is repeatable.
std::optional<std::string> choose_assessor(const std::vector<Candidate>& candidates, const Person& educator,
                                           const Need& need);

// For double scoring and adjudication: the same choice, never anyone in `exclude` (assessors
// already on the submission). A scorer is a lead only when no other assessor is eligible
// (leads' time is kept for adjudication); an adjudicator is always a lead.
enum class Seat { scorer, adjudicator };
std::optional<std::string> choose_for(const std::vector<Candidate>& candidates, const Person& educator,
                                      const std::vector<std::string>& exclude, Seat seat, const Need& need);

} // namespace mc::assessment
