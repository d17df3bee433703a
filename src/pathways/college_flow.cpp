#include "pathways/college_flow.hpp"

#include <ctime>
#include <map>

#include "accounts/user_store.hpp"
#include "assessment/assessment_store.hpp"
#include "catalog/recommendation_store.hpp"
#include "catalog/recommendation_view.hpp"
#include "catalog/version_store.hpp"
#include "credentials/web/award_store.hpp"
#include "credentials/web/clr_store.hpp"
#include "platform/dates.hpp"

namespace mc::pathways {

using nlohmann::json;

namespace {

json text_json(const catalog::Text& t) { return {{"en", t.en}, {"es", t.es}}; }

std::string in_locale(const json& text, std::string_view locale) {
    if (!text.is_object()) return "";
    std::string l(locale);
    if (text.contains(l) && text[l].is_string() && !text[l].get<std::string>().empty()) return text[l];
    return text.value("en", "");
}

} // namespace

long long college_now() { return static_cast<long long>(std::time(nullptr)); }

json evidence_summary(soci::session& sql, const std::string& educator_id) {
    json items = json::array();
    for (const auto& a : credentials::awards_of(sql, educator_id)) {
        if (a.revoked_at) continue;
        auto version = catalog::load_version(sql, a.version_id);
        if (!version) continue;
        const auto& content = version->content;
        std::map<std::string, std::string> level_of;
        if (!a.submission_id.empty())
            if (auto d = assessment::decision_for(sql, a.submission_id))
                for (const auto& s : assessment::load_scores(sql, d->assignment_id)) level_of[s.criterion_id] = s.level_id;
        json criteria = json::array();
        for (const auto& c : content.rubric.criteria) {
            json row{{"title", text_json(c.title)}};
            auto it = level_of.find(c.id);
            if (it != level_of.end())
                for (const auto& l : content.rubric.levels)
                    if (l.id == it->second) row["level"] = text_json(l.label);
            criteria.push_back(row);
        }
        items.push_back({{"award_id", a.id},
                         {"slug", version->slug},
                         {"title", text_json(content.title)},
                         {"issued_at", a.issued_at},
                         {"criteria", criteria},
                         {"recommendations",
                          catalog::recommendations_to_json(catalog::recommendations_for(sql, catalog::kMicroCredential,
                                                                                        version->slug))["recommendations"]}});
    }
    return {{"items", items}};
}

Result<std::string> send_portfolio(app::App& app, soci::session& sql, const std::string& educator_id,
                                   const std::string& college_org_id, const std::string& locale) {
    auto college = accounts::find_organization(sql, college_org_id);
    if (!college || college->kind != "college")
        return fail(Errc::not_found, "pathways.college.errors.no_college", "college " + college_org_id);
    auto summary = evidence_summary(sql, educator_id);
    if (summary["items"].empty())
        return fail(Errc::conflict, "pathways.college.errors.nothing_to_send", "no standing award");
    auto clr = TRY(credentials::signed_clr_for(app, sql, educator_id, locale));
    long long now = college_now();
    db::WriteTx tx(sql);
    auto id = TRY(save_portfolio(sql, educator_id, college_org_id, clr, summary, now));
    audit(sql, id, educator_id, "sent", std::to_string(summary["items"].size()) + " credentials", now);
    tx.commit();
    return id;
}

Result<void> withdraw_own(soci::session& sql, const std::string& educator_id, const std::string& portfolio_id) {
    auto p = find_portfolio(sql, portfolio_id);
    if (!p || p->educator_id != educator_id) return fail(Errc::not_found, "errors.not_found", "portfolio " + portfolio_id);
    long long now = college_now();
    db::WriteTx tx(sql);
    TRY(withdraw_portfolio(sql, portfolio_id, now));
    audit(sql, portfolio_id, educator_id, "withdrawn", "", now);
    tx.commit();
    return {};
}

Result<Portfolio> portfolio_for_partner(soci::session& sql, const std::string& partner_id, const std::string& portfolio_id) {
    auto user = accounts::find_user(sql, partner_id);
    auto p = find_portfolio(sql, portfolio_id);
    if (!user || !p || user->employer_org_id.empty() || p->college_org_id != user->employer_org_id || p->withdrawn_at)
        return fail(Errc::not_found, "errors.not_found", "portfolio " + portfolio_id + " for partner " + partner_id);
    return *p;
}

Result<void> decide(soci::session& sql, const std::string& partner_id, const Portfolio& p, const std::string& award_id,
                    const std::string& outcome, const std::string& hours, const std::string& course,
                    const std::string& reason, std::vector<RuleIssue>& issues) {
    bool listed = false;
    for (const auto& item : p.summary.value("items", json::array()))
        if (item.value("award_id", "") == award_id) listed = true;
    if (!listed) return fail(Errc::not_found, "errors.not_found", "award " + award_id + " not in portfolio " + p.id);
    auto d = check_decision(award_id, outcome, hours, course, reason, issues);
    if (!d) return fail(Errc::bad_input, "pathways.college.errors.check_form", "decision fields");
    long long now = college_now();
    db::WriteTx tx(sql);
    save_decision(sql, p.id, *d, partner_id, now);
    audit(sql, p.id, partner_id, "decided", award_id + " " + d->outcome, now);
    tx.commit();
    return {};
}

json portfolio_view(const app::App& app, std::string_view locale, soci::session& sql, const Portfolio& p) {
    std::map<std::string, CreditDecision> decided;
    for (auto& d : decisions_of(sql, p.id)) decided[d.award_id] = d;
    json items = json::array();
    int granted = 0;
    double hours = 0;
    std::string today = day_of(college_now());
    for (const auto& item : p.summary.value("items", json::array())) {
        json criteria = json::array();
        for (const auto& c : item.value("criteria", json::array()))
            criteria.push_back({{"title", in_locale(c.value("title", json::object()), locale)},
                                {"level", in_locale(c.value("level", json::object()), locale)},
                                {"scored", c.contains("level")}});
        std::vector<catalog::ContentIssue> ignored;
        auto recs = catalog::recommendations_from_json({{"recommendations", item.value("recommendations", json::array())}}, ignored);
        std::string award_id = item.value("award_id", "");
        json row{{"award_id", award_id},
                 {"title", in_locale(item.value("title", json::object()), locale)},
                 {"issued_on", day_of(item.value("issued_at", 0LL))},
                 {"criteria", criteria}};
        row.update(catalog::recommendations_view(app, locale, recs ? *recs : std::vector<catalog::CreditRecommendation>{}, today));
        auto it = decided.find(award_id);
        row["decided"] = it != decided.end();
        if (it != decided.end()) {
            const auto& d = it->second;
            bool g = d.outcome == "granted";
            if (g) {
                ++granted;
                hours += d.semester_hours;
            }
            std::string hours_text = std::to_string(d.semester_hours);
            hours_text = hours_text.substr(0, hours_text.find('.') + 2);
            if (hours_text.ends_with(".0")) hours_text.resize(hours_text.size() - 2);
            row["decision"] = {{"granted", g},
                               {"outcome", d.outcome},
                               {"label", g ? (d.course_equivalent.empty()
                                                  ? app.catalog.format(locale, "pathways.college.granted_hours", {{"hours", hours_text}})
                                                  : app.catalog.format(locale, "pathways.college.granted_as",
                                                                       {{"hours", hours_text}, {"course", d.course_equivalent}}))
                                           : app.catalog.text(locale, "pathways.college.denied")},
                               {"semester_hours", d.semester_hours},
                               {"hours_text", hours_text},
                               {"course_equivalent", d.course_equivalent},
                               {"reason", d.reason},
                               {"decided_on", day_of(d.decided_at)},
                               {"decided_by", d.decided_by_name}};
        }
        items.push_back(row);
    }
    json log = json::array();
    for (const auto& e : audit_of(sql, p.id))
        log.push_back({{"when", moment_of(e.at)}, {"who", e.actor_name},
                       {"what", app.catalog.text(locale, "pathways.college.audit." + e.action)}});
    return {{"id", p.id},
            {"college", p.college_name},
            {"educator", p.educator_name},
            {"sent_on", day_of(p.sent_at)},
            {"withdrawn", p.withdrawn_at != 0},
            {"withdrawn_on", p.withdrawn_at ? day_of(p.withdrawn_at) : ""},
            {"items", items},
            {"count", items.size()},
            {"decided_count", decided.size()},
            {"granted_count", granted},
            {"audit", log}};
}

} // namespace mc::pathways
