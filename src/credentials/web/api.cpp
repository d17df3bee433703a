// /api/v1 for credentials (docs/api/credentials.yaml): bulk issue for program and agency
// admins, and the educator's own Comprehensive Learner Record. Also the wallet's CLR download.
#include "accounts/roles.hpp"
#include "credentials/web/bulk_issue.hpp"
#include "credentials/web/clr_store.hpp"
#include "credentials/web/module.hpp"
#include "platform/text/bounded_json.hpp"

namespace mc::credentials {

using http::AccessRule;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

constexpr std::size_t kMaxApiRecipients = 20000;

Response ld_attachment(const json& doc, const std::string& filename) {
    Response res;
    res.body = doc.dump(2);
    res.header("Content-Type", "application/ld+json");
    res.header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
    res.header("Cache-Control", "private, no-store");
    return res;
}

json errors_json(const app::App& app, const Request& req, const std::vector<RowError>& errors) {
    json list = json::array();
    for (const auto& e : errors)
        list.push_back({{"line", e.line},
                        {"code", "credentials.bulk.errors." + e.key},
                        {"value", e.value},
                        {"message", describe_row_error(app, req.locale, e)}});
    return list;
}

// The list comes as the body itself (text/csv) or inside JSON {"csv": "...", ...}.
Result<Response> bulk_issue_route(app::App& app, Request& req) {
    BulkIssueOptions options;
    options.achievement = req.param("id");
    options.locale = req.locale == "es" ? "es" : "en";
    std::string csv;
    if (req.header("content-type").starts_with("text/csv")) {
        csv = req.body;
        options.skip_invalid = req.query_value("skip_invalid") == "true";
    } else {
        // The route takes up to 32 MiB (a CSV inside JSON); depth is bounded like any outside JSON.
        auto parsed = TRY(text::parse_untrusted_json(req.body.empty() ? std::string_view("{}") : std::string_view(req.body),
                                                     {.max_bytes = 32u << 20, .max_depth = 16}));
        const json& body = parsed;
        if (!body.is_object()) return fail(Errc::bad_input, "errors.bad_encoding", "body is not a JSON object");
        if (body.contains("csv") && body["csv"].is_string()) csv = body["csv"].get<std::string>();
        if (body.contains("skip_invalid") && body["skip_invalid"].is_boolean()) options.skip_invalid = body["skip_invalid"];
        if (body.contains("locale") && body["locale"] == "es") options.locale = "es";
        if (body.contains("locale") && body["locale"] == "en") options.locale = "en";
    }
    auto list = read_recipient_csv(csv);
    // A request holds a server thread until it is done: longer lists go through the command
    // line (`microcred credentials issue`), which has no such limit and shows its progress.
    if (list.rows.size() > kMaxApiRecipients)
        return fail(Errc::too_large, "credentials.bulk.errors.api_too_many",
                    std::to_string(list.rows.size()) + " rows over the API");
    auto outcome = TRY(bulk_issue(app, list, options));
    if (outcome.aborted) {
        json body{{"error", {{"code", "credentials.bulk.has_errors"},
                             {"status", http_status(Errc::invalid)},
                             {"message", app.t(req, "credentials.bulk.has_errors")},
                             {"rows", errors_json(app, req, outcome.errors)}}}};
        return Response::json(body.dump(), http_status(Errc::invalid));
    }
    json rows = json::array();
    for (const auto& r : outcome.rows) {
        json row{{"line", r.line}, {"email", r.email}, {"outcome", r.outcome}};
        if (!r.award_id.empty()) {
            row["award_id"] = r.award_id;
            row["verify_url"] = app.config.base_url + "/verify/" + r.award_id;
        }
        rows.push_back(std::move(row));
    }
    json body{{"achievement", {{"version_id", outcome.version_id}, {"name", outcome.achievement_name}}},
              {"issued", outcome.issued},
              {"already_held", outcome.already_held},
              {"skipped_invalid", outcome.skipped_invalid},
              {"accounts_created", outcome.accounts_created},
              {"errors", errors_json(app, req, outcome.errors)},
              {"rows", rows}};
    return Response::json(body.dump(), outcome.issued > 0 ? 201 : 200);
}

} // namespace

void install_api(app::App& app) {
    app::App* self = &app;
    auto& route = app.router.post("/api/v1/achievements/{id}/bulk-issue", AccessRule::roles(accounts::any_admin),
                                  [self](Request& req) { return bulk_issue_route(*self, req); });
    route.body_limit = 32 << 20;

    // The caller's own record; nobody else's can be asked for.
    app.router.get("/api/v1/me/clr", AccessRule::roles(accounts::educator), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto clr = TRY(signed_clr_for(*self, *sql, req.principal.user_id, req.locale));
        Response res;
        res.body = clr.dump();
        res.header("Content-Type", "application/ld+json");
        res.header("Cache-Control", "private, no-store");
        return res;
    });

    app.router.get("/wallet/clr.json", AccessRule::roles(accounts::educator), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto clr = TRY(signed_clr_for(*self, *sql, req.principal.user_id, req.locale));
        return ld_attachment(clr, "learner-record.json");
    });
}

} // namespace mc::credentials
