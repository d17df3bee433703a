// /api/v1/surveys (docs/api/surveys.yaml): the same rules as the pages. Staff build, send and
// read surveys; every signed-in person lists and answers the surveys they were asked.
#include "accounts/roles.hpp"
#include "platform/db/database.hpp"
#include "platform/http/json_body.hpp"
#include "platform/text/utf8.hpp"
#include "surveys/survey_store.hpp"
#include "surveys/web.hpp"

namespace mc::surveys {

using http::AccessRule;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

constexpr std::uint32_t kStaff = accounts::any_admin;

Response unprocessable(const app::App& app, const Request& req, const std::vector<FieldError>& errors) {
    json fields = json::array();
    for (const auto& e : errors) fields.push_back({{"field", e.field}, {"code", e.key}, {"message", app.t(req, e.key)}});
    json body{{"error", {{"code", "surveys.errors.check_form"}, {"message", app.t(req, "surveys.errors.check_form")},
                         {"status", http_status(Errc::invalid)}, {"fields", fields}}}};
    return Response::json(body.dump(), http_status(Errc::invalid));
}

std::string text_of(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Bilingual bilingual_of(const json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_object()) return {};
    return {text_of(*it, "en"), text_of(*it, "es")};
}

json survey_json(const Survey& s) {
    json items = json::array();
    for (const auto& it : s.items) {
        json options = json::array();
        for (const auto& o : it.options) options.push_back({{"id", o.id}, {"en", o.label.en}, {"es", o.label.es}});
        json item{{"id", it.id}, {"kind", std::string(kind_name(it.kind))}, {"required", it.required},
                  {"prompt", {{"en", it.prompt.en}, {"es", it.prompt.es}}}, {"options", options}};
        if (it.min_value) item["min"] = *it.min_value;
        if (it.max_value) item["max"] = *it.max_value;
        items.push_back(item);
    }
    return {{"id", s.id},          {"kind", s.kind},         {"milestone", s.milestone}, {"status", s.status},
            {"anonymous", s.anonymous}, {"title", {{"en", s.title.en}, {"es", s.title.es}}},
            {"intro", {{"en", s.intro.en}, {"es", s.intro.es}}}, {"items", items}};
}

// Reads a survey document; problems go to `errors` with the JSON path as the field.
Survey survey_from_json(const json& body, std::vector<FieldError>& errors) {
    Survey s;
    s.kind = body.contains("kind") ? text_of(body, "kind") : "general";
    s.milestone = text_of(body, "milestone");
    s.title = bilingual_of(body, "title");
    s.intro = bilingual_of(body, "intro");
    if (auto a = body.find("anonymous"); a != body.end()) {
        if (!a->is_boolean()) errors.push_back({"anonymous", "surveys.errors.choice"});
        else s.anonymous = a->get<bool>();
    }
    for (auto& e : validate_survey(s)) errors.push_back(e);
    auto items = body.find("items");
    if (items == body.end()) return s;
    if (!items->is_array() || items->size() > kMaxItems) {
        errors.push_back({"items", "surveys.errors.too_many_items"});
        return s;
    }
    int position = 0;
    for (const auto& j : *items) {
        std::string at = "items." + std::to_string(position);
        Item it;
        it.position = ++position;
        if (!j.is_object()) {
            errors.push_back({at, "surveys.errors.choice"});
            continue;
        }
        auto kind = kind_from(text_of(j, "kind"));
        if (!kind) errors.push_back({at + ".kind", "surveys.errors.choice"});
        it.kind = kind.value_or(ItemKind::likert);
        it.prompt = bilingual_of(j, "prompt");
        it.required = j.value("required", false) == true;
        if (auto o = j.find("options"); o != j.end() && o->is_array() && o->size() <= kMaxOptions) {
            int n = 0;
            for (const auto& opt : *o)
                if (opt.is_object()) it.options.push_back({"o" + std::to_string(++n), {text_of(opt, "en"), text_of(opt, "es")}});
        }
        for (auto [key, into] : {std::pair{"min", &it.min_value}, std::pair{"max", &it.max_value}})
            if (auto v = j.find(key); v != j.end()) {
                if (v->is_number_integer()) *into = v->get<long long>();
                else errors.push_back({at + "." + key, "surveys.errors.number_range"});
            }
        it.id = "q" + std::to_string(position);
        for (auto& e : validate_item(it)) errors.push_back({at + "." + e.field, e.key});
        s.items.push_back(std::move(it));
    }
    return s;
}

Result<Invitation> own_invitation(soci::session& sql, const Request& req) {
    auto inv = load_invitation(sql, req.param("id"));
    if (!inv || inv->user_id != req.principal.user_id)
        return fail(Errc::not_found, "errors.not_found", "invitation " + req.param("id"));
    return *inv;
}

} // namespace

void install_api(app::App& app) {
    app::App* self = &app;
    auto& r = app.router;

    r.get("/api/v1/surveys", AccessRule::roles(kStaff), [self](Request&) -> Result<Response> {
        auto sql = self->db->lease();
        json items = json::array();
        for (const auto& s : list_surveys(*sql))
            items.push_back({{"id", s.id}, {"kind", s.kind}, {"milestone", s.milestone}, {"status", s.status},
                             {"anonymous", s.anonymous}, {"title", {{"en", s.title.en}, {"es", s.title.es}}},
                             {"invited", s.invited}, {"answered", s.answered}});
        return Response::json(json{{"items", items}}.dump());
    });

    r.post("/api/v1/surveys", AccessRule::roles(kStaff), [self](Request& req) -> Result<Response> {
        auto body = TRY(http::json_object_body(req));
        std::vector<FieldError> errors;
        auto s = survey_from_json(body, errors);
        if (!errors.empty()) return unprocessable(*self, req, errors);
        auto sql = self->db->lease();
        db::WriteTx tx(*sql);
        auto id = TRY(create_survey(*sql, s, req.principal.user_id));
        tx.commit();
        auto saved = TRY(load_survey(*sql, id));
        return Response::json(survey_json(saved).dump(), 201);
    }).body_limit = 256 * 1024;

    r.get("/api/v1/surveys/invitations", AccessRule::signed_in(), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        json items = json::array();
        for (const auto& inv : pending_invitations(*sql, req.principal.user_id, 50)) {
            auto s = load_survey(*sql, inv.survey_id);
            if (!s) continue;
            json one = survey_json(*s);
            one.erase("status");
            items.push_back({{"id", inv.id}, {"micro_credential_id", inv.micro_credential_id}, {"survey", one}});
        }
        return Response::json(json{{"items", items}}.dump());
    });

    r.post("/api/v1/surveys/invitations/{id}/response", AccessRule::signed_in(), [self](Request& req) -> Result<Response> {
        auto body = TRY(http::json_object_body(req));
        auto sql = self->db->lease();
        auto inv = TRY(own_invitation(*sql, req));
        auto s = TRY(load_survey(*sql, inv.survey_id));
        auto given = body.find("answers");
        if (given == body.end() || !given->is_object())
            return fail(Errc::bad_input, "surveys.errors.check_answers", "answers must be an object");
        RawAnswers raw;
        for (auto it = given->begin(); it != given->end(); ++it) {
            std::vector<std::string> values;
            auto add = [&](const json& v) {
                if (v.is_string()) values.push_back(v.get<std::string>());
                else if (v.is_number()) values.push_back(v.dump());
            };
            if (it->is_array()) {
                if (it->size() > kMaxOptions) return fail(Errc::bad_input, "surveys.errors.choice", "too many values");
                for (const auto& v : *it) add(v);
            } else {
                add(*it);
            }
            raw[it.key()] = values;
        }
        std::vector<FieldError> errors;
        auto done = answer(*self, *sql, inv, s, raw, errors);
        if (!done && done.error().code == Errc::bad_input) return unprocessable(*self, req, errors);
        if (!done) return std::unexpected(done.error());
        return Response::json(json{{"answered", true}}.dump(), 201);
    }).body_limit = 64 * 1024;

    r.post("/api/v1/surveys/invitations/{id}/dismiss", AccessRule::signed_in(), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto inv = TRY(own_invitation(*sql, req));
        db::WriteTx tx(*sql);
        TRY(dismiss_invitation(*sql, inv.id, req.principal.user_id));
        tx.commit();
        return Response::json(json{{"dismissed", true}}.dump());
    });

    r.get("/api/v1/surveys/{id}", AccessRule::roles(kStaff), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto s = TRY(load_survey(*sql, req.param("id")));
        auto out = survey_json(s);
        json audience = json::object();
        for (const auto& [d, values] : load_audience(*sql, s.id)) audience[d] = values;
        out["audience"] = audience;
        return Response::json(out.dump());
    });

    r.put("/api/v1/surveys/{id}/audience", AccessRule::roles(kStaff), [self](Request& req) -> Result<Response> {
        auto body = TRY(http::json_object_body(req, true));
        Audience audience;
        for (auto d : audience_dimensions) {
            auto it = body.find(std::string(d));
            if (it == body.end()) continue;
            if (!it->is_array() || it->size() > 500)
                return fail(Errc::bad_input, "surveys.errors.choice", std::string(d) + " must be an array");
            for (const auto& v : *it) {
                if (!v.is_string() || v.get<std::string>().size() > 200 || !text::is_clean_line(v.get<std::string>()))
                    return fail(Errc::bad_input, "surveys.errors.choice", std::string(d) + " value");
                audience[std::string(d)].push_back(v.get<std::string>());
            }
        }
        auto sql = self->db->lease();
        db::WriteTx tx(*sql);
        TRY(save_audience(*sql, req.param("id"), audience));
        tx.commit();
        json out = json::object();
        for (const auto& [d, values] : audience) out[d] = values;
        return Response::json(json{{"audience", out}}.dump());
    });

    r.post("/api/v1/surveys/{id}/open", AccessRule::roles(kStaff), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto s = TRY(load_survey(*sql, req.param("id")));
        if (s.items.empty()) return fail(Errc::conflict, "surveys.errors.no_items", "no items");
        db::WriteTx tx(*sql);
        TRY(set_status(*sql, s.id, "draft", "open"));
        s.status = "open";
        long long sent = s.kind == "satisfaction" ? 0 : TRY(send_survey(*self, *sql, s));
        tx.commit();
        return Response::json(json{{"status", "open"}, {"invited", sent}}.dump());
    });

    r.post("/api/v1/surveys/{id}/close", AccessRule::roles(kStaff), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        db::WriteTx tx(*sql);
        TRY(set_status(*sql, req.param("id"), "open", "closed"));
        tx.commit();
        return Response::json(json{{"status", "closed"}}.dump());
    });

    r.get("/api/v1/surveys/{id}/results", AccessRule::roles(kStaff), [self](Request& req) -> Result<Response> {
        auto by = req.query_value("by");
        if (by != "" && by != "language" && by != "setting") return fail(Errc::bad_input, "surveys.errors.choice", "by");
        auto sql = self->db->lease();
        auto s = TRY(load_survey(*sql, req.param("id")));
        auto k = min_cell(*sql);
        auto responses = responses_of(*sql, s.id);
        auto out = results_json(*self, req, s, item_results(s, responses, by, k), by);
        out["min_cell"] = k;
        out["responses"] = static_cast<long long>(responses.size());
        // The page's display texts stay on the page; the API carries numbers and nulls.
        for (auto& item : out["items"]) {
            for (const char* key : {"total_n_text", "total_mean_text", "total_median_text", "choices", "numeric", "is_text",
                                    "has_comments"})
                item.erase(key);
            for (auto& c : item["columns"]) c.erase("total_text");
            for (auto& g : item["groups"]) {
                for (const char* key : {"n_text", "mean_text", "median_text"}) g.erase(key);
                for (auto& c : g["cells"]) c.erase("text");
            }
        }
        return Response::json(out.dump());
    });
}

} // namespace mc::surveys
