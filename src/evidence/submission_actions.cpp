// Submit, withdraw, and revise-and-resubmit: the state changes of a submission.
#include "evidence/web.hpp"
#include "platform/db/database.hpp"

namespace mc::evidence {

using nlohmann::json;

void install_submission_actions(app::App& app) {
    app::App* self = &app;
    auto who = http::AccessRule::signed_in();

    app.router.post("/submissions/{id}/submit", who, [self](http::Request& req) -> Result<http::Response> {
        auto sql = self->db->lease();
        auto owned = TRY(load_owned_with_version(*sql, req.param("id"), req.principal.user_id));
        auto language = req.form_value("evidence_language");
        if (language.empty()) language = owned.sub.evidence_language;
        bool consent = req.form_value("consent") == "1";
        auto outcome = TRY(submit(*self, *sql, owned, language, consent));
        if (outcome.problems.empty())
            return http::Response::redirect("/submissions/" + owned.sub.id + "?done=submitted");
        // Refused: the page again with what the educator chose, every problem listed at the top
        // and tied to its part; nothing was saved.
        json extra{{"language", language}, {"consent", consent}, {"errors", json::array()}, {"part_errors", json::object()}};
        for (const auto& p : outcome.problems) {
            auto message = problem_message(*self, req.locale, p, owned.version.content);
            extra["errors"].push_back(message);
            if (p.part_id.empty()) extra["consent_error"] = message;
            else extra["part_errors"][p.part_id] = message;
        }
        return render_submission(*self, req, *sql, owned, extra, http_status(Errc::invalid));
    });

    app.router.post("/submissions/{id}/withdraw", who, [self](http::Request& req) -> Result<http::Response> {
        auto sql = self->db->lease();
        auto sub = TRY(load_owned(*sql, req.param("id"), req.principal.user_id));
        TRY(withdraw(*self, *sql, sub));
        return http::Response::redirect("/learning?done=withdrawn");
    });

    app.router.post("/submissions/{id}/revise", who, [self](http::Request& req) -> Result<http::Response> {
        auto sql = self->db->lease();
        auto sub = TRY(load_owned(*sql, req.param("id"), req.principal.user_id));
        std::string next;
        {
            db::WriteTx tx(*sql);
            next = TRY(revise(*sql, sub));
            tx.commit();
        }
        return http::Response::redirect("/submissions/" + next + "?done=revised");
    });
}

} // namespace mc::evidence
