// /admin/reports/impact: quality ratings beside the share of staff holding credentials,
// 12-month retention of credentialed and other staff, the indicators in the form states publish
// them, and the federal table of credentials by setting for a fiscal year. Imports of QRIS
// ratings and of the county classification (CSV, dry run first, per-row errors).
#include "accounts/roles.hpp"
#include "accounts/workforce_facts_store.hpp"
#include "platform/db/database.hpp"
#include "reports/imports.hpp"
#include "reports/report_store.hpp"
#include "reports/web.hpp"
#include "surveys/suppression.hpp"
#include "surveys/survey_store.hpp"

namespace mc::reports {

using http::AccessRule;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

constexpr std::uint32_t kReaders = accounts::any_admin | accounts::director;

// Staff counts split in two (credentialed or not, retained or not) across rows: suppressed as
// one table so a total cannot give a hidden count away.
std::vector<std::vector<Shown>> suppressed_pairs(const std::vector<std::pair<long long, long long>>& rows, long long k) {
    surveys::CountTable t;
    for (const auto& [yes, all] : rows) t.cells.push_back({yes, all - yes});
    auto mask = surveys::suppress(t, k);
    std::vector<std::vector<Shown>> out;
    for (std::size_t r = 0; r < rows.size(); ++r)
        out.push_back({mask.cell[r][0] ? Shown{0, true} : Shown{rows[r].first, false},
                       mask.row_total[r] ? Shown{0, true} : Shown{rows[r].second, false}});
    return out;
}

std::string share_text(const Shown& part, const Shown& whole) {
    if (part.hidden || whole.hidden || whole.value == 0) return "—";
    return percent_text(static_cast<double>(part.value) / static_cast<double>(whole.value));
}

std::vector<Table> impact_tables(const app::App& app, const Request& req, const ImpactCounts& c,
                                 const std::map<std::string, long long>& federal, int fy, long long k, const Labels& labels) {
    std::vector<Table> out;
    Table stars;
    stars.id = "stars";
    stars.caption = app.t(req, "reports.impact.stars");
    stars.how = app.t(req, "reports.how.stars");
    stars.head = {app.t(req, "reports.cols.stars"), app.t(req, "reports.cols.programs"), app.t(req, "reports.cols.staff"),
                  app.t(req, "reports.cols.credentialed"), app.t(req, "reports.cols.share"), app.t(req, "reports.cols.pathway_share")};
    std::vector<std::pair<long long, long long>> pairs, pathway_pairs;
    for (const auto& s : c.by_stars) {
        pairs.push_back({s.credentialed, s.staff});
        pathway_pairs.push_back({s.with_pathway, s.staff});
    }
    auto shown = suppressed_pairs(pairs, k);
    auto pathway_shown = suppressed_pairs(pathway_pairs, k);
    for (std::size_t i = 0; i < c.by_stars.size(); ++i) {
        const auto& s = c.by_stars[i];
        if (s.programs == 0) continue;
        stars.rows.push_back({s.stars ? std::to_string(s.stars) : app.t(req, "reports.impact.unrated"), std::to_string(s.programs),
                              count_text(shown[i][1]), count_text(shown[i][0]), share_text(shown[i][0], shown[i][1]),
                              share_text(pathway_shown[i][0], pathway_shown[i][1])});
    }
    stars.chart = "bar";
    stars.chart_columns = "5";
    stars.chart_percent = true;
    out.push_back(stars);

    Table change;
    change.id = "rating_change";
    change.caption = app.t(req, "reports.impact.change");
    change.how = app.t(req, "reports.how.change");
    change.head = {app.t(req, "reports.cols.change"), app.t(req, "reports.cols.programs"), app.t(req, "reports.cols.staff"),
                   app.t(req, "reports.cols.credentialed"), app.t(req, "reports.cols.share")};
    pairs.clear();
    for (const auto& ch : c.changes) pairs.push_back({ch.credentialed, ch.staff});
    shown = suppressed_pairs(pairs, k);
    for (std::size_t i = 0; i < c.changes.size(); ++i)
        change.rows.push_back({app.t(req, "reports.impact.changes." + c.changes[i].change), std::to_string(c.changes[i].programs),
                               count_text(shown[i][1]), count_text(shown[i][0]), share_text(shown[i][0], shown[i][1])});
    out.push_back(change);

    Table retention;
    retention.id = "retention";
    retention.caption = app.t(req, "reports.impact.retention");
    retention.how = app.t(req, "reports.how.retention");
    retention.head = {app.t(req, "reports.cols.staff_group"), app.t(req, "reports.cols.cohort"),
                      app.t(req, "reports.cols.retained"), app.t(req, "reports.cols.retention")};
    shown = suppressed_pairs({{c.credentialed.retained, c.credentialed.cohort}, {c.others.retained, c.others.cohort}}, k);
    retention.rows.push_back({app.t(req, "reports.impact.credentialed"), count_text(shown[0][1]), count_text(shown[0][0]),
                              share_text(shown[0][0], shown[0][1])});
    retention.rows.push_back({app.t(req, "reports.impact.others"), count_text(shown[1][1]), count_text(shown[1][0]),
                              share_text(shown[1][0], shown[1][1])});
    retention.chart = "bar";
    retention.chart_columns = "4";
    retention.chart_percent = true;
    out.push_back(retention);

    Table ind;
    ind.id = "indicators";
    ind.caption = app.t(req, "reports.impact.indicators");
    ind.head = {app.t(req, "reports.cols.indicator"), app.t(req, "reports.cols.value"), app.t(req, "reports.cols.how")};
    const auto& i = c.indicators;
    ind.rows.push_back({app.t(req, "reports.impact.high_quality"),
                        i.programs_rated ? percent_text(static_cast<double>(i.programs_high_quality) / i.programs_rated) +
                                               " (" + std::to_string(i.programs_high_quality) + " / " +
                                               std::to_string(i.programs_rated) + ")"
                                         : "—",
                        app.t(req, "reports.how.high_quality")});
    auto turnover = suppressed_pairs({{i.separations, i.staff_at_start}}, k);
    ind.rows.push_back({app.t(req, "reports.impact.turnover"),
                        share_text(turnover[0][0], turnover[0][1]) + " (" + count_text(turnover[0][0]) + " / " +
                            count_text(turnover[0][1]) + ")",
                        app.t(req, "reports.how.turnover")});
    bool few = i.credentials_earned > 0 && i.credentials_earned < k;
    ind.rows.push_back({app.t(req, "reports.impact.earned"), few ? "*" : std::to_string(i.credentials_earned),
                        app.t(req, "reports.how.earned")});
    ind.rows.push_back({app.t(req, "reports.impact.scholarships"), app.t(req, "reports.impact.not_recorded"),
                        app.t(req, "reports.how.scholarships")});
    out.push_back(ind);

    Table fed;
    fed.id = "federal";
    fed.caption = app.catalog.format(req.locale, "reports.impact.federal", {{"fy", std::to_string(fy)}});
    fed.how = app.t(req, "reports.how.federal");
    fed.head = {app.t(req, "reports.cols.setting"), app.t(req, "reports.cols.credentials")};
    surveys::CountTable ft;
    std::vector<std::string> keys;
    for (const auto& [setting, n] : federal)
        if (!setting.empty()) keys.push_back(setting), ft.cells.push_back({n});
    if (federal.contains("")) keys.push_back(""), ft.cells.push_back({federal.at("")});
    auto mask = surveys::suppress(ft, k);
    long long total = 0;
    for (std::size_t r = 0; r < keys.size(); ++r) {
        total += ft.cells[r][0];
        fed.rows.push_back({group_label(app, req, labels, "setting", keys[r]), mask.cell[r][0] ? "*" : std::to_string(ft.cells[r][0])});
    }
    fed.rows.push_back({app.t(req, "reports.total"), mask.grand_total ? "*" : std::to_string(total)});
    out.push_back(fed);
    return out;
}

json errors_json(const app::App& app, const Request& req, const std::vector<ImportError>& errors) {
    json out = json::array();
    for (const auto& e : errors)
        out.push_back({{"line", e.line}, {"code", e.key},
                       {"message", app.catalog.format(req.locale, "reports.imports.errors." + e.key, {{"value", e.value}})}});
    return out;
}

Response import_page(app::App& app, const Request& req, const std::string& which, const json& extra, int status) {
    json ctx{{"title_key", "reports.imports." + which + "_title"},
             {"which", which},
             {"action", "/admin/reports/" + which},
             {"ratings", which == "ratings"},
             {"csv", req.form_value("csv")}};
    for (auto it = extra.begin(); it != extra.end(); ++it) ctx[it.key()] = *it;
    return app.views->page(req, "reports/import", ctx, status);
}

} // namespace

// Shared with the API: the impact figures of a quarter and fiscal year for a scope.
std::vector<Table> impact_for(app::App& app, const Request& req, const Scope& scope, const Report& r,
                              std::string& quarter, int& fy) {
    if (quarter.empty() || !r.quarters.contains(quarter)) quarter = r.quarters.empty() ? "" : r.quarters.rbegin()->first;
    if (!r.federal.contains(fy)) fy = r.federal.empty() ? 0 : r.federal.rbegin()->first;
    auto sql = app.db->lease();
    long long k = surveys::min_cell(*sql);
    auto labels = load_labels(*sql);
    static const ImpactCounts none;
    static const std::map<std::string, long long> no_federal;
    (void)scope;
    return impact_tables(app, req, quarter.empty() ? none : r.quarters.at(quarter),
                         r.federal.contains(fy) ? r.federal.at(fy) : no_federal, fy, k, labels);
}

void install_impact_pages(app::App& app) {
    app::App* self = &app;

    app.router.get("/admin/reports/impact", AccessRule::roles(kReaders), [self](Request& req) -> Result<Response> {
        auto scope = TRY(scope_of(*self, req));
        auto report = report_for(*self, scope);
        std::string quarter = req.query_value("quarter");
        int fy = 0;
        try {
            fy = req.query_value("fy").size() == 4 ? std::stoi(req.query_value("fy")) : 0;
        } catch (const std::exception&) {
        }
        auto tables = impact_for(*self, req, scope, *report, quarter, fy);
        auto table = req.query_value("table");
        if (req.query_value("format") == "csv") {
            for (const auto& t : tables)
                if (t.id == table) return csv_response(table_csv(t), "report-" + t.id + ".csv");
            return fail(Errc::not_found, "errors.not_found", "table " + table);
        }
        json ctx = report_context(*self, req, scope, *report);
        ctx["title_key"] = "reports.impact.title";
        ctx["tables"] = json::array();
        for (const auto& t : tables) {
            auto j = table_json(t);
            j["csv"] = "/admin/reports/impact?format=csv&table=" + t.id + "&quarter=" + quarter + "&fy=" + std::to_string(fy);
            ctx["tables"].push_back(j);
        }
        json quarters = json::array(), years = json::array();
        for (auto it = report->quarters.rbegin(); it != report->quarters.rend(); ++it)
            quarters.push_back({{"value", it->first}, {"selected", it->first == quarter}});
        for (auto it = report->federal.rbegin(); it != report->federal.rend(); ++it)
            years.push_back({{"value", it->first}, {"selected", it->first == fy}});
        ctx["quarters"] = quarters;
        ctx["years"] = years;
        ctx["quarter"] = quarter;
        return self->views->page(req, "reports/impact", ctx);
    });

    for (std::string which : {"ratings", "regions"}) {
        app.router.get("/admin/reports/" + which, AccessRule::roles(accounts::any_admin),
                       [self, which](Request& req) -> Result<Response> { return import_page(*self, req, which, json::object(), 200); });
        app.router.post("/admin/reports/" + which, AccessRule::roles(accounts::any_admin), [self, which](Request& req) -> Result<Response> {
            auto text = req.form_value("csv");
            bool commit = req.form_value("commit") == "1";
            auto sql = self->db->lease();
            std::vector<ImportError> errors;
            std::size_t rows = 0;
            json preview = json::array();
            RatingsFile ratings;
            CountyClassFile classes;
            if (which == "ratings") {
                std::vector<ProgramRef> refs;
                std::map<std::string, std::string> names;
                for (const auto& p : accounts::programs(*sql)) refs.push_back({p.id, p.license_number, p.name}), names[p.id] = p.name;
                ratings = read_ratings_csv(text, refs);
                errors = ratings.errors;
                rows = ratings.rows.size();
                for (std::size_t i = 0; i < ratings.rows.size() && i < 20; ++i)
                    preview.push_back({{"a", names[ratings.rows[i].program_id]}, {"b", ratings.rows[i].rated_on},
                                       {"c", std::to_string(ratings.rows[i].stars)}});
            } else {
                classes = read_county_classes_csv(text);
                errors = classes.errors;
                rows = classes.classes.size();
                for (const auto& [county, cls] : classes.classes)
                    if (preview.size() < 20) preview.push_back({{"a", county}, {"b", cls}, {"c", ""}});
            }
            json extra{{"errors_list", errors_json(*self, req, errors)}, {"has_row_errors", !errors.empty()},
                       {"rows", rows}, {"preview", preview}, {"dry_run_done", errors.empty()}};
            if (!errors.empty() || !commit) return import_page(*self, req, which, extra, errors.empty() ? 200 : http_status(Errc::invalid));
            db::WriteTx tx(*sql);
            if (which == "ratings")
                for (const auto& r : ratings.rows) upsert_rating(*sql, r, req.principal.user_id);
            else
                accounts::replace_county_classes(*sql, classes.classes, req.principal.user_id);
            tx.commit();
            return Response::redirect("/admin/reports/" + which + "?notice=imported");
        }).body_limit = 4 * 1024 * 1024;
    }
}

} // namespace mc::reports
