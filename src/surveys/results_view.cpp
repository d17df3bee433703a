// Survey results in the shape pages, CSV and the API share: every count already suppressed.
#include <cstdio>

#include "surveys/web.hpp"

namespace mc::surveys {

using nlohmann::json;

std::string shown_text(const Shown& s) { return s.hidden ? "*" : std::to_string(s.value); }

void add_errors(const app::App& app, const http::Request& req, const std::vector<FieldError>& errors, json& ctx) {
    json list = json::array();
    for (const auto& e : errors) {
        auto message = app.catalog.text(req.locale, e.key);
        list.push_back(message);
        if (!ctx["field_errors"].contains(e.field)) ctx["field_errors"][e.field] = message;
    }
    ctx["errors"] = list;
    ctx["has_errors"] = !errors.empty();
}

std::string group_label(const app::App& app, const http::Request& req, const std::string& by, const std::string& key) {
    if (key.empty()) return app.t(req, "surveys.results.not_stated");
    if (by == "language") return app.t(req, "surveys.languages." + key);
    if (by == "setting") return app.t(req, "accounts.work_settings." + key);
    return app.t(req, "surveys.results.everyone");
}

namespace {

json shown_json(const Shown& s) { return s.hidden ? json(nullptr) : json(s.value); }

std::string one_decimal(std::optional<double> v) {
    if (!v) return "";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", *v + 0.0);
    return buf;
}

} // namespace

json results_json(const app::App& app, const http::Request& req, const Survey& s,
                  const std::vector<ItemResult>& results, const std::string& by) {
    json items = json::array();
    for (const auto& r : results) {
        const Item& item = *r.item;
        json columns = json::array();
        for (std::size_t j = 0; j < r.columns.size(); ++j) {
            std::string label;
            if (item.kind == ItemKind::likert) label = app.t(req, "surveys.likert." + r.columns[j]);
            for (const auto& o : item.options)
                if (o.id == r.columns[j]) label = o.label.in(req.locale);
            columns.push_back({{"key", r.columns[j]}, {"label", label}, {"total", shown_json(r.column_total[j])},
                               {"total_text", shown_text(r.column_total[j])}});
        }
        json groups = json::array();
        for (std::size_t g = 0; g < r.groups.size(); ++g) {
            json cells = json::array();
            for (std::size_t j = 0; j < r.columns.size(); ++j)
                cells.push_back({{"value", shown_json(r.cells[g][j])}, {"text", shown_text(r.cells[g][j])},
                                 {"hidden", r.cells[g][j].hidden}});
            groups.push_back({{"key", r.groups[g]},
                              {"label", group_label(app, req, by, r.groups[g])},
                              {"n", shown_json(r.group_n[g])},
                              {"n_text", shown_text(r.group_n[g])},
                              {"mean", r.mean[g] ? json(*r.mean[g]) : json(nullptr)},
                              {"mean_text", one_decimal(r.mean[g])},
                              {"median", r.median[g] ? json(*r.median[g]) : json(nullptr)},
                              {"median_text", one_decimal(r.median[g])},
                              {"cells", cells}});
        }
        // The table as read on the page: one row per answer, one column per group (and the total
        // when there is a breakdown), so the chart and its table show the same numbers.
        json rows = json::array();
        for (std::size_t j = 0; j < r.columns.size(); ++j) {
            json cells = json::array();
            for (std::size_t g = 0; g < r.groups.size(); ++g) cells.push_back(shown_text(r.cells[g][j]));
            rows.push_back({{"label", columns[j]["label"]}, {"cells", cells}, {"total_text", shown_text(r.column_total[j])}});
        }
        bool choices = !r.columns.empty();
        items.push_back({{"id", item.id},
                         {"kind", std::string(kind_name(item.kind))},
                         {"prompt", item.prompt.in(req.locale)},
                         {"choices", choices},
                         {"numeric", item.kind == ItemKind::likert || item.kind == ItemKind::number},
                         {"is_text", item.kind == ItemKind::text},
                         {"columns", columns},
                         {"groups", groups},
                         {"rows", rows},
                         {"breakdown", !by.empty()},
                         {"total_n", shown_json(r.total_n)},
                         {"total_n_text", shown_text(r.total_n)},
                         {"total_mean", r.total_mean ? json(*r.total_mean) : json(nullptr)},
                         {"total_mean_text", one_decimal(r.total_mean)},
                         {"total_median", r.total_median ? json(*r.total_median) : json(nullptr)},
                         {"total_median_text", one_decimal(r.total_median)},
                         {"comments", r.comments},
                         {"has_comments", !r.comments.empty()},
                         {"comments_hidden", r.comments_hidden}});
    }
    return {{"survey_id", s.id}, {"by", by}, {"items", items}};
}

} // namespace mc::surveys
