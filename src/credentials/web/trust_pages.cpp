// /admin/trusted-issuers: the agency's list of issuers it vouches for besides itself. Agency
// admins only (it changes what every verification page tells employers); forms carry CSRF like
// every POST; each change is audited (trusted_issuer_audit) and logged.
#include <spdlog/spdlog.h>

#include "accounts/roles.hpp"
#include "credentials/keys/issuer_key.hpp"
#include "credentials/web/module.hpp"
#include "credentials/web/trusted_issuer_store.hpp"
#include "platform/db/database.hpp"
#include "platform/text/utf8.hpp"

namespace mc::credentials {

using http::AccessRule;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

constexpr std::size_t kMaxName = 200, kMaxValue = 512, kMaxValues = 20;

std::string trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return std::string(s);
}

std::vector<std::string> lines_of(std::string_view text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        auto line = trim(text.substr(start, end - start));
        if (!line.empty()) out.push_back(line);
        start = end + 1;
    }
    return out;
}

struct FormError {
    std::string field; // form field name, for aria-invalid
    std::string key;   // catalog key of the message
};

// Reads and checks the form; the entry is only saved when `errors` stays empty.
TrustedIssuer read_form(const Request& req, std::vector<FormError>& errors) {
    TrustedIssuer e;
    const std::string ids_text = req.form_value("issuer_ids"), keys_text = req.form_value("keys");
    e.name = trim(req.form_value("name"));
    if (e.name.empty() || e.name.size() > kMaxName || !text::is_clean_line(e.name))
        errors.push_back({"name", "credentials.trust.errors.name"});
    if (ids_text.size() > kMaxValues * kMaxValue || keys_text.size() > kMaxValues * kMaxValue ||
        !text::valid_utf8(ids_text) || !text::valid_utf8(keys_text)) {
        errors.push_back({"issuer_ids", "credentials.trust.errors.too_long"});
        return e;
    }
    e.issuer_ids = lines_of(ids_text);
    e.keys = lines_of(keys_text);
    bool ids_ok = !e.issuer_ids.empty() && e.issuer_ids.size() <= kMaxValues;
    for (const auto& id : e.issuer_ids) {
        bool https = id.starts_with("https://") && id.size() > 8;
        bool did = id.starts_with("did:") && id.size() > 6;
        bool clean = id.size() <= kMaxValue && text::is_clean_line(id) && id.find(' ') == std::string::npos;
        if (!(https || did) || !clean) ids_ok = false;
        // A did:key names its own key: the key comes with it.
        if (ids_ok && id.starts_with("did:key:") && ed25519_public_key_from_multibase(id.substr(8)))
            e.keys.push_back(id.substr(8));
    }
    if (!ids_ok) errors.push_back({"issuer_ids", "credentials.trust.errors.issuer_ids"});
    bool keys_ok = e.keys.size() <= kMaxValues;
    for (const auto& k : e.keys)
        if (k.size() > kMaxValue || !ed25519_public_key_from_multibase(k)) keys_ok = false;
    if (!keys_ok) errors.push_back({"keys", "credentials.trust.errors.keys"});
    else if (e.keys.empty()) errors.push_back({"keys", "credentials.trust.errors.key_required"});
    return e;
}

json page_context(const app::App& app, const Request& req, soci::session& sql) {
    json entries = json::array();
    for (const auto& e : trusted_issuers(sql))
        entries.push_back({{"id", e.id}, {"name", e.name}, {"issuer_ids", e.issuer_ids}, {"keys", e.keys}});
    json log = json::array();
    for (const auto& a : trust_audit(sql, 50)) {
        char when[32];
        std::time_t t = static_cast<std::time_t>(a.at);
        std::tm tm{};
        gmtime_r(&t, &tm);
        std::strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", &tm);
        log.push_back({{"when", when},
                       {"action", app.t(req, "credentials.trust.action." + a.action)},
                       {"name", a.name},
                       {"actor_id", a.actor_id}});
    }
    auto notice = req.query_value("notice");
    return {{"title_key", "credentials.trust.title"},
            {"entries", entries},
            {"none", entries.empty()},
            {"log", log},
            {"has_log", !log.empty()},
            {"saved", notice == "added"},
            {"removed", notice == "removed"}};
}

} // namespace

void install_trust_pages(app::App& app) {
    app::App* self = &app;
    auto agency = AccessRule::roles(accounts::agency_admin);

    app.router.get("/admin/trusted-issuers", agency, [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        return self->views->page(req, "credentials/admin_trusted", page_context(*self, req, *sql));
    });

    app.router.post("/admin/trusted-issuers", agency, [self](Request& req) -> Result<Response> {
        std::vector<FormError> errors;
        auto entry = read_form(req, errors);
        auto sql = self->db->lease();
        if (!errors.empty()) {
            auto ctx = page_context(*self, req, *sql);
            json messages = json::array();
            for (const auto& e : errors) {
                messages.push_back(self->t(req, e.key));
                ctx["invalid_" + e.field] = true;
            }
            ctx["errors"] = messages;
            ctx["form"] = {{"name", req.form_value("name")},
                           {"issuer_ids", req.form_value("issuer_ids")},
                           {"keys", req.form_value("keys")}};
            return self->views->page(req, "credentials/admin_trusted", ctx, http_status(Errc::invalid));
        }
        db::WriteTx tx(*sql);
        auto id = TRY(save_trusted_issuer(*sql, entry, req.principal.user_id));
        tx.commit();
        spdlog::info("credentials: user {} added trusted issuer {} ({})", req.principal.user_id, id, entry.name);
        return Response::redirect("/admin/trusted-issuers?notice=added");
    });

    app.router.post("/admin/trusted-issuers/{id}/remove", agency, [self](Request& req) -> Result<Response> {
        auto sql = self->db->lease();
        db::WriteTx tx(*sql);
        TRY(remove_trusted_issuer(*sql, req.param("id"), req.principal.user_id));
        tx.commit();
        spdlog::info("credentials: user {} removed trusted issuer {}", req.principal.user_id, req.param("id"));
        return Response::redirect("/admin/trusted-issuers?notice=removed");
    });
}

} // namespace mc::credentials
