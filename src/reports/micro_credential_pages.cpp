// Per micro-credential (agency staff): how it is doing (funnel and rates), what educators said
// (satisfaction, comments), which rubric criteria most often receive "Not yet", and a button
// that starts a revised draft version from what was learned, keeping the findings beside it.
#include <algorithm>

#include "accounts/roles.hpp"
#include "assessment/outcome_facts_store.hpp"
#include "catalog/catalog_store.hpp"
#include "platform/dates.hpp"
#include "platform/db/database.hpp"
#include "platform/text/utf8.hpp"
#include "reports/report_store.hpp"
#include "reports/web.hpp"
#include "surveys/survey_store.hpp"

namespace mc::reports {

using http::AccessRule;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

constexpr std::uint32_t kStaff = accounts::any_admin;
constexpr std::size_t kMaxNote = 4000;

struct CriterionFinding {
    std::string criterion_id, title;
    long long not_yet = 0, ratings = 0;
};

// Scores below the passing level of the version they were given on count as "Not yet".
std::vector<CriterionFinding> not_yet_criteria(soci::session& sql, const std::string& mc, const std::string& locale) {
    std::map<std::string, CriterionFinding> by;
    std::map<std::string, std::optional<catalog::VersionRecord>> versions;
    for (const auto& c : assessment::level_counts(sql, mc)) {
        auto& v = versions[c.version_id];
        if (!v) {
            auto loaded = catalog::load_version(sql, c.version_id);
            if (!loaded) continue;
            v = std::move(*loaded);
        }
        const auto& rubric = v->content.rubric;
        auto& f = by[c.criterion_id];
        f.criterion_id = c.criterion_id;
        for (const auto& crit : rubric.criteria)
            if (crit.id == c.criterion_id) f.title = crit.title.in(locale);
        if (f.title.empty()) f.title = c.criterion_id;
        f.ratings += c.count;
        if (rubric.level_rank(c.level_id) < rubric.level_rank(rubric.passing_level)) f.not_yet += c.count;
    }
    std::vector<CriterionFinding> out;
    for (auto& [id, f] : by) out.push_back(f);
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return a.not_yet != b.not_yet ? a.not_yet > b.not_yet : a.criterion_id < b.criterion_id;
    });
    return out;
}

struct Satisfaction {
    long long responses = 0;
    std::optional<double> overall; // mean of the "overall" Likert item (1-5)
    std::vector<surveys::SurveyResponses> surveys;
};

Satisfaction satisfaction_of(soci::session& sql, const std::string& mc, long long k) {
    Satisfaction s;
    s.surveys = surveys::satisfaction_about(sql, mc);
    double sum = 0;
    long long n = 0;
    for (const auto& sr : s.surveys) {
        s.responses += static_cast<long long>(sr.responses.size());
        for (const auto& r : sr.responses)
            for (const auto& a : r.answers)
                if (a.item_id == "overall" && !a.choices.empty()) sum += std::stod(a.choices.front()), ++n;
    }
    // A mean of fewer than k answers is not shown.
    if (n >= k) s.overall = sum / static_cast<double>(n);
    return s;
}

Table criteria_table(const app::App& app, const Request& req, const std::vector<CriterionFinding>& findings, long long k) {
    Table t;
    t.id = "criteria";
    t.caption = app.t(req, "reports.mc.criteria");
    t.how = app.t(req, "reports.how.criteria");
    t.head = {app.t(req, "reports.cols.criterion"), app.t(req, "reports.cols.not_yet"), app.t(req, "reports.cols.ratings"),
              app.t(req, "reports.cols.share")};
    for (const auto& f : findings) {
        // Counts of ratings, not of people; still, a count under k is not shown.
        bool hidden = (f.not_yet > 0 && f.not_yet < k) || f.ratings < k;
        t.rows.push_back({f.title, hidden ? "*" : std::to_string(f.not_yet), f.ratings < k ? "*" : std::to_string(f.ratings),
                          hidden ? "—" : percent_text(f.ratings ? static_cast<double>(f.not_yet) / f.ratings : 0.0)});
    }
    t.chart = "bar";
    t.chart_columns = "4";
    t.chart_percent = true;
    return t;
}

} // namespace

void install_micro_credential_pages(app::App& app) {
    app::App* self = &app;

    app.router.get("/admin/reports/micro-credentials", AccessRule::roles(kStaff), [self](Request& req) -> Result<Response> {
        Scope scope;
        auto report = report_for(*self, scope);
        auto sql = self->db->lease();
        auto labels = load_labels(*sql);
        long long k = surveys::min_cell(*sql);
        auto figures = figures_of(*report, "micro_credential", k);
        Table t;
        t.id = "micro_credentials";
        t.caption = self->t(req, "reports.mc.list_title");
        t.how = self->t(req, "reports.how.satisfaction");
        t.head = {self->t(req, "reports.cols.micro_credential"), self->t(req, "reports.cols.enrolled"),
                  self->t(req, "reports.cols.demonstrated"), self->t(req, "reports.cols.completion"),
                  self->t(req, "reports.cols.first_pass"), self->t(req, "reports.cols.satisfaction")};
        json links = json::array();
        for (const auto& g : figures.groups) {
            if (g.key.empty()) continue;
            auto sat = satisfaction_of(*sql, g.key, k);
            auto label = group_label(*self, req, labels, "micro_credential", g.key);
            t.rows.push_back({label, count_text(g.enrolled), count_text(g.demonstrated), percent_text(g.completion_rate),
                              percent_text(g.first_pass_rate), decimal_text(sat.overall)});
            links.push_back({{"href", "/admin/reports/micro-credentials/" + g.key}, {"label", label}});
        }
        if (req.query_value("format") == "csv") return csv_response(table_csv(t), "report-micro-credentials.csv");
        json ctx = report_context(*self, req, scope, *report);
        ctx["title_key"] = "reports.mc.list_title";
        ctx["tables"] = json::array({table_json(t)});
        ctx["links"] = links;
        ctx["csv"] = "/admin/reports/micro-credentials?format=csv";
        return self->views->page(req, "reports/micro_credentials", ctx);
    });

    app.router.get("/admin/reports/micro-credentials/{id}", AccessRule::roles(kStaff), [self](Request& req) -> Result<Response> {
        auto id = req.param("id");
        Scope scope;
        auto report = report_for(*self, scope);
        auto sql = self->db->lease();
        auto labels = load_labels(*sql);
        if (!labels.slugs.contains(id)) return fail(Errc::not_found, "errors.not_found", "micro-credential " + id);
        long long k = surveys::min_cell(*sql);
        auto figures = figures_of(*report, "micro_credential", k);
        DimensionFigures one = figures;
        one.groups.clear();
        for (const auto& g : figures.groups)
            if (g.key == id) one.groups.push_back(g);
        one.partition = false;
        auto funnel = dimension_table(*self, req, labels, one);
        funnel.chart.clear();
        auto findings = not_yet_criteria(*sql, id, req.locale);
        auto sat = satisfaction_of(*sql, id, k);
        std::vector<Table> tables{funnel, criteria_table(*self, req, findings, k)};
        json comments = json::array();
        bool comments_hidden = false;
        for (const auto& sr : sat.surveys) {
            auto results = surveys::item_results(sr.survey, sr.responses, "", k);
            Table s;
            s.id = "satisfaction_" + sr.survey.id;
            s.caption = sr.survey.title.in(req.locale);
            s.how = self->t(req, "reports.how.likert");
            s.head = {self->t(req, "reports.cols.question"), self->t(req, "reports.cols.answered"),
                      self->t(req, "reports.cols.mean")};
            for (const auto& r : results) {
                if (r.item->kind == surveys::ItemKind::text) {
                    for (const auto& c : r.comments) comments.push_back(c);
                    comments_hidden = comments_hidden || r.comments_hidden;
                    continue;
                }
                s.rows.push_back({r.item->prompt.in(req.locale), count_text(r.total_n), decimal_text(r.total_mean)});
            }
            tables.push_back(s);
        }
        std::string slug = labels.slugs[id];
        json notes = json::array();
        for (const auto& n : revision_notes(*sql, id)) notes.push_back({{"when", moment_of(n.created_at)}, {"note", n.note}});
        // What was learned, as a starting text for the revision note.
        std::string learned;
        for (std::size_t i = 0; i < findings.size() && i < 3; ++i)
            if (findings[i].not_yet >= k) learned += "- " + findings[i].title + ": " + std::to_string(findings[i].not_yet) + "\n";
        json ctx = report_context(*self, req, scope, *report);
        ctx["title"] = group_label(*self, req, labels, "micro_credential", id);
        ctx["mc_id"] = id;
        ctx["slug"] = slug;
        ctx["tables"] = json::array();
        for (const auto& t : tables) ctx["tables"].push_back(table_json(t));
        ctx["comments"] = comments;
        ctx["has_comments"] = !comments.empty();
        ctx["comments_hidden"] = comments_hidden;
        ctx["notes"] = notes;
        ctx["has_notes"] = !notes.empty();
        ctx["learned"] = learned;
        ctx["satisfaction_responses"] = sat.responses >= k ? std::to_string(sat.responses) : "*";
        return self->views->page(req, "reports/micro_credential", ctx);
    });

    app.router.post("/admin/reports/micro-credentials/{id}/revise", AccessRule::roles(kStaff),
                    [self](Request& req) -> Result<Response> {
        auto id = req.param("id");
        auto note = req.form_value("note");
        if (note.size() > kMaxNote || !text::valid_utf8(note) || text::has_control_chars(note, true))
            return fail(Errc::bad_input, "reports.errors.note", "revision note");
        auto sql = self->db->lease();
        long long k = surveys::min_cell(*sql);
        auto findings = not_yet_criteria(*sql, id, "en");
        auto sat = satisfaction_of(*sql, id, k);
        // Starts the draft (the catalog keeps published versions as they are), then the note.
        auto draft = TRY(catalog::new_draft(*sql, id));
        auto version = TRY(catalog::load_version(*sql, draft));
        json found = json::object();
        json criteria = json::array();
        for (const auto& f : findings)
            if (f.ratings >= k) criteria.push_back({{"criterion", f.criterion_id}, {"not_yet", f.not_yet}, {"ratings", f.ratings}});
        found["criteria"] = criteria;
        found["satisfaction_overall"] = sat.overall ? json(*sat.overall) : json(nullptr);
        db::WriteTx tx(*sql);
        add_revision_note(*sql, {"", id, draft, found.dump(), note, req.principal.user_id, now_seconds()});
        tx.commit();
        return Response::redirect("/admin/catalog/" + version.slug + "/versions/" + std::to_string(version.version) +
                                  "?done=draft_created");
    });
}

} // namespace mc::reports
