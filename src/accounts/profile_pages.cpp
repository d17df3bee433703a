// The educator profile (who they are, where they work, their education) and the dashboard,
// the first page after sign-in, which points each role at its work.
#include "accounts/roles.hpp"
#include "accounts/user_store.hpp"
#include "accounts/web.hpp"
#include "platform/db/database.hpp"

namespace mc::accounts {

namespace {

using http::AccessRule;
using http::Request;
using http::Response;

nlohmann::json options(const app::App& app, const Request& req, const auto& values, const std::string& prefix,
                       const std::string& selected) {
    nlohmann::json out = nlohmann::json::array();
    for (std::string_view v : values)
        out.push_back({{"value", v}, {"label", app.catalog.text(req.locale, prefix + std::string(v))},
                       {"selected", v == selected}});
    return out;
}

// Assessors' employers keep them from scoring their own colleagues, so only an agency admin
// sets those; everyone else chooses their own employer here.
bool may_set_employer(const Request& req) { return (req.principal.roles & assessor) == 0; }

Response profile_page(app::App& app, const Request& req, const Profile& p, const FieldErrors& errors, bool saved) {
    std::vector<Organization> employers;
    std::string employer_name;
    {
        auto sql = app.db->lease();
        employers = organizations(*sql, "employer");
    }
    nlohmann::json employer_options = nlohmann::json::array();
    for (const auto& o : employers) {
        employer_options.push_back({{"value", o.id}, {"label", o.name}, {"selected", o.id == p.employer_org_id}});
        if (o.id == p.employer_org_id) employer_name = o.name;
    }
    nlohmann::json ctx{
        {"title_key", "accounts.profile.title"},
        {"p", {{"name", p.display_name}, {"employer_program", p.employer_program}, {"registry_id", p.registry_id},
               {"degree_field", p.degree_field}}},
        {"languages", locale_options(app, req, p.locale)},
        {"work_settings", options(app, req, work_settings, "accounts.work_settings.", p.work_setting)},
        {"degrees", options(app, req, degrees, "accounts.degrees.", p.highest_degree)},
        {"employers", employer_options},
        {"may_set_employer", may_set_employer(req)},
        {"employer_name", employer_name},
    };
    if (saved) ctx["notice"] = app.t(req, "notices.saved");
    add_field_errors(app, req, errors, ctx);
    return app.views->page(req, "accounts/profile", ctx, errors.empty() ? 200 : http_status(Errc::invalid));
}

} // namespace

// Shared with the API: validates and saves, or returns the field errors (nothing saved).
FieldErrors update_profile(app::App& app, const Request& req, const Profile& input) {
    auto sql = app.db->lease();
    std::set<std::string> employer_ids;
    for (const auto& o : organizations(*sql, "employer")) employer_ids.insert(o.id);
    auto errors = validate_profile(input, app.catalog.locales(), employer_ids);
    if (!errors.empty()) return errors;
    db::WriteTx tx(*sql);
    save_profile(*sql, req.principal.user_id, input, may_set_employer(req));
    tx.commit();
    return {};
}

void install_profile_pages(app::App& app) {
    app::App* self = &app;
    app.router.get("/profile", AccessRule::signed_in(), [self](Request& req) -> Result<Response> {
        Profile p;
        {
            auto sql = self->db->lease();
            auto user = find_user(*sql, req.principal.user_id);
            if (!user) return fail(Errc::not_found, "errors.not_found", "profile of vanished user");
            p = load_profile(*sql, *user);
        }
        return profile_page(*self, req, p, {}, false);
    });
    app.router.post("/profile", AccessRule::signed_in(), [self](Request& req) -> Result<Response> {
        Profile input{req.form_value("name"),          req.form_value("locale"),
                      req.form_value("work_setting"),  req.form_value("employer_org_id"),
                      req.form_value("employer_program"), trim(req.form_value("registry_id")),
                      req.form_value("highest_degree"), req.form_value("degree_field")};
        if (!may_set_employer(req)) {
            auto sql = self->db->lease();
            if (auto user = find_user(*sql, req.principal.user_id)) input.employer_org_id = user->employer_org_id;
        }
        auto errors = update_profile(*self, req, input);
        if (!errors.empty()) return profile_page(*self, req, input, errors, false);
        // The page follows the language just chosen, now and on later visits.
        auto res = Response::redirect("/profile?notice=saved");
        res.set_cookie({.name = "mc_lang", .value = input.locale, .max_age = 365L * 24 * 3600, .http_only = true,
                        .secure = self->config.secure_cookies});
        return res;
    });

    app.router.get("/dashboard", AccessRule::signed_in(), [self](Request& req) -> Result<Response> {
        auto r = req.principal.roles;
        bool profile_started = false;
        {
            auto sql = self->db->lease();
            profile_started = has_work_setting(*sql, req.principal.user_id);
        }
        nlohmann::json ctx{{"title_key", "accounts.dashboard.title"},
                           {"name", req.principal.display_name},
                           {"educator", (r & educator) != 0},
                           {"coach", (r & coach) != 0},
                           {"assessor", (r & assessor) != 0},
                           {"admin", (r & any_admin) != 0},
                           {"profile_missing", (r & educator) != 0 && !profile_started}};
        nlohmann::json cards = nlohmann::json::array();
        for (const auto& provider : self->dashboard_cards)
            for (const auto& card : provider(req)) {
                nlohmann::json links = nlohmann::json::array();
                for (std::size_t i = 0; i < card.links.size(); ++i)
                    links.push_back({{"href", card.links[i].href}, {"label", card.links[i].label}, {"primary", i == 0}});
                nlohmann::json c{{"heading", card.heading}, {"text", card.text}, {"links", links}};
                if (card.progress_total > 0)
                    c["progress"] = {{"done", card.progress_done}, {"total", card.progress_total},
                                     {"label", card.progress_label}};
                cards.push_back(std::move(c));
            }
        ctx["cards"] = std::move(cards);
        return self->views->page(req, "accounts/dashboard", ctx);
    });
}

} // namespace mc::accounts
