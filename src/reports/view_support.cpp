#include <cstdio>

#include "accounts/roles.hpp"
#include "accounts/user_store.hpp"
#include "accounts/workforce_facts_store.hpp"
#include "catalog/catalog_store.hpp"
#include "pathways/pathway_store.hpp"
#include "platform/csv.hpp"
#include "platform/dates.hpp"
#include "reports/report_store.hpp"
#include "reports/web.hpp"
#include "surveys/survey_store.hpp"

namespace mc::reports {

using nlohmann::json;

Result<Scope> scope_of(app::App& app, const http::Request& req) {
    if (req.principal.roles & accounts::any_admin) return Scope{};
    auto sql = app.db->lease();
    auto user = accounts::find_user(*sql, req.principal.user_id);
    if (!user || user->employer_org_id.empty())
        return fail(Errc::not_found, "reports.errors.no_program", "director without a program");
    auto org = accounts::find_organization(*sql, user->employer_org_id);
    return Scope{false, user->employer_org_id, org ? org->name : ""};
}

std::shared_ptr<const Report> report_for(app::App& app, const Scope& scope) {
    if (scope.agency) return agency_report(app);
    auto sql = app.db->lease();
    return std::make_shared<const Report>(compute_report(*sql, scope.program_id, now_seconds()));
}

Labels load_labels(soci::session& sql) {
    Labels l;
    for (const auto& p : accounts::programs(sql)) l.programs[p.id] = p.name;
    for (const auto& e : catalog::list_for_authoring(sql)) {
        l.micro_credentials_en[e.micro_credential_id] = e.title_en;
        l.micro_credentials_es[e.micro_credential_id] = e.title_es.empty() ? e.title_en : e.title_es;
        l.slugs[e.micro_credential_id] = e.slug;
    }
    for (const auto& v : pathways::current_pathways(sql)) {
        l.pathways_en[v.definition.slug] = v.definition.title.en;
        l.pathways_es[v.definition.slug] = v.definition.title.in("es");
    }
    if (auto fw = catalog::load_framework(sql))
        for (const auto& a : fw->areas) {
            l.areas_en[a.code] = a.code + " " + a.title.en;
            l.areas_es[a.code] = a.code + " " + a.title.in("es");
        }
    return l;
}

std::string group_label(const app::App& app, const http::Request& req, const Labels& labels, const std::string& dim,
                        const std::string& key) {
    if (key.empty()) return app.t(req, "reports.not_stated");
    if (key == "all") return app.t(req, "reports.everyone");
    auto from = [&](const std::map<std::string, std::string>& m) {
        auto it = m.find(key);
        return it == m.end() ? key : it->second;
    };
    bool es = req.locale == "es";
    if (dim == "program") return from(labels.programs);
    if (dim == "micro_credential") return from(es ? labels.micro_credentials_es : labels.micro_credentials_en);
    if (dim == "area") return from(es ? labels.areas_es : labels.areas_en);
    if (dim == "pathway") return from(es ? labels.pathways_es : labels.pathways_en);
    if (dim == "setting") return app.t(req, "accounts.work_settings." + key);
    if (dim == "language") return app.t(req, "surveys.languages." + key);
    if (dim == "job_role") return app.t(req, "accounts.employment.job_roles." + key);
    if (dim == "age_band" || dim == "gender" || dim == "race_ethnicity")
        return app.t(req, "accounts.demographics." + dim + "." + key);
    return key; // counties and classes are named as the agency named them
}

std::string count_text(const Shown& s) { return s.hidden ? "*" : std::to_string(s.value); }

std::string percent_text(std::optional<double> f) {
    if (!f) return "—";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", *f * 100 + 0.0);
    return buf;
}

std::string days_text(std::optional<double> d) {
    if (!d) return "—";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", *d + 0.0);
    return buf;
}

std::string decimal_text(std::optional<double> v) {
    if (!v) return "—";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", *v + 0.0);
    return buf;
}

json table_json(const Table& t) {
    json rows = json::array();
    for (const auto& r : t.rows) {
        json cells = json::array();
        for (std::size_t i = 0; i < r.size(); ++i) cells.push_back({{"text", r[i]}, {"th", i == 0}});
        rows.push_back({{"cells", cells}});
    }
    json out{{"id", t.id}, {"caption", t.caption}, {"how", t.how}, {"head", t.head}, {"rows", rows}};
    if (!t.chart.empty())
        out["chart"] = {{"kind", t.chart}, {"columns", t.chart_columns}, {"percent", t.chart_percent}};
    return out;
}

std::string table_csv(const Table& t) {
    std::string out;
    auto line = [&](const std::vector<std::string>& cells) {
        for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + csv_cell(cells[i]);
        out += "\r\n";
    };
    line(t.head);
    for (const auto& r : t.rows) line(r);
    return out;
}

http::Response csv_response(const std::string& body, const std::string& filename) {
    return http::Response::text(body, 200, "text/csv; charset=utf-8")
        .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
        .header("Cache-Control", "private, no-store");
}

bool is_dimension(const std::string& d) {
    for (const char* x : kDimensions)
        if (d == x) return true;
    return false;
}

DimensionFigures figures_of(const Report& r, const std::string& dim, long long k) {
    static const std::map<std::string, Counters> none;
    Counters total;
    if (auto all = r.cube.dims.find("all"); all != r.cube.dims.end() && all->second.contains("all"))
        total = all->second.at("all");
    auto it = r.cube.dims.find(dim);
    return dimension_figures(dim, it == r.cube.dims.end() ? none : it->second, total, k, dim != "pathway");
}

Table dimension_table(const app::App& app, const http::Request& req, const Labels& labels, const DimensionFigures& f) {
    Table t;
    t.id = f.dimension;
    t.caption = app.t(req, "reports.dims." + f.dimension);
    t.how = app.t(req, "reports.how.dimension");
    for (const char* h : {"group", "people", "enrolled", "started", "submitted", "demonstrated", "completion",
                          "first_pass", "mean_attempts", "days_median", "days_p90", "turnaround_median", "turnaround_p90"})
        t.head.push_back(app.t(req, std::string("reports.cols.") + h));
    auto row = [&](const GroupFigures& g, const std::string& label) {
        return std::vector<std::string>{label, count_text(g.people), count_text(g.enrolled), count_text(g.started),
                                        count_text(g.submitted), count_text(g.demonstrated), percent_text(g.completion_rate),
                                        percent_text(g.first_pass_rate), decimal_text(g.mean_attempts),
                                        days_text(g.days_median), days_text(g.days_p90), days_text(g.turnaround_median),
                                        days_text(g.turnaround_p90)};
    };
    for (const auto& g : f.groups) t.rows.push_back(row(g, group_label(app, req, labels, f.dimension, g.key)));
    if (f.partition && f.dimension != "all") t.rows.push_back(row(f.total, app.t(req, "reports.everyone")));
    t.chart = "bar";
    t.chart_columns = "7";
    t.chart_percent = true;
    return t;
}

json report_context(const app::App& app, const http::Request& req, const Scope& scope, const Report& r) {
    json ctx{{"agency", scope.agency},
             {"program_name", scope.program_name},
             {"computed_at", moment_of(r.computed_at)},
             {"live", r.live},
             {"refresh_seconds", days_text(r.seconds)}};
    ctx["freshness"] = r.live ? app.t(req, "reports.fresh_live")
                              : app.catalog.format(req.locale, "reports.fresh_snapshot",
                                                   {{"when", moment_of(r.computed_at)}, {"seconds", days_text(r.seconds)}});
    auto sql = app.db->lease();
    long long k = surveys::min_cell(*sql);
    ctx["k"] = k;
    ctx["suppression"] = app.catalog.format(req.locale, "reports.suppression", {{"k", std::to_string(k)}});
    json dims = json::array();
    for (const char* d : kDimensions) dims.push_back({{"key", d}, {"label", app.t(req, std::string("reports.dims.") + d)}});
    ctx["dimensions"] = dims;
    return ctx;
}

} // namespace mc::reports
