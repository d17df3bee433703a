#include "pathways/definitions.hpp"

#include <algorithm>
#include <ctime>

namespace mc::pathways {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxText = 2000;
constexpr std::size_t kMaxList = 32;

bool slug_ok(const std::string& s) {
    return !s.empty() && s.size() <= kMaxRefLength &&
           std::ranges::all_of(s, [](unsigned char c) { return std::islower(c) || std::isdigit(c) || c == '-'; });
}

std::string text_of(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Bilingual bilingual(const json& doc, const char* key, std::vector<RuleIssue>& issues, bool required) {
    Bilingual b;
    auto it = doc.find(key);
    if (it != doc.end() && it->is_object()) b = {text_of(*it, "en"), text_of(*it, "es")};
    if ((required && b.en.empty()) || b.en.size() > kMaxText || b.es.size() > kMaxText)
        issues.push_back({std::string(key) + ".en", "pathways.errors.text"});
    return b;
}

std::vector<std::string> names(const json& doc, const char* key, std::vector<RuleIssue>& issues) {
    std::vector<std::string> out;
    auto it = doc.find(key);
    if (it == doc.end()) return out;
    if (!it->is_array() || it->size() > kMaxList) {
        issues.push_back({key, "pathways.errors.rule_children"});
        return out;
    }
    for (const auto& v : *it) {
        if (!v.is_string() || v.get<std::string>().empty() || v.get<std::string>().size() > kMaxRefLength)
            issues.push_back({key, "pathways.errors.rule_ref"});
        else out.push_back(v.get<std::string>());
    }
    return out;
}

json bilingual_json(const Bilingual& b) { return {{"en", b.en}, {"es", b.es}}; }

} // namespace

std::optional<PathwayDefinition> pathway_from_json(const json& doc, std::vector<RuleIssue>& issues) {
    if (!doc.is_object()) {
        issues.push_back({"", "pathways.errors.rule_shape"});
        return std::nullopt;
    }
    PathwayDefinition p;
    p.slug = text_of(doc, "slug");
    if (!slug_ok(p.slug)) issues.push_back({"slug", "pathways.errors.slug"});
    p.title = bilingual(doc, "title", issues, true);
    p.description = bilingual(doc, "description", issues, false);
    if (!doc.contains("rule")) issues.push_back({"rule", "pathways.errors.rule_shape"});
    else p.rule = rule_from_json(doc.at("rule"), issues, "rule");
    if (auto it = doc.find("prerequisites"); it != doc.end()) {
        if (!it->is_array() || it->size() > kMaxList) issues.push_back({"prerequisites", "pathways.errors.rule_children"});
        else {
            int i = 0;
            for (const auto& pr : *it) {
                std::string at = "prerequisites." + std::to_string(i++);
                if (!pr.is_object() || !slug_ok(text_of(pr, "micro_credential")) || !pr.contains("requires")) {
                    issues.push_back({at, "pathways.errors.rule_shape"});
                    continue;
                }
                p.prerequisites.push_back(
                    {text_of(pr, "micro_credential"), rule_from_json(pr.at("requires"), issues, at + ".requires")});
            }
        }
    }
    std::string policy = doc.contains("on_constituent_revoked") ? text_of(doc, "on_constituent_revoked") : "revoke_if_unmet";
    if (policy == "keep") p.on_revoked = RevocationPolicy::keep;
    else if (policy != "revoke_if_unmet") issues.push_back({"on_constituent_revoked", "pathways.errors.policy"});
    if (auto it = doc.find("awards_credential"); it != doc.end()) {
        if (!it->is_boolean()) issues.push_back({"awards_credential", "pathways.errors.rule_shape"});
        else p.awards_credential = it->get<bool>();
    }
    if (!issues.empty()) return std::nullopt;
    return p;
}

json pathway_to_json(const PathwayDefinition& p) {
    json prereqs = json::array();
    for (const auto& pr : p.prerequisites)
        prereqs.push_back({{"micro_credential", pr.micro_credential}, {"requires", rule_to_json(pr.needs)}});
    return {{"slug", p.slug},
            {"version", p.version},
            {"title", bilingual_json(p.title)},
            {"description", bilingual_json(p.description)},
            {"rule", rule_to_json(p.rule)},
            {"prerequisites", prereqs},
            {"on_constituent_revoked", p.on_revoked == RevocationPolicy::keep ? "keep" : "revoke_if_unmet"},
            {"awards_credential", p.awards_credential}};
}

std::optional<RequirementDefinition> requirement_from_json(const json& doc, std::vector<RuleIssue>& issues) {
    if (!doc.is_object()) {
        issues.push_back({"", "pathways.errors.rule_shape"});
        return std::nullopt;
    }
    RequirementDefinition r;
    r.slug = text_of(doc, "slug");
    if (!slug_ok(r.slug)) issues.push_back({"slug", "pathways.errors.slug"});
    r.title = bilingual(doc, "title", issues, true);
    r.description = bilingual(doc, "description", issues, false);
    r.roles = names(doc, "roles", issues);
    if (r.roles.empty()) issues.push_back({"roles", "pathways.errors.roles"});
    r.settings = names(doc, "settings", issues);
    if (auto it = doc.find("deadline_months_after_hire"); it != doc.end()) {
        if (!it->is_number_integer() || it->get<long long>() < 0 || it->get<long long>() > 240)
            issues.push_back({"deadline_months_after_hire", "pathways.errors.rule_amount"});
        else r.deadline_months_after_hire = it->get<int>();
    }
    if (!doc.contains("rule")) issues.push_back({"rule", "pathways.errors.rule_shape"});
    else r.rule = rule_from_json(doc.at("rule"), issues, "rule");
    if (!issues.empty()) return std::nullopt;
    return r;
}

json requirement_to_json(const RequirementDefinition& r) {
    return {{"slug", r.slug},
            {"title", bilingual_json(r.title)},
            {"description", bilingual_json(r.description)},
            {"roles", r.roles},
            {"settings", r.settings},
            {"deadline_months_after_hire", r.deadline_months_after_hire},
            {"rule", rule_to_json(r.rule)}};
}

bool applies_to(const RequirementDefinition& r, std::string_view job_role, std::string_view setting) {
    if (std::ranges::find(r.roles, job_role) == r.roles.end()) return false;
    return r.settings.empty() || std::ranges::find(r.settings, setting) != r.settings.end();
}

long long add_months(long long day, int months) {
    std::time_t t = static_cast<std::time_t>(day);
    std::tm tm{};
    gmtime_r(&t, &tm);
    int total = tm.tm_mon + months;
    tm.tm_year += total / 12;
    tm.tm_mon = total % 12;
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int year = tm.tm_year + 1900;
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    int last = kDays[tm.tm_mon] + (tm.tm_mon == 1 && leap ? 1 : 0);
    tm.tm_mday = std::min(tm.tm_mday, last);
    return static_cast<long long>(timegm(&tm));
}

std::string_view standing_name(Standing s) {
    switch (s) {
    case Standing::overdue: return "overdue";
    case Standing::at_risk: return "at_risk";
    case Standing::on_track: return "on_track";
    case Standing::met: return "met";
    }
    return "on_track";
}

RequirementStatus requirement_status(const RequirementDefinition& r, const Facts& facts, long long hired_at,
                                     long long now) {
    RequirementStatus s;
    s.outcome = evaluate(r.rule, facts);
    if (r.deadline_months_after_hire > 0 && hired_at > 0) s.due_at = add_months(hired_at, r.deadline_months_after_hire);
    if (s.outcome.met) s.standing = Standing::met;
    else if (s.due_at == 0) s.standing = Standing::on_track;
    else if (now >= s.due_at) s.standing = Standing::overdue;
    else if (s.due_at - now <= 86400LL * kAtRiskDays) s.standing = Standing::at_risk;
    else s.standing = Standing::on_track;
    return s;
}

std::optional<Outcome> unmet_prerequisite(const PathwayDefinition& p, const std::string& micro_credential,
                                          const Facts& facts) {
    for (const auto& pr : p.prerequisites) {
        if (pr.micro_credential != micro_credential) continue;
        auto o = evaluate(pr.needs, facts);
        if (!o.met) return o;
    }
    return std::nullopt;
}

} // namespace mc::pathways
