#include "incentives/rules.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace mc::incentives {

using nlohmann::json;

namespace {

struct Day {
    int y = 0, m = 0, d = 0;
};

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int days_in(int y, int m) {
    static const int n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : n[m - 1];
}

std::optional<Day> day_of(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return std::nullopt;
    Day d{std::stoi(s.substr(0, 4)), std::stoi(s.substr(5, 2)), std::stoi(s.substr(8, 2))};
    if (d.y < 1900 || d.m < 1 || d.m > 12 || d.d < 1 || d.d > days_in(d.y, d.m)) return std::nullopt;
    return d;
}

std::string text_of(const Day& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.y, d.m, d.d);
    return buf;
}

Day plus_months(Day d, int n) {
    int total = d.y * 12 + (d.m - 1) + n;
    d.y = total / 12;
    d.m = total % 12 + 1;
    d.d = std::min(d.d, days_in(d.y, d.m));
    return d;
}

Day minus_one_day(Day d) {
    if (--d.d >= 1) return d;
    if (--d.m < 1) {
        d.m = 12;
        --d.y;
    }
    d.d = days_in(d.y, d.m);
    return d;
}

bool slug_ok(const std::string& s) {
    return !s.empty() && s.size() <= 80 &&
           std::ranges::all_of(s, [](unsigned char c) { return std::islower(c) || std::isdigit(c) || c == '-'; });
}

bool short_text_ok(const std::string& s, std::size_t max) {
    return !s.empty() && s.size() <= max &&
           std::ranges::none_of(s, [](unsigned char c) { return c < 0x20 || c == 0x7f; });
}

std::string string_at(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Text text_at(const json& doc, const char* key, const std::string& at, std::vector<Issue>& issues, bool required,
             std::size_t max = 2000) {
    Text t;
    auto it = doc.find(key);
    if (it != doc.end() && !it->is_object()) {
        issues.push_back({at + key, "incentives.errors.text"});
        return t;
    }
    if (it != doc.end()) t = {string_at(*it, "en"), string_at(*it, "es")};
    if ((required && (t.en.empty() || t.es.empty())) || t.en.size() > max || t.es.size() > max)
        issues.push_back({at + key + (t.en.empty() || t.en.size() > max ? ".en" : ".es"), "incentives.errors.text"});
    return t;
}

// An integer member in [lo, hi]; absent gives `fallback` (or an issue when required).
std::optional<long long> int_at(const json& doc, const char* key, long long lo, long long hi, const std::string& at,
                                std::vector<Issue>& issues, std::optional<long long> fallback) {
    auto it = doc.find(key);
    if (it == doc.end()) {
        if (!fallback) issues.push_back({at + key, "incentives.errors.required"});
        return fallback;
    }
    if (!it->is_number_integer() || it->get<long long>() < lo || it->get<long long>() > hi) {
        issues.push_back({at + key, "incentives.errors.number"});
        return fallback;
    }
    return it->get<long long>();
}

json text_json(const Text& t) { return {{"en", t.en}, {"es", t.es}}; }

Line line(std::string key, std::vector<std::pair<std::string, std::string>> args, bool ok = true) {
    return {"incentives.why." + key, std::move(args), ok};
}

std::string hours_text(int h) { return std::to_string(h); }

} // namespace

std::vector<std::pair<std::string, std::string>> args_in(const Line& line, std::string_view locale) {
    auto args = line.args;
    for (const auto& [name, text] : line.texts) args.emplace_back(name, text.in(locale));
    return args;
}

std::string money(long long cents) {
    bool negative = cents < 0;
    unsigned long long c = negative ? 0ULL - static_cast<unsigned long long>(cents) : static_cast<unsigned long long>(cents);
    std::string whole = std::to_string(c / 100);
    std::string grouped;
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) grouped += ',';
        grouped += whole[i];
    }
    char frac[4];
    std::snprintf(frac, sizeof frac, "%02llu", c % 100);
    return std::string(negative ? "-$" : "$") + grouped + "." + frac;
}

int months_between(const std::string& from, const std::string& to) {
    auto a = day_of(from), b = day_of(to);
    if (!a || !b) return 0;
    int months = (b->y - a->y) * 12 + (b->m - a->m);
    // A month is complete on the same day of the month (or the month's last day, when shorter).
    if (b->d < a->d && b->d < days_in(b->y, b->m)) --months;
    return std::max(0, months);
}

std::string add_months(const std::string& day, int n) {
    auto d = day_of(day);
    return d ? text_of(plus_months(*d, n)) : std::string();
}

int fiscal_year_of(const std::string& day, int start_month) {
    auto d = day_of(day);
    if (!d) return 0;
    if (start_month <= 1) return d->y;
    return d->m >= start_month ? d->y + 1 : d->y;
}

std::optional<RuleSet> rule_set_from_json(const json& doc, std::vector<Issue>& issues) {
    if (!doc.is_object()) {
        issues.push_back({"", "incentives.errors.shape"});
        return std::nullopt;
    }
    RuleSet r;
    r.slug = string_at(doc, "slug");
    if (!slug_ok(r.slug)) issues.push_back({"slug", "incentives.errors.slug"});
    r.title = text_at(doc, "title", "", issues, true, 200);
    r.description = text_at(doc, "description", "", issues, false);
    r.funder = text_at(doc, "funder", "", issues, true, 200);
    r.budget_cents = int_at(doc, "budget_cents", 0, kMaxBudgetCents, "", issues, 0LL).value_or(0);

    std::string basis = string_at(doc, "basis");
    if (basis == "lattice_level") {
        r.basis = Basis::lattice_level;
        r.lattice = string_at(doc, "lattice");
        if (!slug_ok(r.lattice)) issues.push_back({"lattice", "incentives.errors.slug"});
    } else if (basis == "micro_credentials") {
        r.basis = Basis::micro_credentials;
    } else {
        issues.push_back({"basis", "incentives.errors.basis"});
    }

    if (auto t = doc.find("tiers"); t != doc.end()) {
        if (!t->is_array() || t->empty() || t->size() > kMaxTiers) {
            issues.push_back({"tiers", "incentives.errors.list"});
        } else {
            int i = 0;
            for (const auto& v : *t) {
                std::string at = "tiers." + std::to_string(i++);
                std::string tier = v.is_string() ? v.get<std::string>() : "";
                if (!short_text_ok(tier, 32) || std::ranges::count(r.tiers, tier) > 0)
                    issues.push_back({at, "incentives.errors.tier"});
                else
                    r.tiers.push_back(tier);
            }
        }
    }
    auto known_tier = [&](const std::string& t) { return std::ranges::count(r.tiers, t) > 0; };
    if (auto c = doc.find("tier_by_county"); c != doc.end()) {
        if (!c->is_object() || c->size() > kMaxCounties || r.tiers.empty()) {
            issues.push_back({"tier_by_county", "incentives.errors.list"});
        } else {
            for (const auto& [county, tier] : c->items()) {
                std::string at = "tier_by_county." + county;
                if (!short_text_ok(county, 80) || !tier.is_string() || !known_tier(tier.get<std::string>()))
                    issues.push_back({at.size() > 120 ? std::string("tier_by_county") : at, "incentives.errors.tier"});
                else
                    r.tier_by_county[county] = tier.get<std::string>();
            }
        }
    }
    r.default_tier = string_at(doc, "default_tier");
    if (!r.tiers.empty() && !known_tier(r.default_tier)) issues.push_back({"default_tier", "incentives.errors.tier"});
    if (r.tiers.empty() && doc.contains("default_tier")) issues.push_back({"default_tier", "incentives.errors.tier"});

    if (auto e = doc.find("eligibility"); e != doc.end()) {
        if (!e->is_object()) {
            issues.push_back({"eligibility", "incentives.errors.shape"});
        } else {
            if (e->contains("max_hourly_wage_cents"))
                r.max_hourly_wage_cents = int_at(*e, "max_hourly_wage_cents", 1, 100'000, "eligibility.", issues, 0LL);
            r.min_hours_per_week = static_cast<int>(*int_at(*e, "min_hours_per_week", 0, 80, "eligibility.", issues, 0LL));
            r.min_months_in_program =
                static_cast<int>(*int_at(*e, "min_months_in_program", 0, 240, "eligibility.", issues, 0LL));
            if (auto p = e->find("pathways_any"); p != e->end()) {
                if (!p->is_array() || p->size() > kMaxPathways) {
                    issues.push_back({"eligibility.pathways_any", "incentives.errors.list"});
                } else {
                    int i = 0;
                    for (const auto& v : *p) {
                        std::string slug = v.is_string() ? v.get<std::string>() : "";
                        if (!slug_ok(slug))
                            issues.push_back({"eligibility.pathways_any." + std::to_string(i), "incentives.errors.slug"});
                        else
                            r.pathways_any.push_back(slug);
                        ++i;
                    }
                }
            }
        }
    }

    if (auto p = doc.find("payment"); p != doc.end()) {
        if (!p->is_object()) {
            issues.push_back({"payment", "incentives.errors.shape"});
        } else {
            r.full_time_hours_per_week =
                static_cast<int>(*int_at(*p, "full_time_hours_per_week", 0, 80, "payment.", issues, 0LL));
            r.installments = static_cast<int>(*int_at(*p, "installments", 1, 12, "payment.", issues, 1LL));
            r.installment_months = static_cast<int>(*int_at(*p, "installment_months", 1, 24, "payment.", issues, 12LL));
            if (auto o = p->find("once_per_fiscal_year"); o != p->end()) {
                if (!o->is_boolean()) issues.push_back({"payment.once_per_fiscal_year", "incentives.errors.shape"});
                else r.once_per_fiscal_year = o->get<bool>();
            }
            r.fiscal_year_start_month =
                static_cast<int>(*int_at(*p, "fiscal_year_start_month", 1, 12, "payment.", issues, 7LL));
            if (r.once_per_fiscal_year && r.installments != 1)
                issues.push_back({"payment.installments", "incentives.errors.number"});
            if (r.full_time_hours_per_week > 0 && r.min_hours_per_week > r.full_time_hours_per_week)
                issues.push_back({"payment.full_time_hours_per_week", "incentives.errors.number"});
        }
    }

    auto rows = doc.find("rows");
    if (rows == doc.end() || !rows->is_array() || rows->empty() || rows->size() > kMaxRows) {
        issues.push_back({"rows", "incentives.errors.list"});
        return std::nullopt;
    }
    std::set<std::string> codes;
    int i = 0, last_count = -1;
    std::map<std::string, long long> last_amount;
    for (const auto& row : *rows) {
        std::string at = "rows." + std::to_string(i++);
        if (!row.is_object()) {
            issues.push_back({at, "incentives.errors.shape"});
            continue;
        }
        AmountRow a;
        if (r.basis == Basis::lattice_level) {
            a.level = string_at(row, "level");
            if (!short_text_ok(a.level, 16) || !codes.insert(a.level).second)
                issues.push_back({at + ".level", "incentives.errors.level"});
        } else {
            auto n = int_at(row, "min_micro_credentials", 1, 1000, at + ".", issues, std::nullopt);
            if (n && *n <= last_count) issues.push_back({at + ".min_micro_credentials", "incentives.errors.order"});
            if (n) last_count = static_cast<int>(*n), a.min_micro_credentials = last_count;
        }
        if (row.contains("label")) a.label = text_at(row, "label", at + ".", issues, true, 200);
        auto amount = row.find("amount_cents");
        if (amount == row.end()) {
            issues.push_back({at + ".amount_cents", "incentives.errors.required"});
            continue;
        }
        auto cents_ok = [](const json& v) {
            return v.is_number_integer() && v.get<long long>() >= 0 && v.get<long long>() <= kMaxAmountCents;
        };
        if (r.tiers.empty()) {
            if (!cents_ok(*amount)) issues.push_back({at + ".amount_cents", "incentives.errors.number"});
            else a.cents_by_tier[""] = amount->get<long long>();
        } else if (!amount->is_object() || amount->size() != r.tiers.size()) {
            issues.push_back({at + ".amount_cents", "incentives.errors.every_tier"});
        } else {
            for (const auto& tier : r.tiers) {
                auto v = amount->find(tier);
                if (v == amount->end() || !cents_ok(*v)) issues.push_back({at + ".amount_cents." + tier, "incentives.errors.number"});
                else a.cents_by_tier[tier] = v->get<long long>();
            }
        }
        // Rows ascend: a higher level or lane never pays less (in every tier), so that earning more
        // can only keep or raise an educator's amount.
        for (const auto& [tier, cents] : a.cents_by_tier) {
            if (auto prev = last_amount.find(tier); prev != last_amount.end() && cents < prev->second)
                issues.push_back({at + ".amount_cents" + (tier.empty() ? "" : "." + tier), "incentives.errors.order"});
            last_amount[tier] = cents;
        }
        r.rows.push_back(std::move(a));
    }
    if (!issues.empty()) return std::nullopt;
    return r;
}

json rule_set_to_json(const RuleSet& r) {
    json doc = {{"slug", r.slug}, {"title", text_json(r.title)}, {"description", text_json(r.description)},
                {"funder", text_json(r.funder)}, {"budget_cents", r.budget_cents},
                {"basis", r.basis == Basis::lattice_level ? "lattice_level" : "micro_credentials"}};
    if (r.basis == Basis::lattice_level) doc["lattice"] = r.lattice;
    if (!r.tiers.empty()) {
        doc["tiers"] = r.tiers;
        doc["default_tier"] = r.default_tier;
        if (!r.tier_by_county.empty()) doc["tier_by_county"] = r.tier_by_county;
    }
    json e = {{"min_hours_per_week", r.min_hours_per_week}, {"min_months_in_program", r.min_months_in_program}};
    if (r.max_hourly_wage_cents) e["max_hourly_wage_cents"] = *r.max_hourly_wage_cents;
    if (!r.pathways_any.empty()) e["pathways_any"] = r.pathways_any;
    doc["eligibility"] = e;
    doc["payment"] = {{"full_time_hours_per_week", r.full_time_hours_per_week}, {"installments", r.installments},
                      {"installment_months", r.installment_months}, {"once_per_fiscal_year", r.once_per_fiscal_year},
                      {"fiscal_year_start_month", r.fiscal_year_start_month}};
    json rows = json::array();
    for (const auto& a : r.rows) {
        json row;
        if (r.basis == Basis::lattice_level) row["level"] = a.level;
        else row["min_micro_credentials"] = a.min_micro_credentials;
        if (!a.label.en.empty()) row["label"] = text_json(a.label);
        if (r.tiers.empty()) row["amount_cents"] = a.cents_by_tier.at("");
        else row["amount_cents"] = a.cents_by_tier;
        rows.push_back(row);
    }
    doc["rows"] = rows;
    return doc;
}

Estimate evaluate(const RuleSet& rules, const Facts& facts) {
    Estimate e;
    bool ok = true;
    auto fail = [&](Line l) {
        l.ok = false;
        ok = false;
        e.why.push_back(std::move(l));
    };

    // Funding tier: from the program's county.
    if (!rules.tiers.empty()) {
        auto it = facts.county.empty() ? rules.tier_by_county.end() : rules.tier_by_county.find(facts.county);
        e.tier = it != rules.tier_by_county.end() ? it->second : rules.default_tier;
        if (it != rules.tier_by_county.end())
            e.why.push_back(line("tier_county", {{"county", facts.county}, {"tier", e.tier}}));
        else
            e.why.push_back(line("tier_default", {{"tier", e.tier}}));
    }

    // The table row.
    if (rules.basis == Basis::lattice_level) {
        auto rank_of = [&](const std::string& code) {
            for (const auto& s : facts.ladder)
                if (s.code == code) return s.rank;
            return 0;
        };
        int best_rank = 0;
        for (std::size_t i = 0; i < rules.rows.size(); ++i) {
            const auto& code = rules.rows[i].level;
            int rank = facts.ladder.empty() ? (code == facts.level_code ? facts.level_rank : 0) : rank_of(code);
            if (facts.level_rank > 0 && rank > 0 && rank <= facts.level_rank && rank >= best_rank) {
                best_rank = rank;
                e.row = static_cast<int>(i);
            }
        }
        if (e.row < 0) {
            if (facts.level_rank <= 0)
                fail(line("level_none", {{"first", rules.rows.front().level}}));
            else
                fail(line("level_below", {{"level", facts.level_code}, {"first", rules.rows.front().level}}));
        } else {
            e.annual_cents = rules.rows[e.row].cents_by_tier.at(e.tier);
            const auto& row_level = rules.rows[e.row].level;
            if (row_level == facts.level_code)
                e.why.push_back(line("level_row", {{"level", facts.level_code}, {"annual", money(e.annual_cents)}}));
            else
                e.why.push_back(line("level_row_below", {{"level", facts.level_code}, {"row", row_level},
                                                         {"annual", money(e.annual_cents)}}));
        }
    } else {
        for (std::size_t i = 0; i < rules.rows.size(); ++i)
            if (facts.micro_credentials >= rules.rows[i].min_micro_credentials) e.row = static_cast<int>(i);
        if (e.row < 0) {
            fail(line("count_below", {{"count", std::to_string(facts.micro_credentials)},
                                      {"min", std::to_string(rules.rows.front().min_micro_credentials)}}));
        } else {
            const auto& row = rules.rows[e.row];
            e.annual_cents = row.cents_by_tier.at(e.tier);
            e.why.push_back(line("count_row", {{"count", std::to_string(facts.micro_credentials)},
                                               {"min", std::to_string(row.min_micro_credentials)},
                                               {"annual", money(e.annual_cents)}}));
            e.why.back().texts = {{"lane", row.label}};
            if (e.row + 1 < static_cast<int>(rules.rows.size())) {
                const auto& next = rules.rows[e.row + 1];
                e.why.push_back(line("count_next", {{"more", std::to_string(next.min_micro_credentials - facts.micro_credentials)}}));
                e.why.back().texts = {{"lane", next.label}};
            }
        }
    }

    // Pathways.
    if (!rules.pathways_any.empty()) {
        std::string held;
        for (const auto& p : rules.pathways_any)
            if (facts.pathways.contains(p)) held = p;
        std::string list;
        for (const auto& p : rules.pathways_any) list += (list.empty() ? "" : ", ") + p;
        if (held.empty()) fail(line("pathway_missing", {{"pathways", list}}));
        else e.why.push_back(line("pathway_held", {{"pathway", held}}));
    }

    // Employment: wage, hours, months in the same program.
    bool needs_job = rules.max_hourly_wage_cents || rules.min_hours_per_week > 0 || rules.min_months_in_program > 0 ||
                     rules.full_time_hours_per_week > 0;
    if (needs_job && !facts.employed) {
        fail(line("no_employment", {}));
    } else if (needs_job) {
        if (rules.max_hourly_wage_cents) {
            auto wage = money(facts.hourly_wage_cents), limit = money(*rules.max_hourly_wage_cents);
            if (facts.hourly_wage_cents <= 0) fail(line("wage_unknown", {{"limit", limit}}));
            else if (facts.hourly_wage_cents > *rules.max_hourly_wage_cents)
                fail(line("wage_over", {{"wage", wage}, {"limit", limit}}));
            else e.why.push_back(line("wage_ok", {{"wage", wage}, {"limit", limit}}));
        }
        if (rules.min_hours_per_week > 0) {
            auto args = std::vector<std::pair<std::string, std::string>>{
                {"hours", hours_text(facts.hours_per_week)}, {"min", std::to_string(rules.min_hours_per_week)}};
            if (facts.hours_per_week < rules.min_hours_per_week) fail(line("hours_short", args));
            else e.why.push_back(line("hours_ok", args));
        }
        if (rules.min_months_in_program > 0) {
            e.months_in_program = months_between(facts.program_started_on, facts.as_of);
            auto args = std::vector<std::pair<std::string, std::string>>{
                {"months", std::to_string(e.months_in_program)}, {"min", std::to_string(rules.min_months_in_program)},
                {"since", facts.program_started_on},
                {"from", add_months(facts.program_started_on, rules.min_months_in_program)}};
            if (e.months_in_program < rules.min_months_in_program) fail(line("months_short", args));
            else e.why.push_back(line("months_ok", args));
        } else {
            e.months_in_program = months_between(facts.program_started_on, facts.as_of);
        }
    }

    // Once per fiscal year.
    if (rules.once_per_fiscal_year) {
        e.fiscal_year = fiscal_year_of(facts.as_of, rules.fiscal_year_start_month);
        auto start = text_of({e.fiscal_year - (rules.fiscal_year_start_month > 1 ? 1 : 0), rules.fiscal_year_start_month, 1});
        auto end = add_months(start, 12);
        end = day_of(end) ? text_of(minus_one_day(*day_of(end))) : end;
        std::vector<std::pair<std::string, std::string>> args = {
            {"year", std::to_string(e.fiscal_year)}, {"start", start}, {"end", end},
            {"next", add_months(start, 12)}};
        if (facts.paid_fiscal_years.contains(e.fiscal_year)) fail(line("fiscal_year_paid", args));
        else e.why.push_back(line("fiscal_year_open", args));
    }

    if (!ok || e.row < 0) {
        e.why.push_back(line("not_eligible", {}, false));
        return e;
    }

    // The amount: prorated below full time.
    e.amount_cents = e.annual_cents;
    if (rules.full_time_hours_per_week > 0) {
        int full = rules.full_time_hours_per_week;
        if (facts.hours_per_week >= full) {
            e.why.push_back(line("full_time", {{"hours", hours_text(facts.hours_per_week)}, {"full", std::to_string(full)},
                                               {"amount", money(e.amount_cents)}}));
        } else {
            e.amount_cents = e.annual_cents * facts.hours_per_week / full; // whole cents, rounded down
            e.why.push_back(line("prorated", {{"hours", hours_text(facts.hours_per_week)}, {"full", std::to_string(full)},
                                              {"annual", money(e.annual_cents)}, {"amount", money(e.amount_cents)}}));
        }
    }

    // Installments: equal parts, the last one taking the odd cents.
    auto start = day_of(facts.as_of);
    long long each = e.amount_cents / rules.installments;
    for (int i = 0; i < rules.installments; ++i) {
        Installment in;
        in.number = i + 1;
        in.cents = i + 1 < rules.installments ? each : e.amount_cents - each * (rules.installments - 1);
        if (start) {
            in.period_start = text_of(plus_months(*start, i * rules.installment_months));
            in.period_end = text_of(minus_one_day(plus_months(*start, (i + 1) * rules.installment_months)));
        }
        e.installments.push_back(in);
    }
    if (rules.installments > 1)
        e.why.push_back(line("installments", {{"count", std::to_string(rules.installments)}, {"each", money(each)},
                                              {"months", std::to_string(rules.installment_months)}}));
    e.eligible = true;
    e.why.push_back(line("eligible", {{"amount", money(e.amount_cents)}}));
    return e;
}

} // namespace mc::incentives
