#include "assessment/rules.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace mc::assessment {

namespace {

bool blank(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

const Score* find_score(const std::vector<Score>& scores, std::string_view criterion) {
    for (const auto& s : scores)
        if (s.criterion_id == criterion) return &s;
    return nullptr;
}

} // namespace

std::optional<Outcome> outcome_from(std::string_view name) {
    if (name == "demonstrated") return Outcome::demonstrated;
    if (name == "not_yet") return Outcome::not_yet;
    return std::nullopt;
}

std::string_view outcome_name(Outcome o) { return o == Outcome::demonstrated ? "demonstrated" : "not_yet"; }

bool below_bar(const catalog::Rubric& rubric, std::string_view level_id) {
    int rank = rubric.level_rank(level_id);
    return rank < 0 || rank < rubric.level_rank(rubric.passing_level);
}

std::vector<FieldError> validate_draft(const catalog::Rubric& rubric, const std::vector<Score>& scores) {
    std::vector<FieldError> errors;
    std::set<std::string> known;
    for (const auto& c : rubric.criteria) known.insert(c.id);
    for (const auto& s : scores) {
        if (!known.contains(s.criterion_id))
            errors.push_back({s.criterion_id, "assessment.errors.unknown_criterion"});
        else if (!s.level_id.empty() && rubric.level_rank(s.level_id) < 0)
            errors.push_back({s.criterion_id, "assessment.errors.unknown_level"});
        else if (s.feedback.size() > kMaxFeedback)
            errors.push_back({s.criterion_id, "assessment.errors.feedback_too_long"});
    }
    return errors;
}

std::vector<FieldError> validate_decision(const catalog::Rubric& rubric, const std::vector<Score>& scores,
                                          Outcome outcome, std::string_view summary) {
    auto errors = validate_draft(rubric, scores);
    if (!errors.empty()) return errors;
    if (summary.size() > kMaxSummary) errors.push_back({"summary", "assessment.errors.summary_too_long"});

    std::vector<std::pair<std::string, std::string>> pairs;
    int below = 0;
    for (const auto& c : rubric.criteria) {
        const Score* s = find_score(scores, c.id);
        if (!s || s->level_id.empty()) {
            errors.push_back({c.id, "assessment.errors.unscored"});
            continue;
        }
        pairs.emplace_back(c.id, s->level_id);
        if (!below_bar(rubric, s->level_id)) continue;
        ++below;
        if (outcome == Outcome::demonstrated)
            errors.push_back({c.id, "assessment.errors.below_bar"});
        else if (blank(s->feedback))
            errors.push_back({c.id, "assessment.errors.feedback_required"});
    }
    if (!errors.empty()) return errors;
    // The catalog's passing rule is the single authority on "demonstrated".
    if (outcome == Outcome::demonstrated && !rubric.passes(pairs))
        errors.push_back({"outcome", "assessment.errors.not_passing"});
    if (outcome == Outcome::not_yet && below == 0)
        errors.push_back({"outcome", "assessment.errors.not_yet_all_met"});
    return errors;
}

bool conflicted(const Person& assessor, const Person& educator) {
    if (assessor.id == educator.id) return true;
    return !assessor.employer_org_id.empty() && assessor.employer_org_id == educator.employer_org_id;
}

std::optional<std::string> choose_assessor(const std::vector<Candidate>& candidates, const Person& educator) {
    const Candidate* best = nullptr;
    for (const auto& c : candidates) {
        if (conflicted(c.person, educator)) continue;
        if (!best || c.open_assignments < best->open_assignments ||
            (c.open_assignments == best->open_assignments && c.person.id < best->person.id))
            best = &c;
    }
    if (!best) return std::nullopt;
    return best->person.id;
}

std::optional<std::string> choose_for(const std::vector<Candidate>& candidates, const Person& educator,
                                      const std::vector<std::string>& exclude, Seat seat) {
    auto eligible = [&](bool leads) {
        std::vector<Candidate> out;
        for (const auto& c : candidates) {
            if (std::find(exclude.begin(), exclude.end(), c.person.id) != exclude.end()) continue;
            if (c.lead != leads) continue;
            out.push_back(c);
        }
        return out;
    };
    if (seat == Seat::adjudicator) return choose_assessor(eligible(true), educator);
    if (auto pick = choose_assessor(eligible(false), educator)) return pick;
    return choose_assessor(eligible(true), educator);
}

} // namespace mc::assessment
