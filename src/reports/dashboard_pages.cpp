// /admin/reports: the participation funnel, first-attempt pass rate, attempts to pass, time to
// credential and assessor turnaround, for the agency (agency staff) or one program (its
// director); by dimension, by month or quarter, and the equity view. Every table has its chart
// beside it (drawn in the browser from the same cells) and a CSV export.
#include "accounts/roles.hpp"
#include "platform/db/database.hpp"
#include "reports/report_store.hpp"
#include "reports/sources.hpp"
#include "reports/web.hpp"
#include "surveys/survey_store.hpp"

namespace mc::reports {

using http::AccessRule;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

constexpr std::uint32_t kReaders = accounts::any_admin | accounts::director;

Table funnel_table(const app::App& app, const Request& req, const GroupFigures& g) {
    Table t;
    t.id = "funnel";
    t.caption = app.t(req, "reports.overview.funnel");
    t.how = app.t(req, "reports.how.funnel");
    t.head = {app.t(req, "reports.cols.stage"), app.t(req, "reports.cols.count"), app.t(req, "reports.cols.share")};
    auto share = [&](const Shown& s) {
        if (s.hidden || g.enrolled.hidden || g.enrolled.value == 0) return std::string("—");
        return percent_text(static_cast<double>(s.value) / static_cast<double>(g.enrolled.value));
    };
    for (auto [key, s] : {std::pair{"enrolled", g.enrolled}, std::pair{"started", g.started},
                          std::pair{"submitted", g.submitted}, std::pair{"demonstrated", g.demonstrated}})
        t.rows.push_back({app.t(req, std::string("reports.cols.") + key), count_text(s), share(s)});
    t.chart = "bar";
    t.chart_columns = "2";
    return t;
}

Table rates_table(const app::App& app, const Request& req, const GroupFigures& g) {
    Table t;
    t.id = "rates";
    t.caption = app.t(req, "reports.overview.rates");
    t.head = {app.t(req, "reports.cols.figure"), app.t(req, "reports.cols.value"), app.t(req, "reports.cols.how")};
    t.rows = {{app.t(req, "reports.cols.first_pass"), percent_text(g.first_pass_rate), app.t(req, "reports.how.first_pass")},
              {app.t(req, "reports.cols.mean_attempts"), decimal_text(g.mean_attempts), app.t(req, "reports.how.attempts")},
              {app.t(req, "reports.cols.days_median"), days_text(g.days_median), app.t(req, "reports.how.days")},
              {app.t(req, "reports.cols.days_p90"), days_text(g.days_p90), app.t(req, "reports.how.p90")},
              {app.t(req, "reports.cols.turnaround_median"), days_text(g.turnaround_median), app.t(req, "reports.how.turnaround")},
              {app.t(req, "reports.cols.turnaround_p90"), days_text(g.turnaround_p90), app.t(req, "reports.how.p90")}};
    return t;
}

Table trend_table(const app::App& app, const Request& req, const Report& r, bool quarterly, long long k) {
    Table t;
    t.id = quarterly ? "quarters" : "months";
    t.caption = app.t(req, quarterly ? "reports.trends.by_quarter" : "reports.trends.by_month");
    t.how = app.t(req, "reports.how.trends");
    for (const char* h : {"period", "enrolled", "submitted", "demonstrated", "first_pass", "turnaround_median", "days_median"})
        t.head.push_back(app.t(req, std::string("reports.cols.") + h));
    for (const auto& p : trend(r.cube.months, quarterly, k))
        t.rows.push_back({p.period, count_text(p.enrolled), count_text(p.submitted), count_text(p.demonstrated),
                          percent_text(p.first_pass_rate), days_text(p.turnaround_median), days_text(p.days_median)});
    t.chart = "line";
    t.chart_columns = "2,3,4";
    return t;
}

// Spanish and English outcomes side by side: one column per language.
Table languages_table(const app::App& app, const Request& req, const DimensionFigures& f) {
    Table t;
    t.id = "languages";
    t.caption = app.t(req, "reports.equity.languages");
    t.how = app.t(req, "reports.how.languages");
    t.head.push_back(app.t(req, "reports.cols.figure"));
    std::vector<const GroupFigures*> cols;
    for (const auto& lang : {"en", "es"})
        for (const auto& g : f.groups)
            if (g.key == lang) {
                cols.push_back(&g);
                t.head.push_back(app.t(req, std::string("surveys.languages.") + lang));
            }
    auto add = [&](const char* key, auto text) {
        std::vector<std::string> row{app.t(req, std::string("reports.cols.") + key)};
        for (const auto* g : cols) row.push_back(text(*g));
        t.rows.push_back(row);
    };
    add("enrolled", [](const GroupFigures& g) { return count_text(g.enrolled); });
    add("demonstrated", [](const GroupFigures& g) { return count_text(g.demonstrated); });
    add("completion", [](const GroupFigures& g) { return percent_text(g.completion_rate); });
    add("first_pass", [](const GroupFigures& g) { return percent_text(g.first_pass_rate); });
    add("days_median", [](const GroupFigures& g) { return days_text(g.days_median); });
    add("turnaround_median", [](const GroupFigures& g) { return days_text(g.turnaround_median); });
    return t;
}

Table equity_table(const app::App& app, const Request& req, const Labels& labels, const std::vector<EquityFlag>& flags) {
    Table t;
    t.id = "equity";
    t.caption = app.t(req, "reports.equity.flags");
    t.how = app.t(req, "reports.how.equity");
    for (const char* h : {"dimension", "group", "measure", "value", "overall", "enrolled", "demonstrated", "people"})
        t.head.push_back(app.t(req, std::string("reports.cols.") + h));
    for (const auto& f : flags) {
        bool rate = f.measure == "completion";
        t.rows.push_back({app.t(req, "reports.dims." + f.dimension), group_label(app, req, labels, f.dimension, f.group),
                          app.t(req, "reports.equity.measures." + f.measure),
                          rate ? percent_text(f.value) : days_text(f.value), rate ? percent_text(f.overall) : days_text(f.overall),
                          std::to_string(f.enrolled), std::to_string(f.demonstrated),
                          f.people ? std::to_string(f.people) : "*"});
    }
    return t;
}

struct Page {
    Scope scope;
    std::shared_ptr<const Report> report;
    Labels labels;
    long long k = 10;
};

Result<Page> page_data(app::App& app, const Request& req) {
    Page p;
    p.scope = TRY(scope_of(app, req));
    p.report = report_for(app, p.scope);
    auto sql = app.db->lease();
    p.labels = load_labels(*sql);
    p.k = surveys::min_cell(*sql);
    return p;
}

Response render(app::App& app, const Request& req, const Page& p, const std::string& title_key,
                const std::vector<Table>& tables, json extra = json::object()) {
    json ctx = report_context(app, req, p.scope, *p.report);
    ctx["title_key"] = title_key;
    json list = json::array();
    for (const auto& t : tables) list.push_back(table_json(t));
    ctx["tables"] = list;
    for (auto it = extra.begin(); it != extra.end(); ++it) ctx[it.key()] = *it;
    return app.views->page(req, "reports/view", ctx);
}

std::vector<DimensionFigures> all_dimensions(const Report& r, long long k) {
    std::vector<DimensionFigures> out;
    for (const char* d : kDimensions) out.push_back(figures_of(r, d, k));
    return out;
}

} // namespace

void install_dashboard_pages(app::App& app) {
    app::App* self = &app;
    auto& router = app.router;

    router.get("/admin/reports", AccessRule::roles(kReaders), [self](Request& req) -> Result<Response> {
        auto p = TRY(page_data(*self, req));
        auto whole = figures_of(*p.report, "all", p.k).total;
        return render(*self, req, p, "reports.overview.title",
                      {funnel_table(*self, req, whole), rates_table(*self, req, whole),
                       trend_table(*self, req, *p.report, true, p.k)},
                      {{"overview", true}, {"csv", "/admin/reports/by/micro_credential.csv"}});
    });

    router.post("/admin/reports/refresh", AccessRule::roles(accounts::any_admin), [self](Request&) -> Result<Response> {
        refresh_agency(*self);
        return Response::redirect("/admin/reports?notice=report_refreshed");
    });

    auto dimension = [self](Request& req, bool csv) -> Result<Response> {
        auto dim = req.param("dim");
        if (csv && dim.ends_with(".csv")) dim.resize(dim.size() - 4);
        if (!is_dimension(dim)) return fail(Errc::not_found, "errors.not_found", "dimension " + dim);
        auto p = TRY(page_data(*self, req));
        auto table = dimension_table(*self, req, p.labels, figures_of(*p.report, dim, p.k));
        if (csv) return csv_response(table_csv(table), "report-" + dim + ".csv");
        json extra{{"csv", "/admin/reports/by/" + dim + ".csv"}, {"dimension", dim}};
        if (dim == "pathway") {
            const auto& dims = p.report->cube.dims;
            auto groups = dims.find("pathway");
            if (groups == dims.end() || groups->second.empty()) extra["empty"] = self->t(req, "reports.pathway_empty");
            else if (dims.contains("pathway_overlap")) extra["note"] = self->t(req, "reports.pathway_note");
        }
        if (dim == "age_band" || dim == "gender" || dim == "race_ethnicity") extra["note"] = self->t(req, "reports.self_reported");
        if (dim == "rurality") extra["note"] = self->t(req, "reports.rurality_note");
        return render(*self, req, p, "reports.dims." + dim, {table}, extra);
    };
    // One route: "/admin/reports/by/setting" and "/admin/reports/by/setting.csv".
    router.get("/admin/reports/by/{dim}", AccessRule::roles(kReaders), [dimension](Request& req) {
        return dimension(req, req.param("dim").ends_with(".csv"));
    });

    router.get("/admin/reports/trends", AccessRule::roles(kReaders), [self](Request& req) -> Result<Response> {
        auto p = TRY(page_data(*self, req));
        bool quarterly = req.query_value("period") == "quarter";
        auto table = trend_table(*self, req, *p.report, quarterly, p.k);
        if (req.query_value("format") == "csv") return csv_response(table_csv(table), "report-trends.csv");
        return render(*self, req, p, "reports.trends.title", {table},
                      {{"trends", true}, {"quarterly", quarterly},
                       {"csv", std::string("/admin/reports/trends?format=csv&period=") + (quarterly ? "quarter" : "month")}});
    });

    router.get("/admin/reports/equity", AccessRule::roles(kReaders), [self](Request& req) -> Result<Response> {
        auto p = TRY(page_data(*self, req));
        ReportSettings settings;
        {
            auto sql = self->db->lease();
            settings = load_settings(*sql);
        }
        auto dims = all_dimensions(*p.report, p.k);
        auto flags = equity_flags(dims, {settings.completion_points, settings.time_percent});
        auto table = equity_table(*self, req, p.labels, flags);
        if (req.query_value("format") == "csv") return csv_response(table_csv(table), "report-equity.csv");
        std::vector<Table> tables{table};
        for (const auto& d : dims)
            if (d.dimension == "language") tables.push_back(languages_table(*self, req, d));
        return render(*self, req, p, "reports.equity.title", tables,
                      {{"equity", true}, {"no_flags", flags.empty()}, {"csv", "/admin/reports/equity?format=csv"},
                       {"margins", self->catalog.format(req.locale, "reports.equity.margins",
                                                        {{"points", decimal_text(settings.completion_points)},
                                                         {"percent", decimal_text(settings.time_percent)}})},
                       {"completion_points", settings.completion_points}, {"time_percent", settings.time_percent},
                       {"high_quality_stars", settings.high_quality_stars}});
    });

    router.post("/admin/reports/settings", AccessRule::roles(accounts::agency_admin), [self](Request& req) -> Result<Response> {
        auto number = [&](const char* name, double lo, double hi) -> std::optional<double> {
            auto text = req.form_value(name);
            if (text.empty() || text.size() > 8) return std::nullopt;
            try {
                std::size_t used = 0;
                double v = std::stod(text, &used);
                if (used != text.size() || v < lo || v > hi) return std::nullopt;
                return v;
            } catch (const std::exception&) {
                return std::nullopt;
            }
        };
        auto points = number("completion_points", 1, 100), percent = number("time_percent", 1, 500),
             stars = number("high_quality_stars", 1, 5);
        if (!points || !percent || !stars) return fail(Errc::bad_input, "reports.errors.settings", "report settings out of range");
        auto sql = self->db->lease();
        db::WriteTx tx(*sql);
        save_settings(*sql, {*points, *percent, static_cast<int>(*stars)}, req.principal.user_id);
        tx.commit();
        return Response::redirect("/admin/reports/equity?notice=saved");
    });
}

} // namespace mc::reports
