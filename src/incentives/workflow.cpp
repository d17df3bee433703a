#include "incentives/workflow.hpp"

#include <cctype>
#include <map>
#include <set>

#include "accounts/employment_store.hpp"
#include "accounts/user_store.hpp"
#include "incentives/facts_store.hpp"
#include "platform/csv.hpp"
#include "platform/dates.hpp"

namespace mc::incentives {

using nlohmann::json;

json estimate_to_json(const Estimate& e) {
    json installments = json::array(), why = json::array();
    for (const auto& i : e.installments)
        installments.push_back({{"number", i.number}, {"cents", i.cents}, {"period_start", i.period_start},
                                {"period_end", i.period_end}});
    for (const auto& l : e.why) {
        json values = json::object();
        for (const char* lang : {"en", "es"}) {
            json args = json::object();
            for (const auto& [k, v] : args_in(l, lang)) args[k] = v;
            values[lang] = args;
        }
        why.push_back({{"key", l.key}, {"ok", l.ok}, {"values", values}});
    }
    return {{"eligible", e.eligible},       {"tier", e.tier},
            {"annual_cents", e.annual_cents}, {"amount_cents", e.amount_cents},
            {"months_in_program", e.months_in_program}, {"fiscal_year", e.fiscal_year},
            {"installments", installments}, {"why", why}};
}

json reasons_in(const i18n::Catalog& catalog, const json& estimate, std::string_view locale) {
    json out = json::array();
    if (!estimate.is_object() || !estimate.contains("why") || !estimate["why"].is_array()) return out;
    std::string lang = locale == "es" ? "es" : "en";
    for (const auto& l : estimate["why"]) {
        std::vector<std::pair<std::string, std::string>> args;
        const auto& values = l["values"][lang];
        if (values.is_object())
            for (const auto& [k, v] : values.items()) args.emplace_back(k, v.is_string() ? v.get<std::string>() : "");
        out.push_back({{"text", catalog.format(lang, l.value("key", ""), args)}, {"ok", l.value("ok", true)}});
    }
    return out;
}

Estimate estimate_for(soci::session& sql, const std::string& educator_id, const RuleSetRecord& r, const std::string& as_of) {
    std::set<int> paid;
    if (r.rules.once_per_fiscal_year)
        for (int fy : approved_fiscal_years(sql, r.id, educator_id)) paid.insert(fy);
    return evaluate(r.rules, facts_for(sql, educator_id, r.rules, as_of, paid));
}

namespace {

int fiscal_year_for(const RuleSet& rules, const Estimate& e, const std::string& as_of) {
    if (e.fiscal_year > 0) return e.fiscal_year;
    return fiscal_year_of(as_of, rules.fiscal_year_start_month);
}

} // namespace

Result<std::string> apply(soci::session& sql, const std::string& educator_id, const std::string& rule_set_slug,
                          const std::string& as_of, long long now) {
    auto r = find_rule_set(sql, rule_set_slug);
    if (!r) return fail(Errc::not_found, "errors.not_found", "rule set " + rule_set_slug);
    auto job = accounts::current_employment(sql, educator_id);
    if (!job) return fail(Errc::conflict, "incentives.errors.no_job", "no current employment");
    auto e = estimate_for(sql, educator_id, *r, as_of);
    if (!e.eligible) return fail(Errc::conflict, "incentives.errors.not_eligible", "not eligible under " + rule_set_slug);
    Application a;
    a.rule_set_id = r->id;
    a.educator_id = educator_id;
    a.employment_id = job->id;
    a.org_id = job->org_id;
    a.fiscal_year = fiscal_year_for(r->rules, e, as_of);
    a.amount_cents = e.amount_cents;
    a.estimate = estimate_to_json(e);
    a.estimate["as_of"] = as_of;
    a.applied_at = now;
    auto id = TRY(insert_application(sql, a));
    audit(sql, id, educator_id, "applied",
          {{"rule_set", rule_set_slug}, {"amount_cents", e.amount_cents}, {"fiscal_year", a.fiscal_year},
           {"hours_per_week", job->hours_per_week}, {"hourly_wage_cents", job->hourly_wage_cents}},
          now);
    return id;
}

Result<void> confirm(soci::session& sql, const std::string& director_id, const std::string& application_id,
                     int hours_per_week, long long hourly_wage_cents, long long now) {
    auto a = find_application(sql, application_id);
    auto director = accounts::find_user(sql, director_id);
    if (!a || !director || director->employer_org_id.empty() || director->employer_org_id != a->org_id)
        return fail(Errc::not_found, "errors.not_found", "application " + application_id);
    if (a->status != "submitted") return fail(Errc::conflict, "incentives.errors.state", "status " + a->status);
    auto job = accounts::find_employment(sql, a->employment_id);
    if (!job || !job->current() || job->org_id != a->org_id)
        return fail(Errc::conflict, "incentives.errors.job_changed", "employment " + a->employment_id);
    TRY(accounts::confirm_employment(sql, job->id, director_id, hours_per_week, hourly_wage_cents));
    std::optional<RuleSetRecord> rules;
    for (auto& rec : all_rule_sets(sql))
        if (rec.id == a->rule_set_id) rules = std::move(rec);
    if (!rules) return fail(Errc::internal, "errors.internal", "rule set " + a->rule_set_id);
    std::string as_of = a->estimate.value("as_of", day_of(a->applied_at));
    auto e = estimate_for(sql, a->educator_id, *rules, as_of);
    auto estimate = estimate_to_json(e);
    estimate["as_of"] = as_of;
    long long amount = e.eligible ? e.amount_cents : 0;
    TRY(mark_confirmed(sql, a->id, director_id, amount, estimate, now));
    audit(sql, a->id, director_id, "confirmed",
          {{"hours_per_week", {{"from", job->hours_per_week}, {"to", hours_per_week}}},
           {"hourly_wage_cents", {{"from", job->hourly_wage_cents}, {"to", hourly_wage_cents}}},
           {"amount_cents", {{"from", a->amount_cents}, {"to", amount}}},
           {"eligible", e.eligible}},
          now);
    return {};
}

Result<void> decide(soci::session& sql, const std::string& staff_id, const std::string& application_id, bool approve,
                    const std::string& note, long long now) {
    if (note.size() > kMaxNote) return fail(Errc::bad_input, "incentives.errors.note", "note");
    auto a = find_application(sql, application_id);
    if (!a) return fail(Errc::not_found, "errors.not_found", "application " + application_id);
    if (!approve) {
        TRY(mark_denied(sql, a->id, staff_id, note, now));
        audit(sql, a->id, staff_id, "denied", {{"status", {{"from", a->status}, {"to", "denied"}}}, {"note", note}}, now);
        return {};
    }
    if (a->status != "confirmed")
        return fail(Errc::conflict, a->status == "submitted" ? "incentives.errors.not_confirmed" : "incentives.errors.state",
                    "status " + a->status);
    if (a->amount_cents <= 0) return fail(Errc::conflict, "incentives.errors.not_eligible", "confirmed figures");
    std::optional<RuleSetRecord> rules;
    for (auto& rec : all_rule_sets(sql))
        if (rec.id == a->rule_set_id) rules = std::move(rec);
    if (!rules) return fail(Errc::internal, "errors.internal", "rule set " + a->rule_set_id);
    std::vector<LineInput> lines;
    for (const auto& i : a->estimate.value("installments", json::array()))
        lines.push_back({i.value("number", 0), i.value("cents", 0LL), i.value("period_start", ""), i.value("period_end", "")});
    if (lines.empty()) {
        std::string as_of = a->estimate.value("as_of", day_of(a->applied_at));
        lines.push_back({1, a->amount_cents, as_of, as_of});
    }
    TRY(mark_approved(sql, *a, rules->rules.budget_cents, staff_id, note, lines, now));
    audit(sql, a->id, staff_id, "approved",
          {{"status", {{"from", a->status}, {"to", "approved"}}}, {"amount_cents", a->amount_cents},
           {"payment_lines", lines.size()}, {"note", note}},
          now);
    return {};
}

std::optional<Export> export_payments(soci::session& sql, const std::string& by, long long now) {
    auto e = create_export(sql, by, now);
    if (!e) return e;
    std::set<std::string> seen;
    for (const auto& l : lines_in_export(sql, e->id))
        if (seen.insert(l.application_id).second)
            audit(sql, l.application_id, by, "exported", {{"export", e->id}}, now);
    return e;
}

std::string export_csv(soci::session& sql, const Export& e) {
    std::string out = "export_id,line_id,application_id,installment,educator_id,educator_name,program,rule_set,"
                      "fiscal_year,amount,period_start,period_end,approved_by,approved_on\r\n";
    std::map<std::string, std::string> names, programs, slugs;
    for (const auto& r : all_rule_sets(sql)) slugs[r.id] = r.rules.slug;
    auto name = [&](const std::string& id) {
        if (!names.contains(id)) {
            auto u = accounts::find_user(sql, id);
            names[id] = u ? u->display_name : "";
        }
        return names[id];
    };
    auto program = [&](const std::string& id) {
        if (!programs.contains(id)) {
            auto o = accounts::find_organization(sql, id);
            programs[id] = o ? o->name : "";
        }
        return programs[id];
    };
    for (const auto& l : lines_in_export(sql, e.id)) {
        auto a = find_application(sql, l.application_id);
        std::string cents = std::to_string(l.amount_cents / 100) + "." + (l.amount_cents % 100 < 10 ? "0" : "") +
                            std::to_string(l.amount_cents % 100);
        std::vector<std::string> cells{e.id, l.id, l.application_id, std::to_string(l.installment), l.educator_id,
                                       name(l.educator_id), program(l.org_id), slugs[l.rule_set_id],
                                       a ? std::to_string(a->fiscal_year) : "", cents, l.period_start, l.period_end,
                                       a ? name(a->decided_by) : "", a ? day_of(a->decided_at) : ""};
        for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + csv_cell(cells[i]);
        out += "\r\n";
    }
    return out;
}

std::optional<long long> parse_hourly_wage(std::string_view text) {
    if (text.empty() || text.size() > 10) return std::nullopt;
    long long dollars = 0, cents = 0;
    std::size_t i = 0;
    for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) dollars = dollars * 10 + (text[i] - '0');
    if (i == 0) return std::nullopt;
    if (i < text.size()) {
        if (text[i] != '.' || text.size() - i - 1 < 1 || text.size() - i - 1 > 2) return std::nullopt;
        for (std::size_t j = i + 1; j < text.size(); ++j) {
            if (!std::isdigit(static_cast<unsigned char>(text[j]))) return std::nullopt;
            cents = cents * 10 + (text[j] - '0');
        }
        if (text.size() - i - 1 == 1) cents *= 10;
    }
    if (dollars > 1000) return std::nullopt;
    return dollars * 100 + cents;
}

} // namespace mc::incentives
