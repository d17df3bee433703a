// Administration: the hub linking every admin tool, and the agency admin's user list where
// roles and employers are granted (each role change leaves a role_grants audit row).
#include <spdlog/spdlog.h>

#include "accounts/roles.hpp"
#include "accounts/user_store.hpp"
#include "accounts/web.hpp"
#include "platform/db/database.hpp"

namespace mc::accounts {

namespace {

using http::AccessRule;
using http::Request;
using http::Response;

nlohmann::json role_labels(const app::App& app, const Request& req, std::uint32_t roles) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& name : role_names(roles)) out.push_back(app.catalog.text(req.locale, "roles." + name));
    return out;
}

Response user_page(app::App& app, const Request& req, const User& user, std::uint32_t roles,
                   const std::string& employer_id, bool disabled, const FieldErrors& errors) {
    nlohmann::json role_boxes = nlohmann::json::array();
    for (Role r : every_role)
        role_boxes.push_back({{"value", role_name(r)},
                              {"label", app.catalog.text(req.locale, "roles." + std::string(role_name(r)))},
                              {"checked", (roles & r) != 0}});
    nlohmann::json employer_options = nlohmann::json::array();
    {
        auto sql = app.db->lease();
        for (const auto& o : organizations(*sql, "employer"))
            employer_options.push_back({{"value", o.id}, {"label", o.name}, {"selected", o.id == employer_id}});
    }
    nlohmann::json ctx{{"title_key", "accounts.admin_users.edit_title"},
                       {"u", {{"id", user.id}, {"name", user.display_name}, {"email", user.email}}},
                       {"roles", role_boxes},
                       {"employers", employer_options},
                       {"disabled", disabled},
                       {"is_self", user.id == req.principal.user_id}};
    add_field_errors(app, req, errors, ctx);
    return app.views->page(req, "accounts/admin_user", ctx, errors.empty() ? 200 : http_status(Errc::invalid));
}

Result<Response> save_user(app::App& app, Request& req) {
    std::uint32_t roles = roles_from_names(req.form_values("roles"));
    std::string employer_id = req.form_value("employer_org_id");
    bool disabled = req.form_value("disabled") == "1";
    auto sql = app.db->lease();
    auto user = find_user(*sql, req.param("id"));
    if (!user) return fail(Errc::not_found, "errors.not_found", "no user " + req.param("id"));
    FieldErrors errors;
    bool self = user->id == req.principal.user_id;
    // An agency without any agency admin could never grant a role again.
    if (self && !(roles & agency_admin)) errors["roles"] = "accounts.errors.keep_own_admin";
    if (self && disabled) errors["disabled"] = "accounts.errors.disable_self";
    if (!employer_id.empty()) {
        auto org = find_organization(*sql, employer_id);
        if (!org || org->kind != "employer") errors["employer_org_id"] = "accounts.errors.choice_invalid";
    }
    if (!errors.empty()) {
        sql.reset();
        return user_page(app, req, *user, roles, employer_id, disabled, errors);
    }
    db::WriteTx tx(*sql);
    update_user_access(*sql, *user, roles, employer_id, disabled, req.principal.user_id);
    tx.commit();
    spdlog::info("accounts: user {} set roles of {} from {} to {}", req.principal.user_id, user->id, user->roles, roles);
    return Response::redirect("/admin/users?notice=saved&q=" + http::percent_encode(user->email));
}

} // namespace

void install_admin_pages(app::App& app) {
    app::App* self = &app;
    app.router.get("/admin", AccessRule::roles(any_admin), [self](Request& req) -> Result<Response> {
        return self->views->page(req, "accounts/admin_hub",
                                 {{"title_key", "accounts.admin.title"},
                                  {"agency_admin", (req.principal.roles & agency_admin) != 0}});
    });

    app.router.get("/admin/users", AccessRule::roles(agency_admin), [self](Request& req) -> Result<Response> {
        auto q = trim(req.query_value("q"));
        std::vector<User> users;
        std::map<std::string, std::string> org_names;
        {
            auto sql = self->db->lease();
            users = search_users(*sql, q, 100);
            for (const auto& o : organizations(*sql, "employer")) org_names[o.id] = o.name;
        }
        nlohmann::json rows = nlohmann::json::array();
        for (const auto& u : users)
            rows.push_back({{"id", u.id}, {"name", u.display_name}, {"email", u.email},
                            {"roles", role_labels(*self, req, u.roles)}, {"employer", org_names[u.employer_org_id]},
                            {"disabled", u.disabled}});
        return self->views->page(req, "accounts/admin_users",
                                 {{"title_key", "accounts.admin_users.title"}, {"q", q}, {"users", rows},
                                  {"none", rows.empty()}});
    });

    app.router.get("/admin/users/{id}", AccessRule::roles(agency_admin), [self](Request& req) -> Result<Response> {
        std::optional<User> user;
        {
            auto sql = self->db->lease();
            user = find_user(*sql, req.param("id"));
        }
        if (!user) return fail(Errc::not_found, "errors.not_found", "no user " + req.param("id"));
        return user_page(*self, req, *user, user->roles, user->employer_org_id, user->disabled, {});
    });
    app.router.post("/admin/users/{id}", AccessRule::roles(agency_admin),
                    [self](Request& req) { return save_user(*self, req); });
}

} // namespace mc::accounts
