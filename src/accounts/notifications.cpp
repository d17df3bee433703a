// Notices to users: a row for the in-page list and an email in the recipient's language,
// both in the caller's transaction so a notice exists exactly when the event committed.
#include "accounts/notifications.hpp"

#include <ctime>

#include "accounts/notification_store.hpp"
#include "accounts/user_store.hpp"
#include "accounts/web.hpp"
#include "platform/crypto/random.hpp"
#include "platform/db/database.hpp"

namespace mc::accounts {

namespace {

using http::AccessRule;
using http::Request;
using http::Response;

std::vector<std::pair<std::string, std::string>> slots(const nlohmann::json& params) {
    std::vector<std::pair<std::string, std::string>> out;
    if (!params.is_object()) return out;
    for (auto it = params.begin(); it != params.end(); ++it)
        out.emplace_back(it.key(), it->is_string() ? it->get<std::string>() : it->dump());
    return out;
}

// Every notice text names the credential as {credential}; callers pass what they hold: "title"
// (with "title_es" when they have both languages) or "micro_credential". Filled here for the
// reader's language, so rows written before this (and any new caller) never show the raw slot.
void name_the_credential(std::vector<std::pair<std::string, std::string>>& args, std::string_view locale) {
    auto find = [&](std::string_view key) -> const std::string* {
        for (const auto& [k, v] : args)
            if (k == key && !v.empty()) return &v;
        return nullptr;
    };
    if (find("credential")) return;
    const std::string* name = find("title_" + std::string(locale));
    if (!name) name = find("title");
    if (!name) name = find("micro_credential");
    if (!name) return;
    std::string copy = *name; // emplace_back may move the element `name` points at
    args.emplace_back("credential", std::move(copy));
}

std::string format_time(long long t, const char* pattern) {
    std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    ::gmtime_r(&tt, &tm);
    char buf[40];
    std::strftime(buf, sizeof buf, pattern, &tm);
    return buf;
}

nlohmann::json notice_view(const app::App& app, const Request& req, const Notice& n) {
    auto params = slots(nlohmann::json::parse(n.params, nullptr, false));
    name_the_credential(params, req.locale);
    std::string base = "notifications." + n.kind;
    return {{"id", n.id},
            {"title", app.catalog.format(req.locale, base + ".title", params)},
            {"body", app.catalog.format(req.locale, base + ".body", params)},
            {"link", safe_next(n.link, "")},
            {"when", format_time(n.created_at, "%Y-%m-%d %H:%M UTC")},
            {"when_iso", format_time(n.created_at, "%Y-%m-%dT%H:%M:%SZ")},
            {"unread", !n.read}};
}

} // namespace

Result<void> notify(app::App& app, soci::session& sql, const std::string& user_id, const std::string& kind,
                    const nlohmann::json& params, const std::string& link) {
    auto user = find_user(sql, user_id);
    if (!user) return fail(Errc::not_found, "errors.not_found", "notify: no user " + user_id);
    std::string id = crypto::new_id(), stored = params.is_object() ? params.dump() : "{}";
    long long now = now_seconds();
    add_notice(sql, id, user_id, kind, stored, link, now);
    if (user->disabled) return {};
    auto args = slots(params);
    name_the_credential(args, user->locale);
    args.emplace_back("name", user->display_name);
    args.emplace_back("link", app.config.base_url + (link.empty() ? "/notifications" : link));
    std::string base = "notifications." + kind;
    enqueue_email(sql, user->email, app.catalog.format(user->locale, base + ".email_subject", args),
                  app.catalog.format(user->locale, base + ".email_body", args));
    return {};
}

void install_notification_pages(app::App& app) {
    app::App* self = &app;
    app.router.get("/notifications", AccessRule::signed_in(), [self](Request& req) -> Result<Response> {
        std::vector<Notice> notices;
        {
            auto sql = self->db->lease();
            notices = recent_notices(*sql, req.principal.user_id, "");
        }
        nlohmann::json items = nlohmann::json::array();
        bool any_unread = false;
        for (const auto& n : notices) {
            items.push_back(notice_view(*self, req, n));
            any_unread = any_unread || !n.read;
        }
        return self->views->page(req, "accounts/notifications",
                                 {{"title_key", "accounts.notifications.title"}, {"items", items},
                                  {"none", items.empty()}, {"any_unread", any_unread}});
    });
    app.router.post("/notifications/{id}/read", AccessRule::signed_in(), [self](Request& req) -> Result<Response> {
        std::vector<Notice> found;
        {
            auto sql = self->db->lease();
            long long now = now_seconds();
            std::string id = req.param("id");
            // Scoped to the caller: someone else's notice id simply is not found.
            mark_notice_read(*sql, req.principal.user_id, id, now);
            found = recent_notices(*sql, req.principal.user_id, id);
        }
        if (found.empty()) return fail(Errc::not_found, "errors.not_found", "notice " + req.param("id"));
        if (req.is_htmx())
            return self->views->fragment(req, "accounts/notification_item", notice_view(*self, req, found.front()));
        return Response::redirect("/notifications");
    });
    app.router.post("/notifications/read-all", AccessRule::signed_in(), [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        long long now = now_seconds();
        mark_all_notices_read(*sql, req.principal.user_id, now);
        return Response::redirect("/notifications");
    });
}

} // namespace mc::accounts
