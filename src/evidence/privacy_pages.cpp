// Child privacy through the pages: the auditor's log of who opened which evidence file
// (/audit, /audit/views.csv) and a submission's evidence as the auditor checks it
// (/audit/submissions/{id}); the agency's retention period (/admin/privacy); the educator's
// consent to let a decided submission train assessors (/submissions/{id}/exemplar-consent).
#include "accounts/roles.hpp"
#include "evidence/evidence_view.hpp"
#include "evidence/privacy_store.hpp"
#include "evidence/privacy_web.hpp"
#include "evidence/web.hpp"
#include "platform/csv.hpp"
#include "platform/dates.hpp"
#include "platform/db/database.hpp"

namespace mc::evidence {

using http::AccessRule;
using http::Request;
using http::Response;
using nlohmann::json;

std::string view_relation(const ViewEntry& v) {
    if (v.viewer_id == v.educator_id) return "owner";
    if (v.viewer_assigned) return "assessor";
    if ((v.viewer_roles & accounts::auditor) != 0) return "auditor";
    return "other"; // before the privacy rules an administrator could open files: shown, flagged
}

Result<ViewFilter> view_filter(const Request& req) {
    ViewFilter f;
    f.submission_id = req.query_value("submission");
    f.viewer_email = req.query_value("viewer");
    if (f.submission_id.size() > 64 || f.viewer_email.size() > 320)
        return fail(Errc::bad_input, "privacy.errors.filter", "audit filter too long");
    for (auto [name, into] : {std::pair{"from", &f.from}, std::pair{"to", &f.to}}) {
        auto text = req.query_value(name);
        if (text.empty()) continue;
        auto day = parse_day(text);
        if (!day) return fail(Errc::bad_input, "privacy.errors.date", std::string("audit filter date ") + name);
        // "to" names the last day shown, so the bound is the start of the next day.
        *into = std::string_view(name) == "to" ? *day + 86400 : *day;
    }
    return f;
}

bool sees_file_names(const http::Principal& p) {
    return evidence_reader(EvidenceStanding{.auditor = (p.roles & accounts::auditor) != 0}) != EvidenceReader::none;
}

json view_rows(const app::App& app, const Request& req, const std::vector<ViewEntry>& views) {
    json rows = json::array();
    // A file's name is evidence (it may name a child): an agency admin reads who opened what
    // by file id only.
    bool names = sees_file_names(req.principal);
    for (const auto& v : views) {
        auto relation = view_relation(v);
        rows.push_back({{"at", moment_of(v.at)},
                        {"viewer_name", v.viewer_name},
                        {"viewer_email", v.viewer_email},
                        {"relation", app.t(req, "privacy.relation." + relation)},
                        {"unexpected", relation == "other"},
                        {"file_name", names ? v.file_name : v.file_id},
                        {"file_id", v.file_id},
                        {"submission_id", v.submission_id}});
    }
    return rows;
}

namespace {

constexpr std::uint32_t kLogReaders = accounts::auditor | accounts::agency_admin;

Response settings_page(app::App& app, const Request& req, soci::session& sql, const std::string& days_text,
                       const std::string& error, int status) {
    const auto counts = file_counts(sql);
    const long long files = counts.kept, by_retention = counts.by_retention, by_withdrawal = counts.by_withdrawal;
    json ctx{{"title_key", "privacy.settings.title"},
             {"retention_days", days_text},
             {"min", kMinRetentionDays},
             {"max", kMaxRetentionDays},
             {"files_kept", files},
             {"removed_retention", by_retention},
             {"removed_withdrawn", by_withdrawal}};
    if (!error.empty()) {
        ctx["errors"] = json::array({error});
        ctx["has_errors"] = true;
        ctx["field_errors"]["retention_days"] = error;
    }
    auto done = req.query_value("done");
    if (done == "saved") ctx["done"] = app.t(req, "privacy.settings.saved");
    if (done == "swept")
        ctx["done"] = app.catalog.format(req.locale, "privacy.settings.swept", {{"count", req.query_value("count")}});
    return app.views->page(req, "evidence/privacy_settings", ctx, status);
}

} // namespace

void install_privacy_pages(app::App& app) {
    app::App* self = &app;

    app.router.get("/audit", AccessRule::roles(kLogReaders), [self](Request& req) -> Result<Response> {
        json ctx{{"title_key", "privacy.audit.title"},
                 {"submission", req.query_value("submission")},
                 {"viewer", req.query_value("viewer")},
                 {"from", req.query_value("from")},
                 {"to", req.query_value("to")},
                 {"can_open", (req.principal.roles & accounts::auditor) != 0}};
        auto filter = view_filter(req);
        if (!filter) {
            ctx["errors"] = json::array({self->t(req, filter.error().key)});
            ctx["has_errors"] = true;
            ctx["rows"] = json::array();
            return self->views->page(req, "evidence/audit", ctx, http_status(Errc::invalid));
        }
        auto sql = self->db->lease();
        auto rows = view_rows(*self, req, evidence_views(*sql, *filter));
        ctx["has_rows"] = !rows.empty();
        ctx["count"] = self->catalog.format(req.locale, "privacy.audit.count", {{"count", std::to_string(rows.size())}});
        ctx["csv_url"] = "/audit/views.csv" + (req.target.find('?') == std::string::npos
                                                   ? std::string()
                                                   : req.target.substr(req.target.find('?')));
        ctx["rows"] = std::move(rows);
        return self->views->page(req, "evidence/audit", ctx);
    });

    app.router.get("/audit/views.csv", AccessRule::roles(kLogReaders), [self](Request& req) -> Result<Response> {
        auto filter = TRY(view_filter(req));
        filter.limit = 5000;
        auto sql = self->db->lease();
        std::string out = "at_utc,viewer_name,viewer_email,relation,file_id,file_name,submission_id\r\n";
        bool names = sees_file_names(req.principal);
        for (const auto& v : evidence_views(*sql, filter))
            out += moment_of(v.at) + "," + csv_cell(v.viewer_name) + "," + csv_cell(v.viewer_email) + "," +
                   view_relation(v) + "," + v.file_id + "," + (names ? csv_cell(v.file_name) : std::string()) + "," +
                   v.submission_id + "\r\n";
        return Response::text(out, 200, "text/csv; charset=utf-8")
            .header("Content-Disposition", "attachment; filename=\"evidence-views.csv\"")
            .header("Cache-Control", "private, no-store");
    });

    // The auditor checks what was looked at: the evidence itself, read-only, and who opened it.
    app.router.get("/audit/submissions/{id}", AccessRule::roles(accounts::auditor), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto view = TRY(submission_view(*sql, req.param("id"), req.locale));
        log_evidence_shown(*sql, req.param("id"), req.principal.user_id, EvidenceReader::auditor, "audit_page");
        json ctx = std::move(view);
        ctx["title_key"] = "privacy.audit.submission_title";
        ctx["status_label"] = self->t(req, "evidence.status." + ctx["status"].get<std::string>());
        ctx["editable"] = false;
        for (auto& part : ctx["parts"]) part["editable"] = false;
        ViewFilter f;
        f.submission_id = req.param("id");
        auto rows = view_rows(*self, req, evidence_views(*sql, f));
        ctx["has_rows"] = !rows.empty();
        ctx["rows"] = std::move(rows);
        return self->views->page(req, "evidence/audit_submission", ctx);
    });

    app.router.get("/admin/privacy", AccessRule::roles(accounts::agency_admin), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        return settings_page(*self, req, *sql, std::to_string(retention_days(*sql)), "", 200);
    });

    app.router.post("/admin/privacy", AccessRule::roles(accounts::agency_admin), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto text = req.form_value("retention_days");
        long long days = 0;
        try {
            std::size_t used = 0;
            days = std::stoll(text, &used);
            if (used != text.size()) days = 0;
        } catch (const std::exception&) {
            days = 0;
        }
        if (!valid_retention_days(days))
            return settings_page(*self, req, *sql, text,
                                 self->catalog.format(req.locale, "privacy.errors.retention_range",
                                                      {{"min", std::to_string(kMinRetentionDays)},
                                                       {"max", std::to_string(kMaxRetentionDays)}}),
                                 http_status(Errc::invalid));
        db::WriteTx tx(*sql);
        save_retention_days(*sql, static_cast<int>(days), req.principal.user_id);
        tx.commit();
        return Response::redirect("/admin/privacy?done=saved");
    });

    // The background loop sweeps hourly; after shortening the period an admin need not wait.
    app.router.post("/admin/privacy/sweep", AccessRule::roles(accounts::agency_admin), [self](Request&) -> Result<Response> {
        auto result = sweep_retention(*self, now_seconds());
        return Response::redirect("/admin/privacy?done=swept&count=" + std::to_string(result.files));
    });

    app.router.post("/submissions/{id}/exemplar-consent", AccessRule::signed_in(), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto sub = TRY(load_owned(*sql, req.param("id"), req.principal.user_id));
        bool consent = req.form_value("consent") == "1";
        db::WriteTx tx(*sql);
        set_exemplar_consent(*sql, sub.id, consent);
        tx.commit();
        return Response::redirect("/submissions/" + sub.id + "?done=" + (consent ? "exemplar_on" : "exemplar_off") +
                                  "#privacy");
    });
}

} // namespace mc::evidence
