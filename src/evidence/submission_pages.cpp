// The educator's submission page and its autosave endpoints. Every route loads the
// submission through load_owned: anyone else's id answers 404, as if it did not exist.
#include <ctime>

#include "accounts/roles.hpp"
#include "evidence/blob_store.hpp"
#include "evidence/evidence_view.hpp"
#include "evidence/privacy_web.hpp"
#include "platform/dates.hpp"
#include "evidence/web.hpp"
#include "platform/db/database.hpp"

namespace mc::evidence {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxAnswerBytes = 100 * 1024; // about 15,000 words: far above any prompt

json language_options(const app::App& app, const http::Request& req, const std::string& selected) {
    json out = json::array();
    for (const char* l : {"en", "es"})
        out.push_back({{"value", l}, {"label", app.t(req, std::string("evidence.languages.") + l)}, {"selected", selected == l}});
    return out;
}

json history(const app::App& app, const http::Request& req, soci::session& sql, const Submission& current) {
    json out = json::array();
    for (const auto& a : attempts_of(sql, current.enrollment_id))
        out.push_back({{"id", a.id},
                       {"attempt", a.attempt},
                       {"status", a.status},
                       {"status_label", app.t(req, "evidence.status." + a.status)},
                       {"current", a.id == current.id},
                       {"has_result", a.status == "returned" || a.status == "demonstrated"}});
    return out;
}

json upload_strings(const app::App& app, const http::Request& req) {
    json s;
    for (const char* k : {"uploading", "done", "failed", "retrying", "too_large", "wrong_type", "too_many"})
        s[k] = app.t(req, std::string("evidence.upload.js.") + k);
    return s;
}

// What a part takes, in the reader's words: "Accepted: document (PDF, Word...). You can add 1 file."
// The 2 GB and dropped-connection note only where a video or audio file can go.
std::string upload_hint(const app::App& app, const http::Request& req, const std::vector<std::string>& kinds,
                        int max_files) {
    std::string types;
    bool media = false;
    for (std::size_t i = 0; i < kinds.size(); ++i) {
        if (i > 0) types += i + 1 == kinds.size() ? app.t(req, "evidence.part.list_or") : ", ";
        types += app.t(req, "evidence.part.type_names." + kinds[i]);
        media = media || kinds[i] == "video" || kinds[i] == "audio";
    }
    std::string hint = app.catalog.format(req.locale, "evidence.part.types_hint", {{"types", types}}) + " ";
    hint += max_files == 1 ? app.t(req, "evidence.part.max_files_one")
                           : app.catalog.format(req.locale, "evidence.part.max_files_other",
                                                {{"max", std::to_string(max_files)}});
    if (media) hint += " " + app.t(req, "evidence.part.media_hint");
    return hint;
}

std::string clock_time(long long t) { return utc_text(t, "%H:%M") + "|" + utc_text(t, "%Y-%m-%dT%H:%M:%SZ"); }

// Who has opened the files (in the educator's words: their assessor, an auditor), how long the
// files are kept, and the choice to let a decided attempt train assessors.
void add_privacy_context(app::App& app, const http::Request& req, soci::session& sql, const Submission& sub, json& ctx) {
    ViewFilter f;
    f.submission_id = sub.id;
    f.limit = 50;
    json views = json::array();
    for (const auto& v : evidence_views(sql, f)) {
        if (v.viewer_id == sub.educator_id) continue; // their own viewing is not news to them
        views.push_back({{"relation", app.t(req, "privacy.relation." + view_relation(v))},
                         {"file_name", v.file_name},
                         {"at", moment_of(v.at)}});
    }
    ctx["has_views"] = !views.empty();
    ctx["views"] = std::move(views);
    ctx["retention_note"] = app.catalog.format(req.locale, "privacy.submission.retention",
                                               {{"days", std::to_string(retention_days(sql))}});
    ctx["can_share_exemplar"] = sub.status == "demonstrated" || sub.status == "returned";
    auto done = req.query_value("done");
    if (done == "exemplar_on" || done == "exemplar_off") ctx["exemplar_flash"] = app.t(req, "privacy.exemplar." + done);
}

} // namespace

http::Response render_submission(app::App& app, const http::Request& req, soci::session& sql, const Owned& owned,
                                 const json& extra, int status) {
    auto view = submission_view(sql, owned.sub.id, req.locale);
    if (!view) return app.error_response(req, view.error());
    json ctx = std::move(*view);
    const auto& sub = owned.sub;
    ctx["title"] = ctx["micro_credential"]["title"];
    ctx["status_label"] = app.t(req, "evidence.status." + sub.status);
    ctx["is_" + sub.status] = true;
    for (auto& part : ctx["parts"]) {
        auto id = part["id"].get<std::string>();
        part["accept"] = accept_attribute(part["accepted_types"].get<std::vector<std::string>>());
        part["min_words_hint"] = app.catalog.format(req.locale, "evidence.part.min_words_hint",
                                                    {{"min", std::to_string(part["min_words"].get<int>())}});
        part["upload_hint"] = upload_hint(app, req, part["accepted_types"].get<std::vector<std::string>>(),
                                          part["max_files"].get<int>());
        part["words_label"] = app.catalog.format(req.locale, "evidence.part.word_count",
                                                 {{"count", std::to_string(part["word_count"].get<int>())}});
        if (extra.contains("part_errors") && extra["part_errors"].contains(id)) part["error"] = extra["part_errors"][id];
    }
    ctx["words_template"] = app.t(req, "evidence.part.word_count");
    // Why an assessor sent this draft back (assessment's completeness returns, through App).
    ctx["incomplete"] = owned.sub.status == "draft" && app.returned_draft_notice
                            ? app.returned_draft_notice(req, sql, owned.sub.id)
                            : json(nullptr);
    ctx["languages"] = language_options(app, req, extra.value("language", sub.evidence_language));
    ctx["consent_checked"] = extra.value("consent", sub.consent_attested);
    ctx["errors"] = extra.value("errors", json::array());
    if (extra.contains("consent_error")) ctx["consent_error"] = extra["consent_error"];
    ctx["history"] = history(app, req, sql, sub);
    ctx["many_attempts"] = ctx["history"].size() > 1;
    ctx["can_withdraw"] = can_withdraw(sub.status);
    ctx["can_revise"] = can_revise(sub.status);
    ctx["has_result"] = sub.status == "returned" || sub.status == "demonstrated";
    ctx["strings"] = upload_strings(app, req);
    add_privacy_context(app, req, sql, sub, ctx);
    auto done = req.query_value("done");
    if (done == "submitted" || done == "revised") ctx["flash"] = app.t(req, "evidence.flash." + done);
    return app.views->page(req, "evidence/submission", ctx, status);
}

void install_submission_pages(app::App& app) {
    app::App* self = &app;
    auto who = http::AccessRule::signed_in();

    app.router.get("/submissions/{id}", who, [self](http::Request& req) -> Result<http::Response> {
        auto sql = self->db->lease();
        auto owned = TRY(load_owned_with_version(*sql, req.param("id"), req.principal.user_id));
        return render_submission(*self, req, *sql, owned, json::object(), 200);
    });

    // Autosave of one written answer (htmx on typing; the Save button without JavaScript).
    app.router.post("/submissions/{id}/parts/{part_id}", who, [self](http::Request& req) -> Result<http::Response> {
        auto sql = self->db->lease();
        auto owned = TRY(load_owned_with_version(*sql, req.param("id"), req.principal.user_id));
        const auto* part = owned.version.content.part(req.param("part_id"));
        if (!part || part->kind == catalog::PartKind::artifact)
            return fail(Errc::not_found, "errors.not_found", "text part " + req.param("part_id"));
        if (!is_editable(owned.sub.status))
            return fail(Errc::conflict, "evidence.errors.not_editable", "save to " + owned.sub.status);
        auto body = req.form_value("body");
        if (body.size() > kMaxAnswerBytes) return fail(Errc::too_large, "evidence.errors.answer_too_long", "answer size");
        {
            db::WriteTx tx(*sql);
            save_answer(*sql, owned.sub.id, part->id, body);
            tx.commit();
        }
        if (!req.is_htmx())
            return http::Response::redirect("/submissions/" + owned.sub.id + "#part-" + part->id);
        auto when = clock_time(now_seconds());
        json ctx{{"time", when.substr(0, when.find('|'))}, {"iso", when.substr(when.find('|') + 1)},
                 {"words_label", self->catalog.format(req.locale, "evidence.part.word_count",
                                                      {{"count", std::to_string(count_words(body))}})}};
        return self->views->fragment(req, "evidence/saved", ctx);
    });

    // Autosave of the evidence language and the consent box (part of the submit form).
    app.router.post("/submissions/{id}/settings", who, [self](http::Request& req) -> Result<http::Response> {
        auto sql = self->db->lease();
        auto owned = TRY(load_owned(*sql, req.param("id"), req.principal.user_id));
        if (!is_editable(owned.status)) return fail(Errc::conflict, "evidence.errors.not_editable", owned.status);
        auto language = req.form_value("evidence_language");
        if (!is_evidence_language(language)) return fail(Errc::bad_input, "evidence.errors.language", language);
        {
            db::WriteTx tx(*sql);
            save_settings(*sql, owned.id, language, req.form_value("consent") == "1");
            tx.commit();
        }
        if (!req.is_htmx()) return http::Response::redirect("/submissions/" + owned.id);
        auto when = clock_time(now_seconds());
        return self->views->fragment(req, "evidence/saved",
                                     {{"time", when.substr(0, when.find('|'))}, {"iso", when.substr(when.find('|') + 1)}});
    });

    // The files of one part, for the htmx refresh after an upload finishes.
    app.router.get("/submissions/{id}/parts/{part_id}/files", who, [self](http::Request& req) -> Result<http::Response> {
        auto sql = self->db->lease();
        auto owned = TRY(load_owned(*sql, req.param("id"), req.principal.user_id));
        auto view = TRY(submission_view(*sql, owned.id, req.locale));
        for (auto& part : view["parts"])
            if (part["id"] == req.param("part_id"))
                return self->views->fragment(req, "evidence/file_list", {{"files", part["files"]}, {"editable", view["editable"]}});
        return fail(Errc::not_found, "errors.not_found", "part " + req.param("part_id"));
    });

    app.router.post("/submissions/{id}/files/{file_id}/remove", who, [self](http::Request& req) -> Result<http::Response> {
        auto sql = self->db->lease();
        auto owned = TRY(load_owned(*sql, req.param("id"), req.principal.user_id));
        auto file = TRY(load_file(*sql, req.param("file_id")));
        if (file.submission_id != owned.id) return fail(Errc::not_found, "errors.not_found", "file of another submission");
        if (!is_editable(owned.status)) return fail(Errc::conflict, "evidence.errors.not_editable", owned.status);
        std::lock_guard store(store_mutex());
        {
            db::WriteTx tx(*sql);
            delete_file_row(*sql, file.id);
            tx.commit();
        }
        if (!bytes_in_use(*sql, file.sha256)) remove_blob(self->config.evidence_dir(), file.sha256);
        return http::Response::redirect("/submissions/" + owned.id + "#part-" + file.part_id);
    });
}

} // namespace mc::evidence
