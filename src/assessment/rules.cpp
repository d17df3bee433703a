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
    if (std::find(assessor.declared.begin(), assessor.declared.end(), educator.id) != assessor.declared.end())
        return true;
    return !assessor.employer_org_id.empty() && assessor.employer_org_id == educator.employer_org_id;
}

namespace {

bool has(const std::vector<std::string>& list, std::string_view v) {
    return std::find(list.begin(), list.end(), v) != list.end();
}

} // namespace

Ineligible eligibility(const Candidate& c, const Person& educator, const Need& need) {
    if (c.status == "retired") return Ineligible::retired;
    // A dated pause ends by itself; an open-ended one waits for an admin to resume.
    if (c.status == "paused" && (c.paused_until == 0 || c.paused_until > need.now)) return Ineligible::paused;
    if (c.status != "active" && c.status != "paused") return Ineligible::paused;
    if (!c.trained) return Ineligible::not_trained;
    if (need.require_certification && c.certified_until <= need.now) return Ineligible::not_certified;
    if (conflicted(c.person, educator)) return Ineligible::conflict;
    if (!need.language.empty() && !has(c.languages, need.language)) return Ineligible::language;
    return Ineligible::none;
}

std::string_view bar_key(Ineligible b) {
    switch (b) {
    case Ineligible::retired: return "assessors.bars.retired";
    case Ineligible::paused: return "assessors.bars.paused";
    case Ineligible::not_trained: return "assessors.bars.not_trained";
    case Ineligible::not_certified: return "assessors.bars.not_certified";
    case Ineligible::conflict: return "assessors.bars.conflict";
    case Ineligible::language: return "assessors.bars.language";
    case Ineligible::none: break;
    }
    return "";
}

std::optional<std::string> choose_assessor(const std::vector<Candidate>& candidates, const Person& educator,
                                           const Need& need) {
    const Candidate* best = nullptr;
    bool best_knows = false;
    for (const auto& c : candidates) {
        if (eligibility(c, educator, need) != Ineligible::none) continue;
        bool knows = !need.setting.empty() && has(c.settings, need.setting);
        // Knowing the setting outranks load: the educator's context is read more fairly.
        bool better = !best || (knows && !best_knows) ||
                      (knows == best_knows && (c.open_assignments < best->open_assignments ||
                                               (c.open_assignments == best->open_assignments &&
                                                c.person.id < best->person.id)));
        if (better) best = &c, best_knows = knows;
    }
    if (!best) return std::nullopt;
    return best->person.id;
}

std::optional<std::string> choose_for(const std::vector<Candidate>& candidates, const Person& educator,
                                      const std::vector<std::string>& exclude, Seat seat, const Need& need) {
    auto eligible = [&](bool leads) {
        std::vector<Candidate> out;
        for (const auto& c : candidates) {
            if (std::find(exclude.begin(), exclude.end(), c.person.id) != exclude.end()) continue;
            if (c.lead != leads) continue;
            out.push_back(c);
        }
        return out;
    };
    if (seat == Seat::adjudicator) return choose_assessor(eligible(true), educator, need);
    if (auto pick = choose_assessor(eligible(false), educator, need)) return pick;
    return choose_assessor(eligible(true), educator, need);
}

} // namespace mc::assessment
