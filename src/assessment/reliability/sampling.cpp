#include "assessment/reliability/sampling.hpp"

#include <map>

namespace mc::assessment::reliability {

namespace {

// FNV-1a over the bytes, then the splitmix64 finalizer so that ids differing in one character
// land far apart. Not cryptographic: it only has to be uniform and stable.
std::uint64_t mix(std::string_view seed, std::string_view id) {
    std::uint64_t h = 0xcbf29ce484222325ull;
    auto feed = [&h](std::string_view s) {
        for (unsigned char c : s) {
            h ^= c;
            h *= 0x100000001b3ull;
        }
    };
    feed(seed);
    feed(std::string_view("\x1f", 1)); // separator: ("ab","c") and ("a","bc") differ
    feed(id);
    h += 0x9e3779b97f4a7c15ull;
    h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ull;
    h = (h ^ (h >> 27)) * 0x94d049bb133111ebull;
    return h ^ (h >> 31);
}

} // namespace

double draw(std::string_view seed, std::string_view submission_id) {
    return static_cast<double>(mix(seed, submission_id) >> 11) * 0x1.0p-53;
}

bool sampled(std::string_view seed, std::string_view submission_id, double share) {
    if (share <= 0) return false;
    if (share >= 1) return true;
    return draw(seed, submission_id) < share;
}

std::string_view reason_name(PlanReason r) {
    switch (r) {
    case PlanReason::sampled: return "sampled";
    case PlanReason::first_of_version: return "first_of_version";
    case PlanReason::single: break;
    }
    return "single";
}

Plan plan_for(std::string_view seed, std::string_view submission_id, double share, bool first_of_version,
              bool double_first_of_version) {
    if (first_of_version && double_first_of_version) return {2, PlanReason::first_of_version};
    if (sampled(seed, submission_id, share)) return {2, PlanReason::sampled};
    return {1, PlanReason::single};
}

std::string_view rule_name(DisagreementRule r) { return r == DisagreementRule::outcome ? "outcome" : "any_criterion"; }

bool rule_from(std::string_view name, DisagreementRule& out) {
    if (name == "outcome") out = DisagreementRule::outcome;
    else if (name == "any_criterion") out = DisagreementRule::any_criterion;
    else return false;
    return true;
}

bool disagree(const ScoreSet& first, const ScoreSet& second, DisagreementRule rule) {
    if (first.outcome != second.outcome) return true;
    if (rule == DisagreementRule::outcome) return false;
    std::map<std::string, std::string> a, b;
    for (const auto& s : first.scores) a[s.criterion_id] = s.level_id;
    for (const auto& s : second.scores) b[s.criterion_id] = s.level_id;
    return a != b;
}

} // namespace mc::assessment::reliability
