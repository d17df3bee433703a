// The reports domain's web layer: who sees which scope, labels for groups, number formats, and
// tables in the one shape the pages (with their charts), the CSV exports and the API share.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "reports/figures.hpp"
#include "reports/refresh.hpp"

namespace mc::reports {

void install_dashboard_pages(app::App& app);   // /admin/reports, by dimension, trends, equity
void install_micro_credential_pages(app::App& app); // per micro-credential, and starting a revision
void install_impact_pages(app::App& app);      // impact, indicators, federal table, imports
void install_quarterly(app::App& app);         // the quarterly report, page and PDF
void install_api(app::App& app);               // /api/v1/reports

// Agency staff see the whole agency; a program director sees their own program only.
struct Scope {
    bool agency = true;
    std::string program_id, program_name;
};
Result<Scope> scope_of(app::App& app, const http::Request& req);
std::shared_ptr<const Report> report_for(app::App& app, const Scope& scope);

// Names of groups: programs, micro-credentials and competency areas from their stores,
// everything else from the locale catalogs.
struct Labels {
    std::map<std::string, std::string> programs, micro_credentials_en, micro_credentials_es, areas_en, areas_es;
    std::map<std::string, std::string> slugs; // micro-credential id -> slug
    std::map<std::string, std::string> pathways_en, pathways_es; // pathway slug -> title
};
Labels load_labels(soci::session& sql);
std::string group_label(const app::App& app, const http::Request& req, const Labels& labels, const std::string& dim,
                        const std::string& key);

// Number formats the pages use ("*" for a hidden count, "—" for a figure that cannot be given).
std::string count_text(const Shown& s);
std::string percent_text(std::optional<double> fraction);
std::string days_text(std::optional<double> days);
std::string decimal_text(std::optional<double> v);

// A table as every view shows it: page (with a chart drawn from the same cells), CSV, API.
struct Table {
    std::string id, caption, how; // how: the words saying how the figures are computed
    std::vector<std::string> head;
    std::vector<std::vector<std::string>> rows; // first cell of a row is its heading
    std::string chart;          // "" | "bar" | "line"
    std::string chart_columns;  // 1-based column numbers to draw, "2,3"
    bool chart_percent = false; // the drawn columns are percentages
};
nlohmann::json table_json(const Table& t);
std::string table_csv(const Table& t);
http::Response csv_response(const std::string& body, const std::string& filename);

// The dimensions offered, in the order pages list them.
inline constexpr const char* kDimensions[] = {"micro_credential", "area", "pathway", "setting", "language", "county",
                                             "rurality", "program", "job_role", "age_band", "gender", "race_ethnicity"};
bool is_dimension(const std::string& d);

// The figures of one dimension from a report, with the agency's threshold.
DimensionFigures figures_of(const Report& r, const std::string& dim, long long k);
// The table of a dimension's figures (funnel, rates, attempts, times).
Table dimension_table(const app::App& app, const http::Request& req, const Labels& labels, const DimensionFigures& f);
// Page context shared by every report page: freshness, scope, links.
nlohmann::json report_context(const app::App& app, const http::Request& req, const Scope& scope, const Report& r);

} // namespace mc::reports
