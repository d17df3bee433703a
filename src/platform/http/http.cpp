#include "platform/http/http.hpp"

#include <algorithm>
#include <cctype>

namespace mc::http {

namespace {
std::string lower(std::string_view s) {
    std::string out(s);
    std::ranges::transform(out, out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}
int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}
template <class Map>
std::string first_of(const Map& m, std::string_view key) {
    auto it = m.find(std::string(key));
    return it == m.end() ? std::string() : it->second;
}
} // namespace

std::string Request::header(std::string_view name) const { return first_of(headers, lower(name)); }
std::string Request::query_value(std::string_view name) const { return first_of(query, name); }
std::string Request::form_value(std::string_view name) const { return first_of(form, name); }
std::string Request::param(std::string_view name) const { return first_of(params, name); }

std::vector<std::string> Request::form_values(std::string_view name) const {
    std::vector<std::string> out;
    auto [a, b] = form.equal_range(std::string(name));
    for (auto it = a; it != b; ++it) out.push_back(it->second);
    return out;
}

bool Request::wants_json() const {
    if (path.starts_with("/api/")) return true;
    auto accept = header("accept");
    auto json = accept.find("application/json");
    auto ld = accept.find("application/ld+json");
    auto html = accept.find("text/html");
    auto best = std::min(json, ld);
    return best != std::string::npos && (html == std::string::npos || best < html);
}

std::string Cookie::serialize() const {
    std::string s = name + "=" + value + "; Path=" + path;
    if (max_age) s += "; Max-Age=" + std::to_string(*max_age);
    if (http_only) s += "; HttpOnly";
    if (secure) s += "; Secure";
    if (!same_site.empty()) s += "; SameSite=" + same_site;
    return s;
}

Response Response::html(std::string body, int status) {
    Response r;
    r.status = status;
    r.body = std::move(body);
    r.header("Content-Type", "text/html; charset=utf-8");
    return r;
}

Response Response::json(std::string body, int status) {
    Response r;
    r.status = status;
    r.body = std::move(body);
    r.header("Content-Type", "application/json");
    return r;
}

Response Response::text(std::string body, int status, std::string content_type) {
    Response r;
    r.status = status;
    r.body = std::move(body);
    r.header("Content-Type", std::move(content_type));
    return r;
}

Response Response::redirect(std::string location, int status) {
    Response r;
    r.status = status;
    r.header("Location", std::move(location));
    return r;
}

Response Response::send_file(std::filesystem::path path, std::string content_type) {
    Response r;
    r.file = std::move(path);
    r.header("Content-Type", std::move(content_type));
    return r;
}

Response& Response::header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
}

Response& Response::set_cookie(const Cookie& cookie) { return header("Set-Cookie", cookie.serialize()); }

std::string Response::header_value(std::string_view name) const {
    auto want = lower(name);
    for (const auto& [k, v] : headers)
        if (lower(k) == want) return v;
    return {};
}

std::string percent_decode(std::string_view s, bool plus_as_space) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '+' && plus_as_space) {
            out += ' ';
        } else if (c == '%' && i + 2 < s.size() &&
                   hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

std::string percent_encode(std::string_view s) {
    static const char* digits = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += digits[c >> 4];
            out += digits[c & 15];
        }
    }
    return out;
}

std::string html_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

std::multimap<std::string, std::string> parse_urlencoded(std::string_view body) {
    std::multimap<std::string, std::string> out;
    while (!body.empty()) {
        auto amp = body.find('&');
        auto pair = body.substr(0, amp);
        body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
        if (pair.empty()) continue;
        auto eq = pair.find('=');
        auto key = percent_decode(pair.substr(0, eq), true);
        auto value = eq == std::string_view::npos ? std::string() : percent_decode(pair.substr(eq + 1), true);
        out.emplace(std::move(key), std::move(value));
    }
    return out;
}

std::map<std::string, std::string> parse_cookies(std::string_view header) {
    std::map<std::string, std::string> out;
    while (!header.empty()) {
        auto semi = header.find(';');
        auto part = header.substr(0, semi);
        header = semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);
        while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
        while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
        auto eq = part.find('=');
        if (eq == std::string_view::npos || eq == 0) continue;
        out.emplace(std::string(part.substr(0, eq)), std::string(part.substr(eq + 1)));
    }
    return out;
}

} // namespace mc::http
