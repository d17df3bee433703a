// /api/v1/reports (docs/api/reports.yaml): the same figures as the pages, same scopes (agency
// staff: the agency; a director: their program), every count already suppressed (null).
#include "accounts/roles.hpp"
#include "reports/report_store.hpp"
#include "reports/web.hpp"
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

json shown(const Shown& s) { return s.hidden ? json(nullptr) : json(s.value); }
json opt(std::optional<double> v) { return v ? json(*v) : json(nullptr); }

json group_json(const GroupFigures& g) {
    return {{"key", g.key}, {"hidden", g.hidden}, {"people", shown(g.people)}, {"enrolled", shown(g.enrolled)},
            {"started", shown(g.started)}, {"submitted", shown(g.submitted)}, {"demonstrated", shown(g.demonstrated)},
            {"first_decided", shown(g.first_decided)}, {"first_passed", shown(g.first_passed)},
            {"decisions", shown(g.decisions)}, {"completion_rate", opt(g.completion_rate)},
            {"first_pass_rate", opt(g.first_pass_rate)}, {"mean_attempts", opt(g.mean_attempts)},
            {"days_to_credential_median", opt(g.days_median)}, {"days_to_credential_p90", opt(g.days_p90)},
            {"turnaround_days_median", opt(g.turnaround_median)}, {"turnaround_days_p90", opt(g.turnaround_p90)}};
}

json meta(app::App& app, const Scope& scope, const Report& r) {
    auto sql = app.db->lease();
    return {{"scope", scope.agency ? "agency" : "program"}, {"program_id", scope.program_id},
            {"computed_at", r.computed_at}, {"live", r.live}, {"min_cell", surveys::min_cell(*sql)}};
}

long long k_of(app::App& app) {
    auto sql = app.db->lease();
    return surveys::min_cell(*sql);
}

} // namespace

void install_api(app::App& app) {
    app::App* self = &app;
    auto& r = app.router;

    r.get("/api/v1/reports/overview", AccessRule::roles(kReaders), [self](Request& req) -> Result<Response> {
        auto scope = TRY(scope_of(*self, req));
        auto report = report_for(*self, scope);
        auto out = meta(*self, scope, *report);
        out["total"] = group_json(figures_of(*report, "all", k_of(*self)).total);
        return Response::json(out.dump());
    });

    r.get("/api/v1/reports/dimensions/{dim}", AccessRule::roles(kReaders), [self](Request& req) -> Result<Response> {
        auto dim = req.param("dim");
        if (!is_dimension(dim)) return fail(Errc::not_found, "errors.not_found", "dimension " + dim);
        auto scope = TRY(scope_of(*self, req));
        auto report = report_for(*self, scope);
        auto f = figures_of(*report, dim, k_of(*self));
        auto out = meta(*self, scope, *report);
        out["dimension"] = dim;
        out["groups"] = json::array();
        for (const auto& g : f.groups) out["groups"].push_back(group_json(g));
        out["total"] = group_json(f.total);
        return Response::json(out.dump());
    });

    r.get("/api/v1/reports/trends", AccessRule::roles(kReaders), [self](Request& req) -> Result<Response> {
        auto period = req.query_value("period");
        if (period != "" && period != "month" && period != "quarter")
            return fail(Errc::bad_input, "reports.errors.period", "period " + period);
        auto scope = TRY(scope_of(*self, req));
        auto report = report_for(*self, scope);
        auto out = meta(*self, scope, *report);
        out["periods"] = json::array();
        for (const auto& p : trend(report->cube.months, period == "quarter", k_of(*self)))
            out["periods"].push_back({{"period", p.period}, {"enrolled", shown(p.enrolled)}, {"submitted", shown(p.submitted)},
                                      {"demonstrated", shown(p.demonstrated)}, {"first_decided", shown(p.first_decided)},
                                      {"first_passed", shown(p.first_passed)}, {"first_pass_rate", opt(p.first_pass_rate)},
                                      {"turnaround_days_median", opt(p.turnaround_median)},
                                      {"days_to_credential_median", opt(p.days_median)}});
        return Response::json(out.dump());
    });

    r.get("/api/v1/reports/equity", AccessRule::roles(kReaders), [self](Request& req) -> Result<Response> {
        auto scope = TRY(scope_of(*self, req));
        auto report = report_for(*self, scope);
        long long k = k_of(*self);
        ReportSettings settings;
        {
            auto sql = self->db->lease();
            settings = load_settings(*sql);
        }
        std::vector<DimensionFigures> dims;
        for (const char* d : kDimensions) dims.push_back(figures_of(*report, d, k));
        auto out = meta(*self, scope, *report);
        out["margins"] = {{"completion_points", settings.completion_points}, {"time_percent", settings.time_percent}};
        out["flags"] = json::array();
        for (const auto& f : equity_flags(dims, {settings.completion_points, settings.time_percent}))
            out["flags"].push_back({{"dimension", f.dimension}, {"group", f.group}, {"measure", f.measure}, {"value", f.value},
                                    {"overall", f.overall}, {"enrolled", f.enrolled}, {"demonstrated", f.demonstrated},
                                    {"people", f.people ? json(f.people) : json(nullptr)}});
        return Response::json(out.dump());
    });

    r.get("/api/v1/reports/impact", AccessRule::roles(kReaders), [self](Request& req) -> Result<Response> {
        auto scope = TRY(scope_of(*self, req));
        auto report = report_for(*self, scope);
        std::string quarter = req.query_value("quarter");
        int fy = 0;
        if (auto text = req.query_value("fy"); !text.empty()) {
            if (text.size() != 4 || text.find_first_not_of("0123456789") != std::string::npos)
                return fail(Errc::bad_input, "reports.errors.period", "fy " + text);
            fy = std::stoi(text);
        }
        auto tables = impact_for(*self, req, scope, *report, quarter, fy);
        auto out = meta(*self, scope, *report);
        out["quarter"] = quarter;
        out["fiscal_year"] = fy;
        out["tables"] = json::array();
        for (const auto& t : tables) {
            auto j = table_json(t);
            j.erase("chart");
            out["tables"].push_back(j);
        }
        return Response::json(out.dump());
    });

    r.post("/api/v1/reports/refresh", AccessRule::roles(accounts::any_admin), [self](Request&) -> Result<Response> {
        auto report = refresh_agency(*self);
        return Response::json(json{{"computed_at", report.computed_at}, {"seconds", report.seconds}}.dump());
    });
}

} // namespace mc::reports
