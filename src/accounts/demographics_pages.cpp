// /profile/about-you: the optional self-reported demographics an educator may give (and take
// back). Nothing here is required; the agency only ever sees it as counts of ten or more.
#include "accounts/demographics_store.hpp"
#include "accounts/web.hpp"
#include "platform/db/database.hpp"

namespace mc::accounts {

namespace {

using http::AccessRule;
using http::Request;
using http::Response;

template <std::size_t N>
nlohmann::json choices(const app::App& app, const Request& req, const char* field, const std::string_view (&values)[N],
                       const std::string& selected) {
    nlohmann::json out = nlohmann::json::array();
    for (std::string_view v : values)
        out.push_back({{"value", v}, {"label", app.t(req, std::string("accounts.demographics.") + field + "." + std::string(v))},
                       {"checked", v == selected}, {"id", std::string(field) + "-" + std::string(v)}});
    return out;
}

Response page(app::App& app, const Request& req, const Demographics& d, const FieldErrors& errors) {
    nlohmann::json fields = nlohmann::json::array();
    fields.push_back({{"name", "age_band"}, {"legend", app.t(req, "accounts.demographics.age_band.label")},
                      {"choices", choices(app, req, "age_band", age_bands, d.age_band)}, {"none", d.age_band.empty()}});
    fields.push_back({{"name", "gender"}, {"legend", app.t(req, "accounts.demographics.gender.label")},
                      {"choices", choices(app, req, "gender", genders, d.gender)}, {"none", d.gender.empty()}});
    fields.push_back({{"name", "race_ethnicity"}, {"legend", app.t(req, "accounts.demographics.race_ethnicity.label")},
                      {"choices", choices(app, req, "race_ethnicity", race_ethnicities, d.race_ethnicity)},
                      {"none", d.race_ethnicity.empty()}});
    nlohmann::json ctx{{"title_key", "accounts.demographics.title"}, {"fields", fields}};
    add_field_errors(app, req, errors, ctx);
    return app.views->page(req, "accounts/demographics", ctx, errors.empty() ? 200 : http_status(Errc::invalid));
}

} // namespace

void install_demographics_pages(app::App& app) {
    app::App* self = &app;
    app.router.get("/profile/about-you", AccessRule::signed_in(), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        return page(*self, req, load_demographics(*sql, req.principal.user_id), {});
    });
    app.router.post("/profile/about-you", AccessRule::signed_in(), [self](Request& req) -> Result<Response> {
        Demographics d{req.form_value("age_band"), req.form_value("gender"), req.form_value("race_ethnicity")};
        if (req.form_value("remove") == "1") d = {};
        auto errors = validate_demographics(d);
        if (!errors.empty()) return page(*self, req, d, errors);
        auto sql = self->db->lease();
        db::WriteTx tx(*sql);
        save_demographics(*sql, req.principal.user_id, d);
        tx.commit();
        return Response::redirect("/profile/about-you?notice=saved");
    });
}

} // namespace mc::accounts
