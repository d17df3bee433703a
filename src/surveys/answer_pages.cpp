// An educator answers a survey they were asked (/surveys/{invitation}), or puts it aside. The
// invitation is theirs alone (anyone else gets 404). Answering never blocks anything: every
// item may be skipped unless the survey marks it required, and "Not now" is always there.
#include "accounts/workforce_facts_store.hpp"
#include "platform/db/database.hpp"
#include "surveys/survey_store.hpp"
#include "surveys/web.hpp"

namespace mc::surveys {

using http::AccessRule;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

Result<Invitation> own_invitation(soci::session& sql, const Request& req) {
    auto inv = load_invitation(sql, req.param("id"));
    if (!inv || inv->user_id != req.principal.user_id)
        return fail(Errc::not_found, "errors.not_found", "invitation " + req.param("id"));
    return *inv;
}

json item_view(const app::App& app, const Request& req, const Item& it, const RawAnswers& given) {
    auto values = given.contains(it.id) ? given.at(it.id) : std::vector<std::string>{};
    auto chosen = [&](const std::string& v) { return std::ranges::find(values, v) != values.end(); };
    json options = json::array();
    if (it.kind == ItemKind::likert)
        for (auto p : likert_points)
            options.push_back({{"value", p}, {"label", app.t(req, "surveys.likert." + std::string(p))},
                               {"checked", chosen(std::string(p))}});
    for (const auto& o : it.options)
        options.push_back({{"value", o.id}, {"label", o.label.in(req.locale)}, {"checked", chosen(o.id)}});
    json v{{"id", it.id},
           {"field", "item_" + it.id},
           {"prompt", it.prompt.in(req.locale)},
           {"required", it.required},
           {"options", options},
           {"radio", it.kind == ItemKind::likert || it.kind == ItemKind::single},
           {"checkbox", it.kind == ItemKind::multiple},
           {"number", it.kind == ItemKind::number},
           {"text", it.kind == ItemKind::text},
           {"value", values.empty() ? "" : values.front()}};
    if (it.min_value) v["min"] = *it.min_value;
    if (it.max_value) v["max"] = *it.max_value;
    return v;
}

Response answer_page(app::App& app, const Request& req, const Invitation& inv, const Survey& s, const RawAnswers& given,
                     const std::vector<FieldError>& errors) {
    json items = json::array();
    for (const auto& it : s.items) items.push_back(item_view(app, req, it, given));
    json ctx{{"title", s.title.in(req.locale)},
             {"intro", s.intro.in(req.locale)},
             {"invitation", inv.id},
             {"anonymous", s.anonymous},
             {"items", items},
             {"open", s.status == "open" && !inv.answered}};
    add_errors(app, req, errors, ctx);
    if (ctx.contains("field_errors"))
        for (auto& it : ctx["items"])
            if (ctx["field_errors"].contains(it["field"].get<std::string>()))
                it["error"] = ctx["field_errors"][it["field"].get<std::string>()];
    return app.views->page(req, "surveys/answer", ctx, errors.empty() ? 200 : http_status(Errc::invalid));
}

} // namespace

RawAnswers raw_answers_from_form(const Request& req, const Survey& s) {
    RawAnswers raw;
    for (const auto& it : s.items) {
        auto values = req.form_values("item_" + it.id);
        if (values.size() > kMaxOptions) values.resize(kMaxOptions);
        if (!values.empty()) raw[it.id] = values;
    }
    return raw;
}

// Shared with the API: checks and records one response; the field errors when nothing was saved.
Result<void> answer(app::App& app, soci::session& sql, const Invitation& inv, const Survey& s, const RawAnswers& raw,
                    std::vector<FieldError>& errors) {
    (void)app;
    auto answers = check_answers(s, raw, errors);
    if (!errors.empty()) return fail(Errc::bad_input, "surveys.errors.check_answers", "answers invalid");
    auto person = accounts::person_facts(sql, inv.user_id);
    RespondentFacts facts{person ? person->locale : "", person ? person->work_setting : ""};
    db::WriteTx tx(sql);
    TRY(record_response(sql, inv, s, answers, facts));
    tx.commit();
    return {};
}

void install_answer_pages(app::App& app) {
    app::App* self = &app;
    app.router.get("/surveys/{id}", AccessRule::signed_in(), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto inv = TRY(own_invitation(*sql, req));
        auto s = TRY(load_survey(*sql, inv.survey_id));
        return answer_page(*self, req, inv, s, {}, {});
    });
    app.router.post("/surveys/{id}", AccessRule::signed_in(), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto inv = TRY(own_invitation(*sql, req));
        auto s = TRY(load_survey(*sql, inv.survey_id));
        auto raw = raw_answers_from_form(req, s);
        std::vector<FieldError> errors;
        auto done = answer(*self, *sql, inv, s, raw, errors);
        if (!done && done.error().code == Errc::bad_input) return answer_page(*self, req, inv, s, raw, errors);
        if (!done) return std::unexpected(done.error());
        return Response::redirect("/dashboard?notice=survey_thanks");
    });
    app.router.post("/surveys/{id}/dismiss", AccessRule::signed_in(), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto inv = TRY(own_invitation(*sql, req));
        db::WriteTx tx(*sql);
        TRY(dismiss_invitation(*sql, inv.id, req.principal.user_id));
        tx.commit();
        return Response::redirect("/dashboard?notice=survey_later");
    });
}

} // namespace mc::surveys
