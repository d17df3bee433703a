// JSON API for the signed-in user (docs/api/accounts.yaml): read the account, update the profile.
#include "accounts/user_store.hpp"
#include "accounts/web.hpp"
#include "platform/http/json_body.hpp"

namespace mc::accounts {

namespace {

using http::AccessRule;
using http::Request;
using http::Response;

nlohmann::json me_json(app::App& app, const std::string& user_id) {
    auto sql = app.db->lease();
    auto user = find_user(*sql, user_id);
    if (!user) return nullptr;
    auto p = load_profile(*sql, *user);
    nlohmann::json employer = nullptr;
    if (auto org = user->employer_org_id.empty() ? std::nullopt : find_organization(*sql, user->employer_org_id))
        employer = {{"id", org->id}, {"name", org->name}};
    return {{"id", user->id},
            {"email", user->email},
            {"display_name", user->display_name},
            {"locale", user->locale},
            {"roles", role_names(user->roles)},
            {"employer", employer},
            {"profile",
             {{"work_setting", p.work_setting}, {"employer_org_id", p.employer_org_id},
              {"employer_program", p.employer_program}, {"registry_id", p.registry_id},
              {"highest_degree", p.highest_degree}, {"degree_field", p.degree_field}}}};
}

// Fields absent from the body keep their current values (PATCH semantics for both verbs).
Result<Response> patch_profile(app::App& app, Request& req) {
    auto body = TRY(http::json_object_body(req));
    Profile p;
    {
        auto sql = app.db->lease();
        auto user = find_user(*sql, req.principal.user_id);
        if (!user) return fail(Errc::not_found, "errors.not_found", "me: vanished user");
        p = load_profile(*sql, *user);
    }
    std::pair<const char*, std::string*> fields[] = {
        {"display_name", &p.display_name},         {"locale", &p.locale},
        {"work_setting", &p.work_setting},         {"employer_org_id", &p.employer_org_id},
        {"employer_program", &p.employer_program}, {"registry_id", &p.registry_id},
        {"highest_degree", &p.highest_degree},     {"degree_field", &p.degree_field}};
    FieldErrors type_errors;
    for (auto& [name, target] : fields) {
        if (!body.contains(name)) continue;
        if (body[name].is_string())
            *target = body[name].get<std::string>();
        else if (body[name].is_null())
            target->clear();
        else
            type_errors[name] = "accounts.errors.not_text";
    }
    auto errors = type_errors.empty() ? update_profile(app, req, p) : type_errors;
    if (!errors.empty()) {
        nlohmann::json detail = nlohmann::json::object();
        for (const auto& [field, key] : errors) detail[field] = {{"code", key}, {"message", app.t(req, key)}};
        nlohmann::json out{{"error", {{"code", "errors.bad_input"}, {"message", app.t(req, "errors.bad_input")},
                                      {"status", http_status(Errc::invalid)}, {"fields", detail}}}};
        return Response::json(out.dump(), http_status(Errc::invalid));
    }
    return Response::json(me_json(app, req.principal.user_id).dump());
}

} // namespace

void install_api(app::App& app) {
    app::App* self = &app;
    app.router.get("/api/v1/me", AccessRule::signed_in(), [self](Request& req) -> Result<Response> {
        auto me = me_json(*self, req.principal.user_id);
        if (me.is_null()) return fail(Errc::not_found, "errors.not_found", "me: vanished user");
        return Response::json(me.dump());
    });
    app.router.patch("/api/v1/me/profile", AccessRule::signed_in(),
                     [self](Request& req) { return patch_profile(*self, req); });
    app.router.post("/api/v1/me/profile", AccessRule::signed_in(),
                    [self](Request& req) { return patch_profile(*self, req); });
}

} // namespace mc::accounts
