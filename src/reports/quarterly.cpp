#include "reports/quarterly.hpp"

#include "accounts/roles.hpp"
#include "platform/dates.hpp"
#include "reports/report_store.hpp"
#include "surveys/survey_store.hpp"

namespace mc::reports {

using http::AccessRule;
using http::Request;
using http::Response;
using nlohmann::json;

std::vector<Table> impact_for(app::App& app, const Request& req, const Scope& scope, const Report& r,
                              std::string& quarter, int& fy);

namespace {

constexpr std::uint32_t kReaders = accounts::any_admin | accounts::director;

Table quarter_table(const app::App& app, const Request& req, const Report& r, const std::string& quarter, long long k) {
    Table t;
    t.id = "quarter";
    t.caption = app.catalog.format(req.locale, "reports.quarterly.in_quarter", {{"quarter", quarter}});
    t.how = app.t(req, "reports.how.trends");
    t.head = {app.t(req, "reports.cols.figure"), app.t(req, "reports.cols.value")};
    for (const auto& p : trend(r.cube.months, true, k)) {
        if (p.period != quarter) continue;
        t.rows = {{app.t(req, "reports.cols.enrolled"), count_text(p.enrolled)},
                  {app.t(req, "reports.cols.submitted"), count_text(p.submitted)},
                  {app.t(req, "reports.cols.demonstrated"), count_text(p.demonstrated)},
                  {app.t(req, "reports.cols.first_pass"), percent_text(p.first_pass_rate)},
                  {app.t(req, "reports.cols.turnaround_median"), days_text(p.turnaround_median)},
                  {app.t(req, "reports.cols.days_median"), days_text(p.days_median)}};
    }
    if (t.rows.empty()) t.rows = {{app.t(req, "reports.quarterly.nothing"), "—"}};
    return t;
}

} // namespace

QuarterlyReport quarterly_report(app::App& app, const Request& req, const Scope& scope, const Report& r,
                                 const std::string& quarter_in) {
    QuarterlyReport q;
    auto sql = app.db->lease();
    long long k = surveys::min_cell(*sql);
    auto labels = load_labels(*sql);
    auto settings = load_settings(*sql);
    sql.reset();
    q.quarter = quarter_in;
    if (q.quarter.empty() || !r.quarters.contains(q.quarter)) q.quarter = r.quarters.empty() ? "" : r.quarters.rbegin()->first;
    q.title = app.catalog.format(req.locale, "reports.quarterly.heading", {{"quarter", q.quarter}});
    q.subtitle = (scope.agency ? app.t(req, "reports.scope_agency") : app.t(req, "reports.scope_program") + ": " + scope.program_name) +
                 " · " + app.catalog.format(req.locale, "reports.quarterly.as_of", {{"when", moment_of(r.computed_at)}}) + " · " +
                 app.catalog.format(req.locale, "reports.suppression", {{"k", std::to_string(k)}});
    q.tables.push_back(quarter_table(app, req, r, q.quarter, k));
    // The last four quarters for the trend.
    Table trend_t;
    trend_t.id = "trend";
    trend_t.caption = app.t(req, "reports.trends.by_quarter");
    trend_t.how = app.t(req, "reports.how.trends");
    trend_t.head = {app.t(req, "reports.cols.period"), app.t(req, "reports.cols.enrolled"), app.t(req, "reports.cols.demonstrated"),
                    app.t(req, "reports.cols.first_pass")};
    auto periods = trend(r.cube.months, true, k);
    for (std::size_t i = periods.size() > 4 ? periods.size() - 4 : 0; i < periods.size(); ++i)
        if (periods[i].period <= q.quarter)
            trend_t.rows.push_back({periods[i].period, count_text(periods[i].enrolled), count_text(periods[i].demonstrated),
                                    percent_text(periods[i].first_pass_rate)});
    trend_t.chart = "bar";
    trend_t.chart_columns = "3";
    q.tables.push_back(trend_t);
    // Spanish and English side by side, and the groups behind the whole.
    auto lang = figures_of(r, "language", k);
    Table languages = dimension_table(app, req, labels, lang);
    languages.id = "languages";
    q.tables.push_back(languages);
    std::vector<DimensionFigures> dims;
    for (const char* d : kDimensions) dims.push_back(figures_of(r, d, k));
    auto flags = equity_flags(dims, {settings.completion_points, settings.time_percent});
    Table eq;
    eq.id = "equity";
    eq.caption = app.t(req, "reports.equity.flags");
    eq.how = app.t(req, "reports.how.equity");
    eq.head = {app.t(req, "reports.cols.group"), app.t(req, "reports.cols.measure"), app.t(req, "reports.cols.value"),
               app.t(req, "reports.cols.overall"), app.t(req, "reports.cols.enrolled")};
    for (const auto& f : flags) {
        bool rate = f.measure == "completion";
        eq.rows.push_back({app.t(req, "reports.dims." + f.dimension) + ": " + group_label(app, req, labels, f.dimension, f.group),
                           app.t(req, "reports.equity.measures." + f.measure), rate ? percent_text(f.value) : days_text(f.value),
                           rate ? percent_text(f.overall) : days_text(f.overall), std::to_string(f.enrolled)});
    }
    if (eq.rows.empty()) eq.rows = {{app.t(req, "reports.equity.none"), "", "", "", ""}};
    q.tables.push_back(eq);
    std::string quarter = q.quarter;
    int fy = 0;
    if (auto span = quarter_span(q.quarter); span.second) fy = fiscal_year_of(span.second - 1);
    for (auto& t : impact_for(app, req, scope, r, quarter, fy)) q.tables.push_back(std::move(t));
    return q;
}

void install_quarterly(app::App& app) {
    app::App* self = &app;
    app.router.get("/admin/reports/quarterly", AccessRule::roles(kReaders), [self](Request& req) -> Result<Response> {
        auto scope = TRY(scope_of(*self, req));
        auto report = report_for(*self, scope);
        auto q = quarterly_report(*self, req, scope, *report, req.query_value("quarter"));
        json ctx = report_context(*self, req, scope, *report);
        ctx["title"] = q.title;
        ctx["subtitle"] = q.subtitle;
        ctx["quarter"] = q.quarter;
        ctx["tables"] = json::array();
        for (const auto& t : q.tables) ctx["tables"].push_back(table_json(t));
        json quarters = json::array();
        for (auto it = report->quarters.rbegin(); it != report->quarters.rend(); ++it)
            quarters.push_back({{"value", it->first}, {"selected", it->first == q.quarter}});
        ctx["quarters"] = quarters;
        ctx["pdf_en"] = "/admin/reports/quarterly.pdf?lang=en&quarter=" + q.quarter;
        ctx["pdf_es"] = "/admin/reports/quarterly.pdf?lang=es&quarter=" + q.quarter;
        return self->views->page(req, "reports/quarterly", ctx);
    });
    app.router.get("/admin/reports/quarterly.pdf", AccessRule::roles(kReaders), [self](Request& req) -> Result<Response> {
        // Either language on request, whatever the page was read in.
        if (auto lang = req.query_value("lang"); self->catalog.has_locale(lang)) req.locale = lang;
        auto scope = TRY(scope_of(*self, req));
        auto report = report_for(*self, scope);
        auto q = quarterly_report(*self, req, scope, *report, req.query_value("quarter"));
        auto pdf = TRY(render_quarterly_pdf(q, self->t(req, "reports.quarterly.footer")));
        return Response::text(std::move(pdf), 200, "application/pdf")
            .header("Content-Disposition", "attachment; filename=\"quarterly-report-" + q.quarter + "-" + req.locale + ".pdf\"")
            .header("Cache-Control", "private, no-store");
    });
}

} // namespace mc::reports
