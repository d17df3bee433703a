// Agency staff build surveys in the browser: /admin/surveys lists them with response rates;
// a survey page edits the draft (texts in English and Spanish, items of five kinds, who it goes
// to), opens it (which sends it) and closes it; results are read with small groups suppressed.
#include <cctype>
#include <set>

#include "accounts/notifications.hpp"
#include "accounts/roles.hpp"
#include "accounts/validation.hpp"
#include "accounts/workforce_facts_store.hpp"
#include "platform/csv.hpp"
#include "platform/text/utf8.hpp"
#include "platform/db/database.hpp"
#include "surveys/survey_store.hpp"
#include "surveys/web.hpp"

namespace mc::surveys {

using http::AccessRule;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

constexpr std::uint32_t kStaff = accounts::any_admin;

std::string percent_text(long long part, long long whole) {
    if (whole <= 0) return "—";
    return std::to_string((part * 100 + whole / 2) / whole) + "%";
}

json summary_row(const app::App& app, const Request& req, const SurveySummary& s) {
    return {{"id", s.id},
            {"title", s.title.in(req.locale)},
            {"kind", app.t(req, "surveys.kinds." + s.kind)},
            {"milestone", s.milestone.empty() ? "" : app.t(req, "surveys.milestones." + s.milestone)},
            {"status", app.t(req, "surveys.status." + s.status)},
            {"anonymous", s.anonymous},
            {"invited", s.invited},
            {"answered", s.answered},
            {"rate", percent_text(s.answered, s.invited)}};
}

// Options of every audience dimension, with the saved ones checked.
json audience_options(const app::App& app, const Request& req, soci::session& sql, const Audience& saved) {
    auto checked = [&](const std::string& d, const std::string& v) {
        auto it = saved.find(d);
        return it != saved.end() && std::ranges::find(it->second, v) != it->second.end();
    };
    json out = json::array();
    auto dimension = [&](const std::string& name, json values) {
        out.push_back({{"name", name}, {"legend", app.t(req, "surveys.audience." + name)}, {"values", values}});
    };
    json roles = json::array();
    for (auto r : {accounts::educator, accounts::coach, accounts::assessor, accounts::director}) {
        std::string n(accounts::role_name(r));
        roles.push_back({{"value", n}, {"label", app.t(req, "roles." + n)}, {"checked", checked("role", n)}});
    }
    dimension("role", roles);
    json settings = json::array();
    for (auto s : accounts::work_settings)
        settings.push_back({{"value", s}, {"label", app.t(req, "accounts.work_settings." + std::string(s))},
                            {"checked", checked("setting", std::string(s))}});
    dimension("setting", settings);
    json languages = json::array();
    for (const auto& l : app.catalog.locales())
        languages.push_back({{"value", l}, {"label", app.t(req, "surveys.languages." + l)}, {"checked", checked("language", l)}});
    dimension("language", languages);
    std::set<std::string> counties, classes;
    json programs = json::array();
    for (const auto& p : accounts::programs(sql)) {
        programs.push_back({{"value", p.id}, {"label", p.name}, {"checked", checked("program", p.id)}});
        if (!p.county.empty()) counties.insert(p.county);
    }
    for (const auto& [county, cls] : accounts::county_classes(sql)) classes.insert(cls);
    json regions = json::array();
    for (const auto& c : classes)
        regions.push_back({{"value", "class:" + c}, {"label", c}, {"checked", checked("region", "class:" + c)}});
    for (const auto& c : counties)
        regions.push_back({{"value", "county:" + c}, {"label", c}, {"checked", checked("region", "county:" + c)}});
    dimension("region", regions);
    dimension("program", programs);
    return out;
}

Response edit_page(app::App& app, const Request& req, soci::session& sql, const Survey& s,
                   const std::vector<FieldError>& errors, const json& item_form) {
    json items = json::array();
    for (const auto& it : s.items) {
        json options = json::array();
        for (const auto& o : it.options) options.push_back(o.label.in(req.locale));
        items.push_back({{"id", it.id}, {"prompt_en", it.prompt.en}, {"prompt_es", it.prompt.es},
                         {"kind", app.t(req, "surveys.item_kinds." + std::string(kind_name(it.kind)))},
                         {"options", options}, {"has_options", !options.empty()}, {"required", it.required}});
    }
    bool draft = s.status == "draft";
    json kinds = json::array();
    for (auto k : {ItemKind::likert, ItemKind::single, ItemKind::multiple, ItemKind::number, ItemKind::text}) {
        std::string n(kind_name(k));
        kinds.push_back({{"value", n}, {"label", app.t(req, "surveys.item_kinds." + n)},
                         {"selected", item_form.value("kind", "likert") == n}});
    }
    json ctx{{"title", s.title.in(req.locale)},
             {"s", {{"id", s.id}, {"title_en", s.title.en}, {"title_es", s.title.es}, {"intro_en", s.intro.en},
                    {"intro_es", s.intro.es}, {"anonymous", s.anonymous}}},
             {"status", app.t(req, "surveys.status." + s.status)},
             {"kind", app.t(req, "surveys.kinds." + s.kind)},
             {"milestone", s.milestone.empty() ? "" : app.t(req, "surveys.milestones." + s.milestone)},
             {"is_satisfaction", s.kind == "satisfaction"},
             {"draft", draft},
             {"open", s.status == "open"},
             {"items", items},
             {"has_items", !items.empty()},
             {"item_kinds", kinds},
             {"item", item_form},
             {"audience", audience_options(app, req, sql, load_audience(sql, s.id))}};
    add_errors(app, req, errors, ctx);
    auto done = req.query_value("done");
    if (!done.empty() && app.catalog.has_key(req.locale, "surveys.done." + done))
        ctx["done"] = app.catalog.format(req.locale, "surveys.done." + done, {{"count", req.query_value("count")}});
    return app.views->page(req, "surveys/edit", ctx, errors.empty() ? 200 : http_status(Errc::invalid));
}

Survey survey_from_form(const Request& req) {
    Survey s;
    s.kind = req.form_value("kind").empty() ? "general" : req.form_value("kind");
    s.milestone = req.form_value("milestone");
    s.title = {accounts::trim(req.form_value("title_en")), accounts::trim(req.form_value("title_es"))};
    s.intro = {req.form_value("intro_en"), req.form_value("intro_es")};
    s.anonymous = req.form_value("anonymous") != "0";
    return s;
}

Result<Response> list_page(app::App& app, const Request& req, const std::vector<FieldError>& errors, const Survey& form) {
    auto sql = app.db->lease();
    json rows = json::array();
    for (const auto& s : list_surveys(*sql)) rows.push_back(summary_row(app, req, s));
    json milestones_json = json::array();
    for (auto m : milestones)
        milestones_json.push_back({{"value", m}, {"label", app.t(req, "surveys.milestones." + std::string(m))},
                                   {"selected", form.milestone == m}});
    json ctx{{"title_key", "surveys.list.title"},
             {"surveys", rows},
             {"none", rows.empty()},
             {"milestones", milestones_json},
             {"min_cell", min_cell(*sql)},
             {"form", {{"title_en", form.title.en}, {"title_es", form.title.es}, {"kind_satisfaction", form.kind == "satisfaction"}}}};
    add_errors(app, req, errors, ctx);
    return app.views->page(req, "surveys/list", ctx, errors.empty() ? 200 : http_status(Errc::invalid));
}

Result<Survey> editable(app::App& app, soci::session& sql, const Request& req) {
    (void)app;
    return load_survey(sql, req.param("id"));
}

} // namespace

Result<long long> send_survey(app::App& app, soci::session& sql, const Survey& s) {
    auto audience = load_audience(sql, s.id);
    if (audience.empty()) audience["role"] = {"educator"};
    std::map<std::string, std::string> county_of;
    for (const auto& p : accounts::programs(sql)) county_of[p.id] = p.county;
    auto classes = accounts::county_classes(sql);
    std::vector<std::string> recipients;
    accounts::for_each_person(sql, [&](const accounts::PersonFacts& f) {
        if (f.disabled) return; // nobody can answer for an account that cannot sign in
        Person p{f.id, f.locale, f.work_setting, f.program_id, county_of[f.program_id], {}, accounts::role_names(f.roles)};
        auto lowered = p.county;
        for (auto& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (auto it = classes.find(lowered); it != classes.end()) p.region_class = it->second;
        if (in_audience(audience, p)) recipients.push_back(f.id);
    });
    long long sent = 0;
    for (const auto& user : recipients) {
        auto id = invite(sql, s.id, user, "", "");
        if (!id) continue;
        auto person = accounts::person_facts(sql, user);
        std::string locale = person ? person->locale : "en";
        TRY(accounts::notify(app, sql, user, "survey_invited", {{"survey", s.title.in(locale)}}, "/surveys/" + *id));
        ++sent;
    }
    return sent;
}

void install_builder_pages(app::App& app) {
    app::App* self = &app;
    auto& r = app.router;
    r.get("/admin/surveys", AccessRule::roles(kStaff), [self](Request& req) { return list_page(*self, req, {}, Survey{}); });

    r.post("/admin/surveys", AccessRule::roles(kStaff), [self](Request& req) -> Result<Response> {
        auto s = survey_from_form(req);
        if (s.kind != "satisfaction") s.milestone.clear();
        auto errors = validate_survey(s);
        if (!errors.empty()) return list_page(*self, req, errors, s);
        auto sql = self->db->lease();
        db::WriteTx tx(*sql);
        auto id = TRY(create_survey(*sql, s, req.principal.user_id));
        tx.commit();
        return Response::redirect("/admin/surveys/" + id + "?done=created");
    });

    // The workforce needs assessment, or a satisfaction survey for a milestone, ready to edit.
    r.post("/admin/surveys/from-template", AccessRule::roles(kStaff), [self](Request& req) -> Result<Response> {
        auto which = req.form_value("template");
        auto texts = [self](std::string_view l, std::string_view k) { return self->catalog.text(l, k); };
        Survey s;
        if (which == "needs_assessment") s = needs_assessment_template(texts);
        else if (is_milestone(which)) s = satisfaction_template(texts, which);
        else return fail(Errc::bad_input, "surveys.errors.choice", "template " + which);
        auto sql = self->db->lease();
        db::WriteTx tx(*sql);
        auto id = TRY(create_survey(*sql, s, req.principal.user_id));
        tx.commit();
        return Response::redirect("/admin/surveys/" + id + "?done=created");
    });

    r.get("/admin/surveys/{id}", AccessRule::roles(kStaff), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto s = TRY(editable(*self, *sql, req));
        return edit_page(*self, req, *sql, s, {}, json{{"kind", "likert"}});
    });

    r.post("/admin/surveys/{id}", AccessRule::roles(kStaff), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto s = TRY(editable(*self, *sql, req));
        auto input = survey_from_form(req);
        input.kind = s.kind;
        input.milestone = s.milestone;
        auto errors = validate_survey(input);
        if (!errors.empty()) {
            s.title = input.title;
            s.intro = input.intro;
            return edit_page(*self, req, *sql, s, errors, json{{"kind", "likert"}});
        }
        db::WriteTx tx(*sql);
        TRY(update_survey(*sql, s.id, input));
        tx.commit();
        return Response::redirect("/admin/surveys/" + s.id + "?done=saved");
    });

    r.post("/admin/surveys/{id}/items", AccessRule::roles(kStaff), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto s = TRY(editable(*self, *sql, req));
        std::vector<FieldError> errors;
        Item it;
        auto kind = kind_from(req.form_value("kind"));
        if (!kind) errors.push_back({"kind", "surveys.errors.choice"});
        it.kind = kind.value_or(ItemKind::likert);
        it.prompt = {accounts::trim(req.form_value("prompt_en")), accounts::trim(req.form_value("prompt_es"))};
        it.required = req.form_value("required") == "1";
        if (it.kind == ItemKind::single || it.kind == ItemKind::multiple)
            it.options = options_from_lines(req.form_value("options_en"), req.form_value("options_es"), errors);
        auto bound = [&](const char* name, std::optional<long long>& into) {
            auto text = accounts::trim(req.form_value(name));
            if (text.empty()) return;
            if (text.size() > 11 || text.find_first_not_of("-0123456789") != std::string::npos || text == "-") {
                errors.push_back({name, "surveys.errors.number_range"});
                return;
            }
            into = std::stoll(text);
        };
        if (it.kind == ItemKind::number) {
            bound("min_value", it.min_value);
            bound("max_value", it.max_value);
        }
        auto more = validate_item(it);
        errors.insert(errors.end(), more.begin(), more.end());
        if (!errors.empty()) {
            json form{{"kind", req.form_value("kind")}, {"prompt_en", it.prompt.en}, {"prompt_es", it.prompt.es},
                      {"options_en", req.form_value("options_en")}, {"options_es", req.form_value("options_es")},
                      {"min_value", req.form_value("min_value")}, {"max_value", req.form_value("max_value")},
                      {"required", it.required}};
            return edit_page(*self, req, *sql, s, errors, form);
        }
        db::WriteTx tx(*sql);
        TRY(add_item(*sql, s.id, it));
        tx.commit();
        return Response::redirect("/admin/surveys/" + s.id + "?done=item_added#items");
    });

    r.post("/admin/surveys/{id}/items/{item}/delete", AccessRule::roles(kStaff), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto s = TRY(editable(*self, *sql, req));
        db::WriteTx tx(*sql);
        TRY(remove_item(*sql, s.id, req.param("item")));
        tx.commit();
        return Response::redirect("/admin/surveys/" + s.id + "?done=item_removed#items");
    });

    r.post("/admin/surveys/{id}/audience", AccessRule::roles(kStaff), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto s = TRY(editable(*self, *sql, req));
        Audience audience;
        for (auto d : audience_dimensions) {
            auto values = req.form_values(std::string(d));
            if (values.size() > 500) return fail(Errc::bad_input, "surveys.errors.choice", "too many audience values");
            for (const auto& v : values)
                if (v.size() > 200 || !text::is_clean_line(v))
                    return fail(Errc::bad_input, "surveys.errors.choice", "audience value");
            if (!values.empty()) audience[std::string(d)] = values;
        }
        db::WriteTx tx(*sql);
        TRY(save_audience(*sql, s.id, audience));
        tx.commit();
        return Response::redirect("/admin/surveys/" + s.id + "?done=audience_saved#audience");
    });

    r.post("/admin/surveys/{id}/open", AccessRule::roles(kStaff), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto s = TRY(editable(*self, *sql, req));
        if (s.items.empty()) return edit_page(*self, req, *sql, s, {{"items", "surveys.errors.no_items"}}, json{{"kind", "likert"}});
        db::WriteTx tx(*sql);
        TRY(set_status(*sql, s.id, "draft", "open"));
        s.status = "open";
        long long sent = 0;
        // Satisfaction surveys wait for their milestone; the others go out now.
        if (s.kind != "satisfaction") sent = TRY(send_survey(*self, *sql, s));
        tx.commit();
        return Response::redirect("/admin/surveys/" + s.id + "?done=opened&count=" + std::to_string(sent));
    });

    r.post("/admin/surveys/{id}/close", AccessRule::roles(kStaff), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        auto s = TRY(editable(*self, *sql, req));
        db::WriteTx tx(*sql);
        TRY(set_status(*sql, s.id, "open", "closed"));
        tx.commit();
        return Response::redirect("/admin/surveys/" + s.id + "?done=closed");
    });

    auto results_of = [self](Request& req, soci::session& sql, Survey& s) -> Result<json> {
        s = TRY(load_survey(sql, req.param("id")));
        auto by = req.query_value("by");
        if (by != "" && by != "language" && by != "setting") return fail(Errc::bad_input, "surveys.errors.choice", "by " + by);
        auto k = min_cell(sql);
        auto responses = responses_of(sql, s.id);
        auto results = item_results(s, responses, by, k);
        auto out = results_json(*self, req, s, results, by);
        out["k"] = k;
        out["responses"] = static_cast<long long>(responses.size());
        return out;
    };

    r.get("/admin/surveys/{id}/results", AccessRule::roles(kStaff), [self, results_of](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        Survey s;
        auto ctx = TRY(results_of(req, *sql, s));
        long long invited = 0, answered = 0;
        for (const auto& row : list_surveys(*sql))
            if (row.id == s.id) invited = row.invited, answered = row.answered;
        ctx["title"] = s.title.in(req.locale);
        ctx["invited"] = invited;
        ctx["answered"] = answered;
        ctx["rate"] = percent_text(answered, invited);
        ctx["anonymous"] = s.anonymous;
        ctx["k_text"] = self->catalog.format(req.locale, "surveys.results.suppression", {{"k", std::to_string(ctx["k"].get<long long>())}});
        std::string by = ctx["by"];
        ctx["by_none"] = by.empty();
        ctx["by_language"] = by == "language";
        ctx["by_setting"] = by == "setting";
        ctx["csv_url"] = "/admin/surveys/" + s.id + "/results.csv" + (by.empty() ? "" : "?by=" + by);
        return self->views->page(req, "surveys/results", ctx);
    });

    r.get("/admin/surveys/{id}/results.csv", AccessRule::roles(kStaff), [self, results_of](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        Survey s;
        auto data = TRY(results_of(req, *sql, s));
        std::string out = "item,prompt,group,answered,answer,count,mean,median\r\n";
        for (const auto& item : data["items"]) {
            for (const auto& g : item["groups"]) {
                std::string lead = csv_cell(item["id"].get<std::string>()) + "," + csv_cell(item["prompt"].get<std::string>()) +
                                   "," + csv_cell(g["label"].get<std::string>()) + "," + g["n_text"].get<std::string>();
                std::string tail = "," + g["mean_text"].get<std::string>() + "," + g["median_text"].get<std::string>() + "\r\n";
                if (item["columns"].empty()) out += lead + ",,," + tail.substr(1);
                for (std::size_t j = 0; j < item["columns"].size(); ++j)
                    out += lead + "," + csv_cell(item["columns"][j]["label"].get<std::string>()) + "," +
                           g["cells"][j]["text"].get<std::string>() + tail;
            }
        }
        return Response::text(out, 200, "text/csv; charset=utf-8")
            .header("Content-Disposition", "attachment; filename=\"survey-results.csv\"")
            .header("Cache-Control", "private, no-store");
    });

    r.get("/admin/surveys/settings", AccessRule::roles(accounts::agency_admin), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        return self->views->page(req, "surveys/settings", {{"title_key", "surveys.settings.title"}, {"k", min_cell(*sql)},
                                                          {"lowest", kLowestMinCell}});
    });
    r.post("/admin/surveys/settings", AccessRule::roles(accounts::agency_admin), [self](Request& req) -> Result<Response> {
        auto text = accounts::trim(req.form_value("k"));
        long long k = 0;
        if (!text.empty() && text.size() <= 3 && text.find_first_not_of("0123456789") == std::string::npos) k = std::stoll(text);
        if (k < kLowestMinCell || k > 100) {
            json ctx{{"title_key", "surveys.settings.title"}, {"k", text}, {"lowest", kLowestMinCell}};
            add_errors(*self, req, {{"k", "surveys.errors.min_cell"}}, ctx);
            return self->views->page(req, "surveys/settings", ctx, http_status(Errc::invalid));
        }
        auto sql = self->db->lease();
        db::WriteTx tx(*sql);
        save_min_cell(*sql, k, req.principal.user_id);
        tx.commit();
        return Response::redirect("/admin/surveys?notice=saved");
    });
}

} // namespace mc::surveys
