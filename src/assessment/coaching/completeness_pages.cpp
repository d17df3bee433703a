// /assess/{id}/incomplete: the assessor's "Return as incomplete" form (linked from the scoring
// page while it is allowed) and its POST. One request ends the assignment and sends the
// evidence back to the educator.
#include "accounts/roles.hpp"
#include "assessment/assessment_store.hpp"
#include "assessment/coaching/completeness.hpp"
#include "assessment/coaching/web.hpp"
#include "assessment/web_support.hpp"
#include "assessment/workflow.hpp"
#include "platform/db/database.hpp"

namespace mc::assessment::coaching {

using http::AccessRule;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

const char* kProblems[] = {"missing", "unplayable", "wrong_content"};

Result<Response> form_page(app::App& app, Request& req, const std::vector<FieldError>& errors,
                           const std::vector<std::string>& extra, int status) {
    auto sql = app.db->lease();
    auto a = TRY(load_assignment(*sql, req.param("id")));
    if (a.assessor_id != req.principal.user_id) return fail(Errc::not_found, "errors.not_found", "not the assessor's");
    auto form = completeness_form(app, req, *sql, a.id);
    auto messages = error_messages(app, req, errors);
    for (const auto& e : extra) messages.push_back(e);
    json ctx{{"title", app.catalog.format(req.locale, "completeness.title",
                                          {{"micro_credential", version_title(*sql, a.submission.version_id, req.locale)}})},
             {"id", a.id},
             {"micro_credential", version_title(*sql, a.submission.version_id, req.locale)},
             {"errors", messages},
             {"note", req.form_value("note")},
             {"allowed", !form.is_null()},
             {"returned", req.query_value("done") == "returned"}};
    if (!form.is_null()) {
        for (auto& p : form["parts"]) {
            auto chosen = req.form_value("problem_" + p["id"].get<std::string>());
            auto options = json::array();
            for (const char* k : kProblems)
                options.push_back({{"value", k}, {"label", app.t(req, std::string("completeness.problem.") + k)},
                                   {"selected", chosen == k}});
            p["options"] = options;
            for (const auto& e : errors)
                if (e.field == "problem_" + p["id"].get<std::string>()) p["error"] = app.t(req, e.key);
        }
        ctx["parts"] = form["parts"];
    }
    return app.views->page(req, "coaching/completeness", ctx, status);
}

} // namespace

static std::vector<PartProblem> problems_from_form(const Request& req, const std::vector<std::string>& part_ids) {
    std::vector<PartProblem> out;
    for (const auto& id : part_ids) {
        auto v = req.form_value("problem_" + id);
        if (!v.empty()) out.push_back({id, v});
    }
    return out;
}

void install_completeness_pages(app::App& app) {
    app::App* self = &app;
    auto assessors = AccessRule::roles(accounts::assessor);

    app.router.get("/assess/{id}/incomplete", assessors, [self](Request& req) -> Result<Response> {
        return form_page(*self, req, {}, {}, 200);
    });

    app.router.post("/assess/{id}/incomplete", assessors, [self](Request& req) -> Result<Response> {
        std::vector<FieldError> errors;
        Result<std::string> r;
        {
            auto sql = self->db->lease();
            auto a = TRY(load_assignment(*sql, req.param("id")));
            std::vector<std::string> ids;
            if (auto form = completeness_form(*self, req, *sql, a.id); !form.is_null())
                for (const auto& p : form["parts"]) ids.push_back(p["id"]);
            db::WriteTx tx(*sql);
            r = return_incomplete(*self, *sql, a.id, req.principal.user_id, problems_from_form(req, ids),
                                  req.form_value("note"), errors);
            if (r) tx.commit();
        }
        if (r) return Response::redirect("/assess/" + req.param("id") + "/incomplete?done=returned");
        if (r.error().code == Errc::not_found) return std::unexpected(r.error());
        std::vector<std::string> extra;
        if (errors.empty()) extra.push_back(self->t(req, r.error().key));
        return form_page(*self, req, errors, extra, form_status(r.error().code));
    });
}

} // namespace mc::assessment::coaching
