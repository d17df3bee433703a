// /admin/reliability: how far assessors agree, per assessor, criterion and micro-credential, with
// drift by month, alerts below the agency's kappa bar, pass rates and turnaround; inline SVG charts
// each beside its data table; CSV export. /admin/reliability/settings: double scoring and the bar,
// and who the lead assessors are. The same as JSON under /api/v1 (docs/api/assessment.yaml).
#include <cmath>
#include <cstdio>
#include <set>

#include "accounts/roles.hpp"
#include "platform/csv.hpp"
#include "platform/dates.hpp"
#include "assessment/assessment_store.hpp"
#include "assessment/calibration.hpp"
#include "assessment/workflow.hpp"
#include "assessment/reliability_report.hpp"
#include "assessment/reliability_store.hpp"
#include "assessment/web.hpp"
#include "assessment/web_support.hpp"
#include "platform/http/json_body.hpp"

namespace mc::assessment {

using http::AccessRule;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

std::string fixed2(std::optional<double> v) {
    if (!v) return "";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", *v + 0.0); // + 0.0: no "-0.00"
    return buf;
}

std::string percent(std::optional<double> v) {
    if (!v) return "";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f%%", *v * 100);
    return buf;
}

std::string days(std::optional<double> v) {
    if (!v) return "";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", *v);
    return buf;
}

// A shown figure, or the catalog's "not enough data" mark when there is none.
std::string or_dash(const std::string& s) { return s.empty() ? "—" : s; }

json summary_json(const reliability::Summary& s) {
    auto opt = [](std::optional<double> v) { return v ? json(*v) : json(nullptr); };
    return {{"ratings", s.n}, {"exact_agreement", opt(s.exact)}, {"kappa", opt(s.kappa)},
            {"weighted_kappa_linear", opt(s.linear)}, {"weighted_kappa_quadratic", opt(s.quadratic)}};
}

json summary_view(const reliability::Summary& s) {
    return {{"n", static_cast<long long>(s.n)}, {"exact", or_dash(percent(s.exact))}, {"kappa", or_dash(fixed2(s.kappa))},
            {"linear", or_dash(fixed2(s.linear))}, {"quadratic", or_dash(fixed2(s.quadratic))}};
}

const char* standing_name(reliability::Standing s) {
    switch (s) {
    case reliability::Standing::meets: return "meets";
    case reliability::Standing::below: return "below";
    case reliability::Standing::not_enough_data: break;
    }
    return "not_enough_data";
}

// Horizontal bars on a 320-unit-wide canvas (it scales to the column): one row per item, the
// label above its bar so long names fit a phone, the value after the bar, and the bar line dashed.
struct Bar {
    std::string label;
    std::optional<double> value; // 0..1 drawn; below 0 drawn as 0 (the value text says it)
    std::string value_text;
    std::string fill;
};
json bar_chart(const std::vector<Bar>& bars, std::optional<double> line) {
    const double width = 250, row = 40;
    json out{{"height", static_cast<int>(bars.size() * row + 8)}, {"bars", json::array()}};
    for (std::size_t i = 0; i < bars.size(); ++i) {
        double y = static_cast<double>(i) * row;
        double v = bars[i].value ? std::clamp(*bars[i].value, 0.0, 1.0) : 0.0;
        double w = std::round(v * width);
        out["bars"].push_back({{"label", bars[i].label},
                               {"label_y", y + 13},
                               {"bar_y", y + 18},
                               {"width", w},
                               {"fill", bars[i].fill},
                               {"value_x", w + 6},
                               {"value_y", y + 30},
                               {"value_text", bars[i].value_text}});
    }
    if (line) out["line"] = {{"x", std::round(std::clamp(*line, 0.0, 1.0) * width)}, {"y2", out["height"]}};
    return out;
}

// Kappa by month, one line per assessor; the months table beside it has every value.
json drift_chart(const std::vector<AssessorRow>& rows, double bar_kappa) {
    std::set<std::string> month_set;
    for (const auto& r : rows)
        for (const auto& m : r.months) month_set.insert(m.month);
    std::vector<std::string> months(month_set.begin(), month_set.end());
    json out{{"lines", json::array()}, {"has_data", months.size() >= 1}};
    if (months.empty()) return out;
    const double left = 34, right = 310, top = 10, height = 150;
    auto x_of = [&](std::size_t i) {
        return months.size() == 1 ? (left + right) / 2 : left + (right - left) * static_cast<double>(i) / (months.size() - 1);
    };
    auto y_of = [&](double k) { return top + (1.0 - std::clamp(k, 0.0, 1.0)) * height; };
    static const char* palette[] = {"#005ea2", "#b50909", "#2e8540", "#8b0a03", "#4d8055", "#5c1111", "#1a4480", "#936f38"};
    std::size_t color = 0;
    for (const auto& r : rows) {
        std::string points;
        json dots = json::array();
        for (const auto& m : r.months) {
            if (!m.summary.kappa) continue;
            auto i = static_cast<std::size_t>(std::find(months.begin(), months.end(), m.month) - months.begin());
            char buf[64];
            std::snprintf(buf, sizeof buf, "%.1f,%.1f ", x_of(i), y_of(*m.summary.kappa));
            points += buf;
            dots.push_back({{"x", std::round(x_of(i) * 10) / 10}, {"y", std::round(y_of(*m.summary.kappa) * 10) / 10}});
        }
        if (dots.empty()) continue;
        out["lines"].push_back({{"points", points}, {"dots", dots}, {"color", palette[color++ % 8]}, {"name", r.name}});
    }
    out["bar_y"] = y_of(bar_kappa);
    out["first_month"] = months.front();
    out["last_month"] = months.back();
    out["axis_y"] = top + height + 16;
    out["right"] = right;
    out["left"] = left;
    out["top_y"] = y_of(1.0) + 4;
    out["bottom_y"] = y_of(0.0);
    return out;
}

json report_view(app::App& app, const Request& req, const Report& r) {
    const auto& loc = req.locale;
    auto standing_text = [&](reliability::Standing s) {
        return app.t(req, std::string("assessment.reliability.standing.") + standing_name(s));
    };
    json assessors = json::array(), alerts = json::array(), months = json::array();
    std::vector<Bar> assessor_bars;
    for (const auto& a : r.assessors) {
        bool below = a.standing == reliability::Standing::below;
        std::string certified = a.certified_until == 0 ? app.t(req, "assessment.calibration.never_short")
                                : a.certified_until > now_seconds()
                                    ? format_date(a.certified_until)
                                    : app.catalog.format(loc, "assessment.calibration.expired_short",
                                                         {{"date", format_date(a.certified_until)}});
        assessors.push_back({{"name", a.name},
                             {"calibration", summary_view(a.vs_calibration)},
                             {"on_calibration", a.judged_on_calibration},
                             {"certified", certified},
                             {"lead", a.lead},
                             {"final", summary_view(a.vs_final)},
                             {"partner", summary_view(a.vs_partner)},
                             {"standing", standing_text(a.standing)},
                             {"below", below},
                             {"drift_alert", a.drift_alert},
                             {"completed", a.completed},
                             {"pass_rate", or_dash(percent(a.pass_rate))},
                             {"turnaround", or_dash(days(a.median_turnaround_days))}});
        if (below && a.judged_on_calibration)
            alerts.push_back(app.catalog.format(loc, "assessment.reliability.alert_below_calibration",
                                                {{"name", a.name}, {"kappa", fixed2(a.vs_calibration.kappa)},
                                                 {"bar", fixed2(r.settings.kappa_bar)}}));
        else if (below)
            alerts.push_back(app.catalog.format(loc, "assessment.reliability.alert_below",
                                                {{"name", a.name}, {"kappa", fixed2(a.vs_final.kappa)},
                                                 {"bar", fixed2(r.settings.kappa_bar)}}));
        else if (a.drift_alert)
            alerts.push_back(app.catalog.format(loc, "assessment.reliability.alert_drift",
                                                {{"name", a.name}, {"month", a.drift_month},
                                                 {"kappa", fixed2(a.drift_kappa)}, {"bar", fixed2(r.settings.kappa_bar)}}));
        for (const auto& m : a.months)
            months.push_back({{"name", a.name}, {"month", m.month}, {"n", static_cast<long long>(m.summary.n)},
                              {"kappa", or_dash(fixed2(m.summary.kappa))},
                              {"below", reliability::standing(m.summary, {r.settings.kappa_bar,
                                                                          static_cast<double>(r.settings.min_ratings)}) ==
                                            reliability::Standing::below}});
        if (a.vs_final.n > 0)
            assessor_bars.push_back({a.name, a.vs_final.kappa, or_dash(fixed2(a.vs_final.kappa)),
                                     below ? "#b50909" : a.standing == reliability::Standing::meets ? "#005ea2" : "#71767a"});
    }
    json criteria = json::array();
    std::vector<Bar> criterion_bars;
    for (const auto& c : r.criteria) {
        criteria.push_back({{"credential", c.credential_title}, {"criterion", c.criterion_title},
                            {"summary", summary_view(c.summary)}});
        bool low = c.summary.kappa && *c.summary.kappa < r.settings.kappa_bar;
        criterion_bars.push_back({c.criterion_title, c.summary.kappa, or_dash(fixed2(c.summary.kappa)),
                                  low ? "#b50909" : "#005ea2"});
    }
    json credentials = json::array();
    std::vector<Bar> pass_bars;
    for (const auto& c : r.credentials) {
        credentials.push_back({{"title", c.title},
                               {"decided", c.decided},
                               {"pass_rate", or_dash(percent(c.pass_rate))},
                               {"double_scored", c.double_scored},
                               {"adjudicated", c.adjudicated},
                               {"turnaround", or_dash(days(c.median_turnaround_days))},
                               {"summary", summary_view(c.summary)}});
        pass_bars.push_back({c.title, c.pass_rate, or_dash(percent(c.pass_rate)), "#005ea2"});
    }
    return {{"assessors", assessors},
            {"has_assessors", !assessors.empty()},
            {"alerts", alerts},
            {"has_alerts", !alerts.empty()},
            {"months", months},
            {"has_months", !months.empty()},
            {"criteria", criteria},
            {"has_criteria", !criteria.empty()},
            {"credentials", credentials},
            {"has_credentials", !credentials.empty()},
            {"pairs", r.double_scored_pairs},
            {"bar", fixed2(r.settings.kappa_bar)},
            {"min_ratings", r.settings.min_ratings},
            {"share", percent(r.settings.double_share)},
            {"assessor_chart", bar_chart(assessor_bars, r.settings.kappa_bar)},
            {"has_assessor_chart", !assessor_bars.empty()},
            {"criterion_chart", bar_chart(criterion_bars, r.settings.kappa_bar)},
            {"pass_chart", bar_chart(pass_bars, std::nullopt)},
            {"drift_chart", drift_chart(r.assessors, r.settings.kappa_bar)}};
}

json report_json(const Report& r) {
    json assessors = json::array(), criteria = json::array(), credentials = json::array();
    auto opt = [](std::optional<double> v) { return v ? json(*v) : json(nullptr); };
    for (const auto& a : r.assessors) {
        json months = json::array();
        for (const auto& m : a.months) months.push_back({{"month", m.month}, {"agreement", summary_json(m.summary)}});
        assessors.push_back({{"id", a.id}, {"name", a.name}, {"lead", a.lead},
                             {"against_final_scores", summary_json(a.vs_final)},
                             {"against_other_scorer", summary_json(a.vs_partner)},
                             {"against_calibration", summary_json(a.vs_calibration)},
                             {"standing_reference", a.judged_on_calibration ? "calibration" : "final_scores"},
                             {"certified_until", a.certified_until ? json(a.certified_until) : json(nullptr)},
                             {"standing", standing_name(a.standing)}, {"drift_alert", a.drift_alert},
                             {"months", months}, {"completed", a.completed}, {"pass_rate", opt(a.pass_rate)},
                             {"median_turnaround_days", opt(a.median_turnaround_days)}});
    }
    for (const auto& c : r.criteria)
        criteria.push_back({{"micro_credential_id", c.micro_credential_id}, {"criterion_id", c.criterion_id},
                            {"title", c.criterion_title}, {"agreement", summary_json(c.summary)}});
    for (const auto& c : r.credentials)
        credentials.push_back({{"id", c.id}, {"title", c.title}, {"decided", c.decided},
                               {"demonstrated", c.demonstrated}, {"double_scored", c.double_scored},
                               {"adjudicated", c.adjudicated}, {"pass_rate", opt(c.pass_rate)},
                               {"median_turnaround_days", opt(c.median_turnaround_days)},
                               {"agreement", summary_json(c.summary)}});
    return {{"kappa_bar", r.settings.kappa_bar}, {"min_ratings", r.settings.min_ratings},
            {"double_scored_submissions", r.double_scored_pairs}, {"assessors", assessors},
            {"criteria", criteria}, {"micro_credentials", credentials}};
}

std::string cell(const std::string& v) { return csv_cell(v); }

std::string report_csv(const Report& r) {
    std::string out = "section,name,detail,ratings,exact_agreement,kappa,weighted_kappa_linear,"
                      "weighted_kappa_quadratic,standing,completed_or_decided,pass_rate,median_turnaround_days\r\n";
    auto num = [](std::optional<double> v) {
        if (!v) return std::string();
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.4f", *v + 0.0);
        return std::string(buf);
    };
    auto line = [&](const std::string& section, const std::string& name, const std::string& detail,
                    const reliability::Summary& s, const std::string& standing, const std::string& count,
                    std::optional<double> pass, std::optional<double> turnaround) {
        out += cell(section) + "," + cell(name) + "," + cell(detail) + "," + std::to_string(static_cast<long long>(s.n)) +
               "," + num(s.exact) + "," + num(s.kappa) + "," + num(s.linear) + "," + num(s.quadratic) + "," + standing +
               "," + count + "," + num(pass) + "," + num(turnaround) + "\r\n";
    };
    for (const auto& a : r.assessors) {
        line("assessor", a.name, "against_final_scores", a.vs_final, standing_name(a.standing),
             std::to_string(a.completed), a.pass_rate, a.median_turnaround_days);
        if (a.vs_calibration.n > 0)
            line("assessor", a.name, "against_calibration", a.vs_calibration, "", "", std::nullopt, std::nullopt);
        for (const auto& m : a.months)
            line("assessor_month", a.name, m.month, m.summary,
                 standing_name(reliability::standing(m.summary, {r.settings.kappa_bar,
                                                                 static_cast<double>(r.settings.min_ratings)})),
                 "", std::nullopt, std::nullopt);
    }
    for (const auto& c : r.criteria)
        line("criterion", c.credential_title, c.criterion_title, c.summary, "", "", std::nullopt, std::nullopt);
    for (const auto& c : r.credentials)
        line("micro_credential", c.title, "", c.summary, "", std::to_string(c.decided), c.pass_rate,
             c.median_turnaround_days);
    return out;
}

// The period asked for: ?from=YYYY-MM-DD&to=YYYY-MM-DD (to: that day included), both optional.
struct Period {
    std::string from, to; // as typed, for the form and the CSV link
    long long since = 0, until = 0;
};

Result<Period> period_of(const Request& req) {
    Period p{req.query_value("from"), req.query_value("to")};
    if (!p.from.empty()) {
        auto day = parse_day(p.from);
        if (!day) return fail(Errc::bad_input, "assessment.reliability.period_invalid", "from " + p.from);
        p.since = *day;
    }
    if (!p.to.empty()) {
        auto day = parse_day(p.to);
        if (!day) return fail(Errc::bad_input, "assessment.reliability.period_invalid", "to " + p.to);
        p.until = *day + 86400;
    }
    if (p.until > 0 && p.until <= p.since)
        return fail(Errc::bad_input, "assessment.reliability.period_order", "to before from");
    return p;
}

Report current_report(app::App& app, const std::string& locale, const Period& period = {}) {
    auto sql = app.db->lease();
    auto settings = load_settings(*sql);
    return build_report(gather_reliability(*sql, period.since, period.until), settings, locale);
}

// Adds the period form's values; the CSV link carries the same period.
void add_period(json& ctx, const Period& p) {
    ctx["from"] = p.from;
    ctx["to"] = p.to;
    ctx["filtered"] = !p.from.empty() || !p.to.empty();
    std::string query;
    if (!p.from.empty()) query += "from=" + http::percent_encode(p.from);
    if (!p.to.empty()) query += std::string(query.empty() ? "" : "&") + "to=" + http::percent_encode(p.to);
    ctx["csv_url"] = "/admin/reliability.csv" + (query.empty() ? "" : "?" + query);
}

// The settings form's fields, read and checked; errors as (field, key).
Settings settings_from_form(const Request& req, Settings s, std::vector<std::pair<std::string, std::string>>& errors) {
    auto number = [&](const char* field, double& into, const char* key) {
        try {
            std::size_t used = 0;
            auto text = req.form_value(field);
            double v = std::stod(text, &used);
            if (used != text.size()) throw std::invalid_argument(field);
            into = v;
        } catch (const std::exception&) {
            errors.emplace_back(field, key);
        }
    };
    double share = s.double_share * 100;
    number("double_share", share, "assessment.errors.share_range");
    s.double_share = share / 100;
    number("kappa_bar", s.kappa_bar, "assessment.errors.bar_range");
    double min = s.min_ratings;
    number("min_ratings", min, "assessment.errors.min_ratings_range");
    if (min != std::floor(min)) errors.emplace_back("min_ratings", "assessment.errors.min_ratings_range");
    s.min_ratings = static_cast<int>(std::clamp(min, -1.0, 1e6));
    if (req.form.contains("certification_days")) {
        double cert = s.certification_days;
        number("certification_days", cert, "assessment.errors.certification_days_range");
        if (cert != std::floor(cert)) errors.emplace_back("certification_days", "assessment.errors.certification_days_range");
        s.certification_days = static_cast<int>(std::clamp(cert, -1.0, 1e6));
    }
    s.double_first_of_version = req.form_value("double_first_of_version") == "1";
    if (!reliability::rule_from(req.form_value("disagreement_rule"), s.rule))
        errors.emplace_back("disagreement_rule", "assessment.errors.unknown_rule");
    s.seed = req.form_value("seed");
    for (auto& e : validate_settings(s)) {
        bool seen = false;
        for (const auto& have : errors) seen = seen || have.first == e.first;
        if (!seen) errors.push_back(std::move(e));
    }
    return s;
}

Response settings_page(app::App& app, const Request& req, const Settings& s,
                       const std::vector<std::pair<std::string, std::string>>& errors, int status) {
    auto sql = app.db->lease();
    json assessors = json::array();
    for (const auto& a : assessors_with_load(*sql))
        assessors.push_back({{"id", a.candidate.person.id}, {"name", a.name}, {"lead", a.candidate.lead}});
    json messages = json::array();
    json field_errors = json::object();
    for (const auto& [field, key] : errors) {
        messages.push_back(app.t(req, key));
        field_errors[field] = app.t(req, key);
    }
    char share[32];
    std::snprintf(share, sizeof share, "%g", s.double_share * 100);
    char bar[32];
    std::snprintf(bar, sizeof bar, "%g", s.kappa_bar);
    json ctx{{"title_key", "assessment.reliability.settings_title"},
             {"share", share},
             {"first_of_version", s.double_first_of_version},
             {"rule_outcome", s.rule == reliability::DisagreementRule::outcome},
             {"rule_any", s.rule == reliability::DisagreementRule::any_criterion},
             {"bar", bar},
             {"min_ratings", s.min_ratings},
             {"certification_days", s.certification_days},
             {"seed", s.seed},
             {"errors", messages},
             {"has_errors", !messages.empty()},
             {"field_errors", field_errors},
             {"assessors", assessors},
             {"has_assessors", !assessors.empty()},
             {"done", done_notice(app, req)}};
    return app.views->page(req, "assessment/reliability_settings", ctx, status);
}

Response calibration_page(app::App& app, const Request& req, const std::vector<std::string>& errors, int status) {
    auto sql = app.db->lease();
    std::map<std::string, std::string> titles;
    auto title = [&](const std::string& version) {
        if (!titles.contains(version)) titles[version] = version_title(*sql, version, req.locale);
        return titles[version];
    };
    json items = json::array(), candidates = json::array(), assessors = json::array();
    for (const auto& i : calibration_items(*sql))
        items.push_back({{"submission_id", i.submission_id}, {"title", title(i.version_id)},
                         {"added_on", format_date(i.added_at)}, {"criteria", i.criteria}});
    for (const auto& id : calibration_candidates(*sql, 20)) {
        auto s = load_submission(*sql, id);
        auto d = decision_for(*sql, id);
        if (!s || !d) continue;
        candidates.push_back({{"submission_id", id}, {"title", title(s->version_id)},
                              {"decided_on", format_date(d->decided_at)},
                              {"basis", app.t(req, d->basis == "adjudicated" ? "assessment.calibration.basis_adjudicated"
                                                   : d->basis == "agreed"    ? "assessment.calibration.basis_agreed"
                                                                             : "assessment.calibration.basis_single")},
                              {"outcome", app.t(req, "assessment.outcome." + d->outcome)}});
    }
    long long now = now_seconds();
    for (const auto& a : assessors_with_load(*sql)) {
        auto cert = latest_certification(*sql, a.candidate.person.id);
        std::string status_text = !cert ? app.t(req, "assessment.calibration.never_short")
                                  : cert->expires_at > now ? format_date(cert->expires_at)
                                  : app.catalog.format(req.locale, "assessment.calibration.expired_short",
                                                       {{"date", format_date(cert->expires_at)}});
        char kappa[32] = "—";
        if (cert) std::snprintf(kappa, sizeof kappa, "%.2f", cert->kappa + 0.0);
        assessors.push_back({{"name", a.name}, {"status", status_text}, {"kappa", std::string(kappa)},
                             {"current", cert && cert->expires_at > now}});
    }
    json ctx{{"title_key", "assessment.calibration.admin_title"},
             {"items", items}, {"has_items", !items.empty()},
             {"candidates", candidates}, {"has_candidates", !candidates.empty()},
             {"assessors", assessors},
             {"errors", errors}, {"has_errors", !errors.empty()},
             {"done", done_notice(app, req)}};
    return app.views->page(req, "assessment/calibration", ctx, status);
}

} // namespace

void install_reliability_pages(app::App& app) {
    app::App* self = &app;
    auto admins = AccessRule::roles(accounts::any_admin);

    app.router.get("/admin/reliability", admins, [self](Request& req) -> Result<Response> {
        auto period = period_of(req);
        auto report = current_report(*self, req.locale, period ? *period : Period{});
        auto ctx = report_view(*self, req, report);
        ctx["title_key"] = "assessment.reliability.title";
        if (!period) {
            ctx["period_error"] = self->t(req, period.error().key);
            add_period(ctx, Period{req.query_value("from"), req.query_value("to")});
            return self->views->page(req, "assessment/reliability", ctx, http_status(Errc::invalid));
        }
        add_period(ctx, *period);
        return self->views->page(req, "assessment/reliability", ctx);
    });

    app.router.get("/admin/reliability.csv", admins, [self](Request& req) -> Result<Response> {
        auto report = current_report(*self, req.locale, TRY(period_of(req)));
        return Response::text(report_csv(report), 200, "text/csv; charset=utf-8")
            .header("Content-Disposition", "attachment; filename=\"reliability.csv\"");
    });

    app.router.get("/admin/reliability/settings", admins, [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto s = load_settings(*sql);
        return settings_page(*self, req, s, {}, 200);
    });

    app.router.post("/admin/reliability/settings", admins, [self](Request& req) -> Result<Response> {
        std::vector<std::pair<std::string, std::string>> errors;
        Settings s;
        {
            auto sql = self->db->lease();
            s = settings_from_form(req, load_settings(*sql), errors);
            if (errors.empty()) {
                db::WriteTx tx(*sql);
                save_settings(*sql, s, req.principal.user_id);
                tx.commit();
            }
        }
        if (!errors.empty()) return settings_page(*self, req, s, errors, http_status(Errc::invalid));
        return Response::redirect("/admin/reliability/settings?done=settings_saved");
    });

    // Lead assessors: the checked boxes are the leads; every other assessor is not.
    app.router.post("/admin/reliability/leads", admins, [self](Request& req) -> Result<Response> {
        auto chosen = req.form_values("lead");
        std::set<std::string> leads(chosen.begin(), chosen.end());
        auto sql = self->db->lease();
        db::WriteTx tx(*sql);
        for (const auto& a : assessors_with_load(*sql)) {
            bool want = leads.contains(a.candidate.person.id);
            if (want != a.candidate.lead) set_lead(*sql, a.candidate.person.id, want, req.principal.user_id);
        }
        tx.commit();
        return Response::redirect("/admin/reliability/settings?done=lead_saved");
    });

    // Calibration set: decided submissions whose final scores become the "true" scores.
    app.router.get("/admin/reliability/calibration", admins, [self](Request& req) -> Result<Response> {
        return calibration_page(*self, req, {}, 200);
    });
    app.router.post("/admin/reliability/calibration/{submission}/add", admins, [self](Request& req) -> Result<Response> {
        Result<void> r;
        {
            auto sql = self->db->lease();
            db::WriteTx tx(*sql);
            r = add_calibration_item(*sql, req.param("submission"), req.principal.user_id);
            if (r) tx.commit();
        }
        if (!r) {
            if (r.error().code == Errc::not_found) return std::unexpected(r.error());
            return calibration_page(*self, req, {self->t(req, r.error().key)}, http_status(r.error().code));
        }
        return Response::redirect("/admin/reliability/calibration?done=calibration_added");
    });
    app.router.post("/admin/reliability/calibration/{submission}/retire", admins, [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        db::WriteTx tx(*sql);
        TRY(retire_calibration_item(*sql, req.param("submission")));
        tx.commit();
        return Response::redirect("/admin/reliability/calibration?done=calibration_retired");
    });
    app.router.put("/api/v1/calibration/items/{submission}", admins, [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        db::WriteTx tx(*sql);
        TRY(add_calibration_item(*sql, req.param("submission"), req.principal.user_id));
        tx.commit();
        return Response::json(json{{"submission_id", req.param("submission")}, {"retired", false}}.dump());
    });
    app.router.del("/api/v1/calibration/items/{submission}", admins, [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        db::WriteTx tx(*sql);
        TRY(retire_calibration_item(*sql, req.param("submission")));
        tx.commit();
        return Response::json(json{{"submission_id", req.param("submission")}, {"retired", true}}.dump());
    });
    // An assessor's own rounds and certification; POST starts a round.
    app.router.get("/api/v1/calibration/rounds", AccessRule::roles(accounts::assessor), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        json rounds = json::array();
        for (const auto& r : rounds_of(*sql, req.principal.user_id))
            rounds.push_back({{"id", r.id}, {"started_at", r.started_at},
                              {"finished_at", r.finished_at ? json(r.finished_at) : json(nullptr)},
                              {"items", r.total}, {"scored", r.done}, {"ratings", r.ratings},
                              {"exact_agreement", r.exact ? json(*r.exact) : json(nullptr)},
                              {"kappa", r.kappa ? json(*r.kappa) : json(nullptr)}, {"passed", r.passed}});
        auto cert = latest_certification(*sql, req.principal.user_id);
        json out{{"rounds", rounds},
                 {"certified_until", cert ? json(cert->expires_at) : json(nullptr)},
                 {"certified", cert && cert->expires_at > now_seconds()}};
        return Response::json(out.dump());
    });
    app.router.post("/api/v1/calibration/rounds", AccessRule::roles(accounts::assessor), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        db::WriteTx tx(*sql);
        auto round = TRY(start_round(*self, *sql, req.principal.user_id));
        tx.commit();
        json items = json::array();
        for (const auto& id : assignments_of_round(*sql, round)) items.push_back(id);
        return Response::json(json{{"id", round}, {"assignments", items}}.dump(), 201);
    });

    app.router.get("/api/v1/reliability", admins, [self](Request& req) -> Result<Response> {
        return Response::json(report_json(current_report(*self, req.locale, TRY(period_of(req)))).dump());
    });

    app.router.get("/api/v1/assessment/settings", admins, [self](Request&) -> Result<Response> {
        auto sql = self->db->lease();
        auto s = load_settings(*sql);
        return Response::json(json{{"double_share", s.double_share}, {"double_first_of_version", s.double_first_of_version},
                                   {"disagreement_rule", reliability::rule_name(s.rule)}, {"kappa_bar", s.kappa_bar},
                                   {"min_ratings", s.min_ratings}, {"seed", s.seed},
                                   {"certification_days", s.certification_days}}.dump());
    });

    app.router.put("/api/v1/assessment/settings", admins, [self](Request& req) -> Result<Response> {
        auto body = TRY(http::json_object_body(req));
        auto sql = self->db->lease();
        auto s = load_settings(*sql);
        std::vector<std::pair<std::string, std::string>> errors;
        auto num = [&](const char* k, double& into, const char* key) {
            if (!body.contains(k)) return;
            if (body[k].is_number()) into = body[k].get<double>();
            else errors.emplace_back(k, key);
        };
        num("double_share", s.double_share, "assessment.errors.share_range");
        num("kappa_bar", s.kappa_bar, "assessment.errors.bar_range");
        if (body.contains("min_ratings")) {
            if (body["min_ratings"].is_number_integer()) s.min_ratings = body["min_ratings"].get<int>();
            else errors.emplace_back("min_ratings", "assessment.errors.min_ratings_range");
        }
        if (body.contains("certification_days")) {
            if (body["certification_days"].is_number_integer()) s.certification_days = body["certification_days"].get<int>();
            else errors.emplace_back("certification_days", "assessment.errors.certification_days_range");
        }
        if (body.contains("double_first_of_version")) {
            if (body["double_first_of_version"].is_boolean()) s.double_first_of_version = body["double_first_of_version"];
            else errors.emplace_back("double_first_of_version", "errors.bad_input");
        }
        if (body.contains("disagreement_rule") &&
            !(body["disagreement_rule"].is_string() && reliability::rule_from(body["disagreement_rule"].get<std::string>(), s.rule)))
            errors.emplace_back("disagreement_rule", "assessment.errors.unknown_rule");
        if (body.contains("seed")) {
            if (body["seed"].is_string()) s.seed = body["seed"];
            else errors.emplace_back("seed", "assessment.errors.seed_length");
        }
        for (auto& e : validate_settings(s)) errors.push_back(std::move(e));
        if (!errors.empty()) {
            json fields = json::array();
            for (const auto& [f, k] : errors) fields.push_back({{"field", f}, {"code", k}, {"message", self->t(req, k)}});
            json out{{"error", {{"code", "errors.bad_input"}, {"message", self->t(req, "errors.bad_input")},
                                {"status", http_status(Errc::invalid)}, {"fields", fields}}}};
            return Response::json(out.dump(), http_status(Errc::invalid));
        }
        db::WriteTx tx(*sql);
        save_settings(*sql, s, req.principal.user_id);
        tx.commit();
        return Response::json(json{{"double_share", s.double_share}, {"double_first_of_version", s.double_first_of_version},
                                   {"disagreement_rule", reliability::rule_name(s.rule)}, {"kappa_bar", s.kappa_bar},
                                   {"min_ratings", s.min_ratings}, {"seed", s.seed},
                                   {"certification_days", s.certification_days}}.dump());
    });

    app.router.put("/api/v1/assessors/{id}/lead", admins, [self](Request& req) -> Result<Response> {
        auto body = TRY(http::json_object_body(req));
        if (!body.contains("lead") || !body["lead"].is_boolean())
            return fail(Errc::bad_input, "errors.bad_input", "lead must be true or false");
        auto sql = self->db->lease();
        auto user = load_user(*sql, req.param("id"));
        if (!user || !(user->roles & accounts::assessor))
            return fail(Errc::not_found, "errors.not_found", "no assessor " + req.param("id"));
        db::WriteTx tx(*sql);
        set_lead(*sql, user->id, body["lead"].get<bool>(), req.principal.user_id);
        tx.commit();
        return Response::json(json{{"id", user->id}, {"lead", body["lead"].get<bool>()}}.dump());
    });
}

} // namespace mc::assessment
