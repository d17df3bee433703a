// /api/v1 for the educator's submissions (documented in docs/api/evidence.yaml). Same rules
// as the pages: own submissions only (404 otherwise), drafts only for changes.
#include <optional>

#include "evidence/evidence_view.hpp"
#include "evidence/submission_store.hpp"
#include "evidence/web.hpp"
#include "platform/db/database.hpp"
#include "platform/http/json_body.hpp"

namespace mc::evidence {

using nlohmann::json;

namespace {

http::Response json_response(const json& body, int status = 200) { return http::Response::json(body.dump(), status); }

} // namespace

void install_api(app::App& app) {
    app::App* self = &app;
    auto who = http::AccessRule::signed_in();

    app.router.get("/api/v1/submissions", who, [self](http::Request& req) -> Result<http::Response> {
        auto sql = self->db->lease();
        json items = json::array();
        for (const auto& s : latest_attempts(*sql, req.principal.user_id)) {
            auto version = TRY(catalog::load_version(*sql, s.version_id));
            items.push_back({{"id", s.id}, {"micro_credential_id", s.micro_credential_id},
                             {"title", version.content.title.in(req.locale)}, {"attempt", s.attempt},
                             {"status", s.status}, {"updated_at", s.updated_at}, {"submitted_at", s.submitted_at}});
        }
        return json_response({{"submissions", items}});
    });

    app.router.get("/api/v1/submissions/{id}", who, [self](http::Request& req) -> Result<http::Response> {
        auto sql = self->db->lease();
        auto sub = TRY(load_owned(*sql, req.param("id"), req.principal.user_id));
        return json_response(TRY(submission_view(*sql, sub.id, req.locale)));
    });

    app.router.put("/api/v1/submissions/{id}/parts/{part_id}", who, [self](http::Request& req) -> Result<http::Response> {
        auto body = TRY(http::json_object_body(req));
        if (!body.contains("body") || !body["body"].is_string())
            return fail(Errc::bad_input, "evidence.errors.answer_body", "PUT part without body");
        auto sql = self->db->lease();
        auto owned = TRY(load_owned_with_version(*sql, req.param("id"), req.principal.user_id));
        const auto* part = owned.version.content.part(req.param("part_id"));
        if (!part || part->kind == catalog::PartKind::artifact)
            return fail(Errc::not_found, "errors.not_found", "text part " + req.param("part_id"));
        if (!is_editable(owned.sub.status)) return fail(Errc::conflict, "evidence.errors.not_editable", owned.sub.status);
        auto text = body["body"].get<std::string>();
        if (text.size() > 100 * 1024) return fail(Errc::too_large, "evidence.errors.answer_too_long", "answer size");
        // Optional: the revision the client's edit started from (offline drafts send it). A stale
        // one is refused with the stored answer, so the page can show both versions.
        std::optional<long long> expected;
        if (body.contains("revision")) {
            const auto& r = body["revision"];
            if (!r.is_number_integer() || r.get<long long>() < 0 || r.get<long long>() > (1LL << 40))
                return fail(Errc::invalid, "evidence.errors.revision", "PUT part revision");
            expected = r.get<long long>();
        }
        RevisedSave saved;
        {
            db::WriteTx tx(*sql);
            if (expected) {
                saved = save_answer_at(*sql, owned.sub.id, part->id, text, *expected);
            } else {
                save_answer(*sql, owned.sub.id, part->id, text);
                saved = {true, answer_revision(*sql, owned.sub.id, part->id)};
            }
            if (saved.saved) tx.commit();
        }
        if (!saved.saved) {
            json error{{"code", "evidence.errors.stale_answer"}, {"message", self->t(req, "evidence.errors.stale_answer")},
                       {"status", http_status(Errc::conflict)}};
            return json_response({{"error", error},
                                  {"current", {{"body", saved.current.body}, {"revision", saved.current.revision}}}},
                                 http_status(Errc::conflict));
        }
        return json_response({{"part_id", part->id}, {"word_count", count_words(text)}, {"saved_at", now_seconds()},
                              {"revision", saved.current.revision}});
    });

    app.router.post("/api/v1/submissions/{id}/submit", who, [self](http::Request& req) -> Result<http::Response> {
        auto body = TRY(http::json_object_body(req));
        auto sql = self->db->lease();
        auto owned = TRY(load_owned_with_version(*sql, req.param("id"), req.principal.user_id));
        auto language = body.value("evidence_language", owned.sub.evidence_language);
        bool consent = body.value("consent_attested", false);
        auto outcome = TRY(submit(*self, *sql, owned, language, consent));
        if (outcome.problems.empty()) return json_response(TRY(submission_view(*sql, owned.sub.id, req.locale)));
        json problems = json::array();
        for (const auto& p : outcome.problems)
            problems.push_back({{"part_id", p.part_id}, {"code", p.key},
                                {"message", problem_message(*self, req.locale, p, owned.version.content)}});
        json error{{"code", "evidence.errors.incomplete"}, {"message", self->t(req, "evidence.errors.incomplete")},
                   {"status", http_status(Errc::invalid)}, {"problems", problems}};
        return json_response({{"error", error}}, http_status(Errc::invalid));
    });
}

} // namespace mc::evidence
