// /learning: the educator's micro-credentials with where each stands, and enrolling.
#include <spdlog/spdlog.h>

#include "accounts/roles.hpp"
#include "evidence/web.hpp"
#include "evidence/start_checks.hpp"
#include "platform/db/database.hpp"

namespace mc::evidence {

using nlohmann::json;

void install_learning_pages(app::App& app) {
    app::App* self = &app;
    auto educators = http::AccessRule::roles(accounts::educator);

    app.router.get("/learning", educators, [self](http::Request& req) -> Result<http::Response> {
        auto sql = self->db->lease();
        json items = json::array();
        for (const auto& s : latest_attempts(*sql, req.principal.user_id)) {
            auto version = catalog::load_version(*sql, s.version_id);
            if (!version) {
                spdlog::error("learning: version {}: {}", s.version_id, version.error().detail);
                continue;
            }
            items.push_back({{"submission_id", s.id},
                             {"title", version->content.title.in(req.locale)},
                             {"attempt", s.attempt},
                             {"status", s.status},
                             {"status_label", self->t(req, "evidence.status." + s.status)},
                             {"next_step", self->t(req, next_step_key(s.status))}});
        }
        json ctx{{"title_key", "evidence.learning.title"}, {"items", items}, {"has_items", !items.empty()}};
        if (req.query_value("done") == "withdrawn") ctx["flash"] = self->t(req, "evidence.flash.withdrawn");
        return self->views->page(req, "evidence/learning", ctx);
    });

    // Enrolling twice leads to the same enrollment and its newest attempt.
    app.router.post("/learning/enroll", educators, [self](http::Request& req) -> Result<http::Response> {
        auto mc_id = req.form_value("micro_credential_id");
        auto sql = self->db->lease();
        auto version = TRY(catalog::latest_published(*sql, mc_id));
        TRY(may_start(*self, *sql, req.principal.user_id, version.micro_credential_id));
        std::string submission_id;
        try {
            db::WriteTx tx(*sql);
            submission_id = enroll(*sql, req.principal.user_id, version.micro_credential_id, version.id, req.locale);
            tx.commit();
        } catch (const std::exception& e) {
            // Two clicks raced: the other request enrolled first; follow it.
            if (!db::is_unique_violation(e)) throw;
            db::WriteTx tx(*sql);
            submission_id = enroll(*sql, req.principal.user_id, version.micro_credential_id, version.id, req.locale);
            tx.commit();
        }
        return http::Response::redirect("/submissions/" + submission_id);
    });
}

} // namespace mc::evidence
