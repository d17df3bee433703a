#include "ob3api/oauth.hpp"

#include <algorithm>

#include "platform/crypto/random.hpp"
#include "platform/http/router.hpp"
#include "platform/text/utf8.hpp"

namespace mc::ob3api {

using nlohmann::json;

namespace {

constexpr std::string_view kScopeBase = "https://purl.imsglobal.org/spec/ob/v3p0/scope/";

std::size_t utf8_chars(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// Splits scheme://authority/rest; false when the shape is wrong.
struct UriParts {
    std::string scheme, host; // host in lower case, without port; IPv6 keeps its brackets
    bool has_port = false;
};
std::optional<UriParts> split_uri(std::string_view uri) {
    if (uri.empty() || uri.size() > kMaxUriBytes || !text::is_clean_line(uri)) return std::nullopt;
    for (unsigned char c : uri)
        if (c <= 0x20 || c >= 0x7F) return std::nullopt; // one token of printable ASCII
    if (uri.find('#') != std::string_view::npos) return std::nullopt;
    auto colon = uri.find("://");
    if (colon == std::string_view::npos) return std::nullopt;
    UriParts p;
    p.scheme = lower(uri.substr(0, colon));
    auto rest = uri.substr(colon + 3);
    auto end = rest.find_first_of("/?");
    auto authority = rest.substr(0, end);
    if (authority.empty() || authority.find('@') != std::string_view::npos) return std::nullopt;
    std::string_view host = authority;
    if (authority.front() == '[') {
        auto close = authority.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        host = authority.substr(0, close + 1);
        auto after = authority.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':' || after.size() < 2) return std::nullopt;
            p.has_port = true;
        }
    } else {
        auto c = authority.find(':');
        if (c != std::string_view::npos) {
            host = authority.substr(0, c);
            auto port = authority.substr(c + 1);
            if (port.empty() || port.size() > 5 || !std::all_of(port.begin(), port.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
                return std::nullopt;
            p.has_port = true;
        }
    }
    if (host.empty()) return std::nullopt;
    p.host = lower(host);
    return p;
}

bool loopback(const std::string& host) { return host == "127.0.0.1" || host == "[::1]" || host == "localhost"; }

RegistrationProblem problem(std::string error, std::string field, std::string key) {
    return {std::move(error), std::move(field), "ob3api.register." + key};
}

// A one-line text member: absent is "", the wrong type or too long is a problem.
std::optional<RegistrationProblem> text_member(const json& body, const char* name, std::string& out, bool required) {
    auto it = body.find(name);
    if (it == body.end() || it->is_null()) {
        if (required) return problem("invalid_client_metadata", name, "missing");
        return std::nullopt;
    }
    if (!it->is_string()) return problem("invalid_client_metadata", name, "wrong_type");
    out = it->get<std::string>();
    if (required && out.empty()) return problem("invalid_client_metadata", name, "missing");
    if (utf8_chars(out) > kMaxNameChars || !text::is_clean_line(out)) return problem("invalid_client_metadata", name, "bad_text");
    return std::nullopt;
}

std::optional<RegistrationProblem> uri_member(const json& body, const char* name, std::string& out) {
    auto it = body.find(name);
    if (it == body.end() || it->is_null()) return std::nullopt;
    if (!it->is_string()) return problem("invalid_client_metadata", name, "wrong_type");
    out = it->get<std::string>();
    if (!web_uri_allowed(out)) return problem("invalid_client_metadata", name, "bad_uri");
    return std::nullopt;
}

// A list of words drawn from `allowed`; absent gives `fallback`.
std::optional<RegistrationProblem> word_list(const json& body, const char* name, std::initializer_list<std::string_view> allowed,
                                             std::vector<std::string>& out) {
    auto it = body.find(name);
    if (it == body.end() || it->is_null()) return std::nullopt;
    if (!it->is_array() || it->empty() || it->size() > 4) return problem("invalid_client_metadata", name, "wrong_type");
    out.clear();
    for (const auto& v : *it) {
        if (!v.is_string()) return problem("invalid_client_metadata", name, "wrong_type");
        auto w = v.get<std::string>();
        if (std::find(allowed.begin(), allowed.end(), w) == allowed.end())
            return problem("invalid_client_metadata", name, "unsupported");
        out.push_back(w);
    }
    return std::nullopt;
}

} // namespace

std::string_view scope_name(Scope s) {
    switch (s) {
    case credential_readonly: return "credential.readonly";
    case credential_upsert: return "credential.upsert";
    case profile_readonly: return "profile.readonly";
    case profile_update: return "profile.update";
    }
    return "";
}

std::string scope_uri(Scope s) { return std::string(kScopeBase) + std::string(scope_name(s)); }

std::optional<std::uint32_t> parse_scopes(std::string_view text) {
    if (text.size() > 1024) return std::nullopt;
    std::uint32_t bits = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == ' ') {
            ++i;
            continue;
        }
        auto end = text.find(' ', i);
        if (end == std::string_view::npos) end = text.size();
        auto word = text.substr(i, end - i);
        bool known = false;
        for (auto s : every_scope)
            if (word == scope_uri(s)) {
                bits |= s;
                known = true;
            }
        if (!known) return std::nullopt;
        i = end;
    }
    return bits;
}

std::string scope_text(std::uint32_t scopes) {
    std::string out;
    for (auto s : every_scope)
        if (scopes & s) {
            if (!out.empty()) out += ' ';
            out += scope_uri(s);
        }
    return out;
}

bool redirect_uri_allowed(std::string_view uri) {
    auto p = split_uri(uri);
    if (!p) return false;
    if (p->scheme == "https") return true;
    return p->scheme == "http" && loopback(p->host);
}

bool web_uri_allowed(std::string_view uri) { return redirect_uri_allowed(uri); }

json ClientMetadata::to_json() const {
    json j{{"client_name", client_name},
           {"redirect_uris", redirect_uris},
           {"token_endpoint_auth_method", auth_method},
           {"grant_types", json::array({"authorization_code", "refresh_token"})},
           {"response_types", json::array({"code"})},
           {"scope", scope_text(scopes)}};
    auto add = [&](const char* name, const std::string& v) {
        if (!v.empty()) j[name] = v;
    };
    add("client_uri", client_uri);
    add("logo_uri", logo_uri);
    add("tos_uri", tos_uri);
    add("policy_uri", policy_uri);
    add("software_id", software_id);
    add("software_version", software_version);
    return j;
}

ClientMetadata ClientMetadata::from_json(const json& j) {
    ClientMetadata m;
    if (!j.is_object()) return m;
    auto text = [&](const char* name) { return j.contains(name) && j[name].is_string() ? j[name].get<std::string>() : std::string(); };
    m.client_name = text("client_name");
    m.client_uri = text("client_uri");
    m.logo_uri = text("logo_uri");
    m.tos_uri = text("tos_uri");
    m.policy_uri = text("policy_uri");
    m.software_id = text("software_id");
    m.software_version = text("software_version");
    m.auth_method = text("token_endpoint_auth_method");
    if (j.contains("redirect_uris") && j["redirect_uris"].is_array())
        for (const auto& u : j["redirect_uris"])
            if (u.is_string()) m.redirect_uris.push_back(u.get<std::string>());
    m.scopes = parse_scopes(text("scope")).value_or(0);
    return m;
}

RegistrationCheck check_registration(const json& body) {
    RegistrationCheck out;
    if (!body.is_object()) {
        out.problem = problem("invalid_client_metadata", "", "not_object");
        return out;
    }
    ClientMetadata m;
    // Redirect URIs first: RFC 7591 gives them their own error code.
    auto uris = body.find("redirect_uris");
    if (uris == body.end() || uris->is_null()) {
        out.problem = problem("invalid_redirect_uri", "redirect_uris", "missing");
        return out;
    }
    if (!uris->is_array() || uris->empty() || uris->size() > kMaxRedirectUris) {
        out.problem = problem("invalid_redirect_uri", "redirect_uris", "redirect_count");
        return out;
    }
    for (const auto& u : *uris) {
        if (!u.is_string() || !redirect_uri_allowed(u.get<std::string>())) {
            out.problem = problem("invalid_redirect_uri", "redirect_uris", "redirect_uri");
            return out;
        }
        m.redirect_uris.push_back(u.get<std::string>());
    }
    if (auto p = text_member(body, "client_name", m.client_name, true)) return {std::nullopt, p};
    for (auto [name, field] : {std::pair{"client_uri", &m.client_uri}, {"logo_uri", &m.logo_uri}, {"tos_uri", &m.tos_uri},
                               {"policy_uri", &m.policy_uri}})
        if (auto p = uri_member(body, name, *field)) return {std::nullopt, p};
    if (auto p = text_member(body, "software_id", m.software_id, false)) return {std::nullopt, p};
    if (auto p = text_member(body, "software_version", m.software_version, false)) return {std::nullopt, p};

    std::string method;
    if (auto p = text_member(body, "token_endpoint_auth_method", method, false)) return {std::nullopt, p};
    if (!method.empty()) {
        if (method != kAuthBasic && method != kAuthPost && method != kAuthNone) {
            out.problem = problem("invalid_client_metadata", "token_endpoint_auth_method", "unsupported");
            return out;
        }
        m.auth_method = method;
    }
    std::vector<std::string> grants, responses;
    if (auto p = word_list(body, "grant_types", {"authorization_code", "refresh_token"}, grants)) return {std::nullopt, p};
    if (auto p = word_list(body, "response_types", {"code"}, responses)) return {std::nullopt, p};

    auto scope = body.find("scope");
    if (scope != body.end() && !scope->is_null()) {
        if (!scope->is_string()) {
            out.problem = problem("invalid_client_metadata", "scope", "wrong_type");
            return out;
        }
        auto bits = parse_scopes(scope->get<std::string>());
        if (!bits || *bits == 0) {
            out.problem = problem("invalid_client_metadata", "scope", "unknown_scope");
            return out;
        }
        m.scopes = *bits;
    }
    out.metadata = std::move(m);
    return out;
}

bool valid_code_verifier(std::string_view v) {
    if (v.size() < 43 || v.size() > 128) return false;
    return std::all_of(v.begin(), v.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
               c == '_' || c == '~';
    });
}

bool valid_code_challenge(std::string_view c) {
    if (c.size() != 43) return false;
    return std::all_of(c.begin(), c.end(), [](char ch) {
        return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
    });
}

std::string s256_challenge(std::string_view verifier) {
    auto hex = crypto::sha256_hex(verifier);
    std::string raw;
    raw.reserve(32);
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) raw.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    return crypto::base64url_encode(raw);
}

bool pkce_s256_matches(std::string_view verifier, std::string_view challenge) {
    if (!valid_code_verifier(verifier)) return false;
    return http::constant_time_equal(s256_challenge(verifier), challenge);
}

json discovery_document(const std::string& base_url) {
    json scopes = json::object();
    for (auto s : every_scope) scopes[scope_uri(s)] = std::string("microcred: ") + std::string(scope_name(s));
    auto url = [&](std::string_view path) { return base_url + std::string(path); };
    return json{
        {"openapi", "3.0.1"},
        {"info",
         {{"title", "microcred Open Badges 3.0 API"},
          {"version", "3.0"},
          {"description", "Open Badges 3.0 API of microcred, the Service Provider"},
          {"termsOfService", url("/")},
          {"x-imssf-privacyPolicyUrl", url("/")}}},
        {"servers", json::array({{{"url", url("/ims/ob/v3p0")}}})},
        {"paths",
         {{"/credentials", {{"get", {{"operationId", "getCredentials"}}}, {"post", {{"operationId", "upsertCredential"}}}}},
          {"/profile", {{"get", {{"operationId", "getProfile"}}}, {"put", {{"operationId", "putProfile"}}}}},
          {"/discovery", {{"get", {{"operationId", "getServiceDescription"}}}}}}},
        {"components",
         {{"securitySchemes",
           {{"OAuth2ACG",
             {{"type", "oauth2"},
              {"description", "OAuth 2.0 authorization code grant with PKCE S256"},
              {"x-imssf-registrationUrl", url(kRegisterPath)},
              {"x-microcred-revocationUrl", url(kRevokePath)},
              {"flows",
               {{"authorizationCode",
                 {{"authorizationUrl", url(kAuthorizePath)},
                  {"tokenUrl", url(kTokenPath)},
                  {"refreshUrl", url(kTokenPath)},
                  {"x-microcred-revocationUrl", url(kRevokePath)},
                  {"scopes", scopes}}}}}}}}}}},
        // RFC 8414 names as well, for OAuth client libraries that read authorization server metadata.
        {"x-oauth-authorization-server",
         {{"issuer", base_url},
          {"registration_endpoint", url(kRegisterPath)},
          {"authorization_endpoint", url(kAuthorizePath)},
          {"token_endpoint", url(kTokenPath)},
          {"revocation_endpoint", url(kRevokePath)},
          {"scopes_supported", json::array({scope_uri(credential_readonly), scope_uri(credential_upsert),
                                            scope_uri(profile_readonly), scope_uri(profile_update)})},
          {"response_types_supported", json::array({"code"})},
          {"grant_types_supported", json::array({"authorization_code", "refresh_token"})},
          {"code_challenge_methods_supported", json::array({"S256"})},
          {"token_endpoint_auth_methods_supported", json::array({kAuthBasic, kAuthPost, kAuthNone})}}}};
}

} // namespace mc::ob3api
