// The OB 3.0 API's resources, called by apps with an access token (Authorization: Bearer):
// GET /ims/ob/v3p0/credentials (credential.readonly: her own credentials, paged, as JSON or
// compact JWS), GET/PUT /ims/ob/v3p0/profile (profile.readonly / profile.update). Errors are
// imsx_StatusInfo documents, as the spec has them.
#include <algorithm>
#include <charconv>
#include <ctime>
#include <variant>

#include "accounts/user_store.hpp"
#include "credentials/jwt/vc_jwt.hpp"
#include "credentials/model/open_badge.hpp"
#include "credentials/web/award_store.hpp"
#include "credentials/web/issuer_store.hpp"
#include "credentials/web/verify_worker.hpp"
#include "ob3api/import_store.hpp"
#include "ob3api/oauth.hpp"
#include "ob3api/oauth_store.hpp"
#include "ob3api/web.hpp"
#include "platform/crypto/random.hpp"
#include "platform/db/database.hpp"
#include "platform/text/bounded_json.hpp"
#include "platform/text/utf8.hpp"

namespace mc::ob3api {

using http::AccessRule;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

long long now_seconds() { return static_cast<long long>(std::time(nullptr)); }

// imsx_StatusInfo: codeMajor failure, severity error, a codeMinor value from the spec's list.
Response imsx(const app::App& app, const Request& req, int status, const std::string& minor, const std::string& key,
              const std::string& detail = "") {
    auto description = app.t(req, key);
    if (!detail.empty()) description += " (" + detail + ")";
    json body{{"imsx_codeMajor", "failure"},
              {"imsx_severity", "error"},
              {"imsx_description", description},
              {"imsx_codeMinor",
               {{"imsx_codeMinorField",
                 json::array({{{"imsx_codeMinorFieldName", "TargetEndSystem"}, {"imsx_codeMinorFieldValue", minor}}})}}}};
    auto res = Response::json(body.dump(), status);
    res.header("Cache-Control", "no-store");
    return res;
}

// The access token's owner when it is live and holds `needed`; else the 401/403 to answer.
std::variant<TokenOwner, Response> bearer(const app::App& app, const Request& req, Scope needed) {
    auto auth = req.header("authorization");
    std::string token;
    if (auth.size() > 7 && (auth.starts_with("Bearer ") || auth.starts_with("bearer "))) token = auth.substr(7);
    std::optional<TokenOwner> owner;
    if (!token.empty() && token.size() <= 128) {
        auto sql = app.db->lease();
        owner = find_access_token(*sql, crypto::sha256_hex(token), now_seconds());
    }
    if (!owner) {
        auto res = imsx(app, req, 401, "unauthorisedrequest", "ob3api.api.unauthorised");
        res.header("WWW-Authenticate", token.empty() ? "Bearer realm=\"microcred\""
                                                     : "Bearer realm=\"microcred\", error=\"invalid_token\"");
        return res;
    }
    if ((owner->scopes & needed) == 0) {
        auto res = imsx(app, req, 403, "forbidden", "ob3api.api.insufficient_scope", scope_uri(needed));
        res.header("WWW-Authenticate",
                   "Bearer realm=\"microcred\", error=\"insufficient_scope\", scope=\"" + scope_uri(needed) + "\"");
        return res;
    }
    return *owner;
}

// A whole number in [low, high] from the query; nullopt when malformed or out of range.
std::optional<long long> whole(std::string_view text, long long low, long long high) {
    if (text.empty() || text.size() > 9) return std::nullopt;
    long long v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || v < low || v > high) return std::nullopt;
    return v;
}

// ISO 8601 as the spec's "since": 2026-12-01, 2026-12-01T10:00:00Z, with optional fraction and
// +00:00 / -05:00 offsets. nullopt when not one of those.
std::optional<long long> parse_since(std::string_view s) {
    auto digits = [&](std::size_t at, std::size_t n) -> std::optional<int> {
        if (at + n > s.size()) return std::nullopt;
        int v = 0;
        for (std::size_t i = at; i < at + n; ++i) {
            if (s[i] < '0' || s[i] > '9') return std::nullopt;
            v = v * 10 + (s[i] - '0');
        }
        return v;
    };
    if (s.size() > 40) return std::nullopt;
    auto y = digits(0, 4), mo = digits(5, 2), d = digits(8, 2);
    if (!y || !mo || !d || s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    if (*mo < 1 || *mo > 12 || *d < 1 || *d > 31) return std::nullopt;
    std::tm tm{};
    tm.tm_year = *y - 1900;
    tm.tm_mon = *mo - 1;
    tm.tm_mday = *d;
    long long offset = 0;
    if (s.size() > 10) {
        if (s[10] != 'T' && s[10] != 't') return std::nullopt;
        auto h = digits(11, 2), mi = digits(14, 2), sec = digits(17, 2);
        if (!h || !mi || !sec || s.size() < 19 || s[13] != ':' || s[16] != ':' || *h > 23 || *mi > 59 || *sec > 60)
            return std::nullopt;
        tm.tm_hour = *h;
        tm.tm_min = *mi;
        tm.tm_sec = *sec;
        std::size_t i = 19;
        if (i < s.size() && s[i] == '.') {
            ++i;
            std::size_t start = i;
            while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
            if (i == start) return std::nullopt;
        }
        if (i >= s.size()) return std::nullopt; // a time needs its zone
        if (s[i] == 'Z' || s[i] == 'z') {
            if (i + 1 != s.size()) return std::nullopt;
        } else if (s[i] == '+' || s[i] == '-') {
            auto oh = digits(i + 1, 2), om = digits(i + 4, 2);
            if (!oh || !om || i + 6 != s.size() || s[i + 3] != ':') return std::nullopt;
            offset = (*oh * 3600LL + *om * 60LL) * (s[i] == '+' ? 1 : -1);
        } else {
            return std::nullopt;
        }
    }
    return static_cast<long long>(timegm(&tm)) - offset;
}

std::string page_url(const app::App& app, long long limit, long long offset, const std::string& since,
                     const std::string& format) {
    std::string url = app.config.base_url + "/ims/ob/v3p0/credentials?limit=" + std::to_string(limit) +
                      "&offset=" + std::to_string(offset);
    if (!since.empty()) url += "&since=" + http::percent_encode(since);
    if (!format.empty()) url += "&format=" + format;
    return url;
}

Response credentials_answer(app::App& app, Request& req) {
    auto who = bearer(app, req, credential_readonly);
    if (auto* refused = std::get_if<Response>(&who)) return std::move(*refused);
    const auto& owner = std::get<TokenOwner>(who);

    long long limit = 50, offset = 0, since = 0;
    if (auto v = req.query_value("limit"); !v.empty()) {
        auto n = whole(v, 1, 100000);
        if (!n) return imsx(app, req, 400, "invalid_selection_field", "ob3api.api.bad_limit", "limit");
        limit = std::min<long long>(*n, 100);
    }
    if (auto v = req.query_value("offset"); !v.empty()) {
        auto n = whole(v, 0, 100000000);
        if (!n) return imsx(app, req, 400, "invalid_selection_field", "ob3api.api.bad_offset", "offset");
        offset = *n;
    }
    auto since_text = req.query_value("since");
    if (!since_text.empty()) {
        auto t = parse_since(since_text);
        if (!t) return imsx(app, req, 400, "invalid_selection_field", "ob3api.api.bad_since", "since");
        since = *t;
    }
    auto format = req.query_value("format");
    if (!format.empty() && format != "json" && format != "jws")
        return imsx(app, req, 400, "invalid_selection_field", "ob3api.api.bad_format", "format");

    auto sql = app.db->lease();
    std::vector<credentials::AwardRecord> mine;
    for (auto& a : credentials::awards_of(*sql, owner.educator_id))
        if (!a.revoked_at && a.issued_at >= since) mine.push_back(std::move(a));
    std::sort(mine.begin(), mine.end(), [](const auto& a, const auto& b) {
        return a.issued_at != b.issued_at ? a.issued_at < b.issued_at : a.id < b.id;
    });
    long long total = static_cast<long long>(mine.size());

    json body{{"credential", json::array()}, {"compactJwsString", json::array()}};
    std::optional<credentials::SigningKey> key;
    for (long long i = offset; i < std::min(total, offset + limit); ++i) {
        const auto& c = mine[static_cast<std::size_t>(i)].credential;
        if (format != "jws") {
            body["credential"].push_back(c);
            continue;
        }
        if (!key) {
            auto issuer = credentials::default_issuer(*sql);
            if (!issuer) return imsx(app, req, 500, "internal_server_error", "ob3api.api.internal");
            auto k = credentials::active_signing_key(app, *sql, issuer->id);
            if (!k) return imsx(app, req, 500, "internal_server_error", "ob3api.api.internal");
            key.emplace(std::move(*k));
        }
        json vc = c;
        vc.erase("proof"); // the JWS secures this copy
        auto jws = credentials::sign_vc_jwt(vc, key->key, {.kid = key->verification_method});
        if (!jws) return imsx(app, req, 500, "internal_server_error", "ob3api.api.internal");
        body["compactJwsString"].push_back(*jws);
    }
    if (body["credential"].empty()) body.erase("credential");
    if (body["compactJwsString"].empty()) body.erase("compactJwsString");

    auto res = Response::json(body.dump());
    res.header("X-Total-Count", std::to_string(total));
    std::vector<std::string> links;
    auto link = [&](long long o, const char* rel) {
        links.push_back("<" + page_url(app, limit, o, since_text, format) + ">; rel=\"" + rel + "\"");
    };
    long long last = total == 0 ? 0 : ((total - 1) / limit) * limit;
    if (offset + limit < total) link(offset + limit, "next");
    link(last, "last");
    link(0, "first");
    if (offset > 0) link(std::max<long long>(0, offset - limit), "prev");
    std::string header;
    for (const auto& l : links) header += (header.empty() ? "" : ", ") + l;
    res.header("Link", header);
    res.header("Cache-Control", "no-store");
    return res;
}

json profile_document(const app::App& app, const accounts::User& u) {
    (void)app;
    return json{{"@context", json::array({"https://www.w3.org/ns/credentials/v2", credentials::kObContext})},
                {"id", "urn:microcred:educator:" + u.id},
                {"type", json::array({"Profile"})},
                {"name", u.display_name},
                {"email", u.email}};
}

Response profile_answer(app::App& app, Request& req) {
    auto who = bearer(app, req, profile_readonly);
    if (auto* refused = std::get_if<Response>(&who)) return std::move(*refused);
    auto sql = app.db->lease();
    auto u = accounts::find_user(*sql, std::get<TokenOwner>(who).educator_id);
    if (!u) return imsx(app, req, 404, "unknownobject", "ob3api.api.unknown");
    auto res = Response::json(profile_document(app, *u).dump());
    res.header("Cache-Control", "no-store");
    return res;
}

// PUT: the educator's name is the one member an app may change; others are left as they are.
Response put_profile_answer(app::App& app, Request& req) {
    auto who = bearer(app, req, profile_update);
    if (auto* refused = std::get_if<Response>(&who)) return std::move(*refused);
    if (req.header("content-type").find("json") == std::string::npos)
        return imsx(app, req, 415, "invalid_data", "ob3api.api.not_json");
    auto parsed = text::parse_untrusted_json(req.body, {.max_bytes = 16 * 1024, .max_depth = 8});
    if (!parsed || !parsed->is_object()) return imsx(app, req, 400, "invalid_data", "ob3api.api.not_json");
    auto name_it = parsed->find("name");
    if (name_it == parsed->end() || !name_it->is_string())
        return imsx(app, req, 422, "invalid_data", "ob3api.api.bad_name", "name");
    auto name = name_it->get<std::string>();
    std::size_t chars = 0;
    for (unsigned char c : name)
        if ((c & 0xC0) != 0x80) ++chars;
    bool blank = name.find_first_not_of(' ') == std::string::npos;
    if (blank || chars > 100 || !text::is_clean_line(name))
        return imsx(app, req, 422, "invalid_data", "ob3api.api.bad_name", "name");
    auto sql = app.db->lease();
    auto u = accounts::find_user(*sql, std::get<TokenOwner>(who).educator_id);
    if (!u) return imsx(app, req, 404, "unknownobject", "ob3api.api.unknown");
    {
        db::WriteTx tx(*sql);
        auto p = accounts::load_profile(*sql, *u);
        p.display_name = name;
        accounts::save_profile(*sql, u->id, p, false);
        tx.commit();
    }
    u = accounts::find_user(*sql, u->id);
    auto res = Response::json(profile_document(app, *u).dump());
    res.header("Cache-Control", "no-store");
    return res;
}

// POST: an app brings a credential from elsewhere into her wallet (scope credential.upsert).
// Verified on the way in with the same checker as /verify; kept with its verdict and trust.
// 201 new, 200 replaced (same credential id, new body), 304 the same body again or one of her
// own credentials from this agency (already in her wallet: a round trip changes nothing).
Response upsert_answer(app::App& app, Request& req) {
    auto who = bearer(app, req, credential_upsert);
    if (auto* refused = std::get_if<Response>(&who)) return std::move(*refused);
    const auto& owner = std::get<TokenOwner>(who);
    auto type = req.header("content-type");
    bool as_json = type.find("json") != std::string::npos;
    bool as_jws = type.find("text/plain") != std::string::npos || type.find("jwt") != std::string::npos;
    if (!as_json && !as_jws) return imsx(app, req, 415, "invalid_data", "ob3api.api.upsert_type");
    if (req.body.empty() || req.body.size() > credentials::kCredentialJsonLimits.max_bytes)
        return imsx(app, req, 400, "invalid_data", "ob3api.api.upsert_type");
    std::string body = req.body;
    if (as_jws) {
        while (!body.empty() && (body.back() == '\n' || body.back() == '\r' || body.back() == ' ')) body.pop_back();
    }

    auto sql = app.db->lease();
    auto checked = credentials::verify_input_isolated(app, *sql, body);
    if (!checked) return imsx(app, req, 503, "server_busy", "ob3api.api.could_not_check");
    const auto& report = *checked;
    using credentials::Verdict;
    if (report.verdict == Verdict::invalid || report.verdict == Verdict::not_a_credential)
        return imsx(app, req, 400, "invalid_data", "ob3api.api.not_valid",
                    std::string(credentials::verdict_name(report.verdict)));

    std::string key = report.credential_id.empty() ? crypto::sha256_hex(body) : report.credential_id;
    if (key.size() > 512) return imsx(app, req, 400, "invalid_data", "ob3api.api.not_valid", "id");
    if (report.trust == credentials::Trust::agency) {
        bool hers = false;
        for (const auto& a : credentials::awards_of(*sql, owner.educator_id))
            if (a.credential.value("id", std::string()) == report.credential_id) hers = true;
        if (!hers) return imsx(app, req, 422, "invalid_data", "ob3api.api.not_hers");
        auto res = Response::text("", 304);
        res.header("Cache-Control", "no-store");
        return res;
    }
    auto hash = crypto::sha256_hex(body);
    long long now = now_seconds();
    int status = 201;
    {
        db::WriteTx tx(*sql);
        auto existing = find_import(*sql, owner.educator_id, key);
        if (existing && existing->body_hash == hash) {
            auto res = Response::text("", 304);
            res.header("Cache-Control", "no-store");
            return res;
        }
        ImportedCredential c;
        if (existing) {
            c = *existing;
            status = 200;
        } else {
            c.educator_id = owner.educator_id;
            c.credential_key = key;
            c.received_at = now;
        }
        c.body = body;
        c.body_hash = hash;
        c.format = as_jws ? "jws" : "json";
        c.verdict = std::string(credentials::verdict_name(report.verdict));
        c.trust = std::string(credentials::trust_name(report.trust));
        c.issuer_name = report.issuer_name.substr(0, 200);
        c.achievement_name = report.achievement_name.substr(0, 200);
        c.client_id = owner.client_id;
        c.updated_at = now;
        save_import(*sql, c);
        tx.commit();
    }
    auto res = Response::json(report.credential.dump(), status);
    res.header("Cache-Control", "no-store");
    return res;
}

} // namespace

void install_resource_api(app::App& app) {
    app::App* self = &app;
    auto& r = app.router;
    // AccessRule::anyone: the access token, not a session, decides (checked in each handler).
    r.get("/ims/ob/v3p0/credentials", AccessRule::anyone(),
          [self](Request& req) -> Result<Response> { return credentials_answer(*self, req); });
    r.get("/ims/ob/v3p0/profile", AccessRule::anyone(),
          [self](Request& req) -> Result<Response> { return profile_answer(*self, req); });
    auto& put = r.put("/ims/ob/v3p0/profile", AccessRule::anyone(),
                      [self](Request& req) -> Result<Response> { return put_profile_answer(*self, req); });
    put.csrf = false; // bearer tokens are not sent by browsers on their own
    put.body_limit = 16 * 1024 + 1;
    auto& upsert = r.post("/ims/ob/v3p0/credentials", AccessRule::anyone(),
                          [self](Request& req) -> Result<Response> { return upsert_answer(*self, req); });
    upsert.csrf = false;
    upsert.body_limit = credentials::kCredentialJsonLimits.max_bytes + 1;
}

} // namespace mc::ob3api
