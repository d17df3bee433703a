#include "credentials/jsonld/iri.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

namespace mc::credentials::jsonld {
namespace {

struct Parts {
    std::optional<std::string_view> scheme, authority, query, fragment;
    std::string_view path;
};

Parts split(std::string_view s) {
    Parts p;
    if (auto hash = s.find('#'); hash != std::string_view::npos) {
        p.fragment = s.substr(hash + 1);
        s = s.substr(0, hash);
    }
    if (auto q = s.find('?'); q != std::string_view::npos) {
        p.query = s.substr(q + 1);
        s = s.substr(0, q);
    }
    if (is_absolute_iri(s)) {
        auto colon = s.find(':');
        p.scheme = s.substr(0, colon);
        s = s.substr(colon + 1);
    }
    if (s.starts_with("//")) {
        auto end = s.find('/', 2);
        p.authority = s.substr(2, end == std::string_view::npos ? std::string_view::npos : end - 2);
        s = end == std::string_view::npos ? std::string_view{} : s.substr(end);
    }
    p.path = s;
    return p;
}

std::string remove_dot_segments(std::string_view in) {
    std::string out;
    while (!in.empty()) {
        if (in.starts_with("../")) in.remove_prefix(3);
        else if (in.starts_with("./")) in.remove_prefix(2);
        else if (in.starts_with("/./")) in.remove_prefix(2);
        else if (in == "/.") in = "/";
        else if (in.starts_with("/../") || in == "/..") {
            in = in.size() == 3 ? std::string_view("/") : in.substr(3);
            auto last = out.rfind('/');
            out.erase(last == std::string::npos ? 0 : last);
        } else if (in == "." || in == "..") in = {};
        else {
            auto next = in.find('/', in.front() == '/' ? 1 : 0);
            out.append(in.substr(0, next));
            in = next == std::string_view::npos ? std::string_view{} : in.substr(next);
        }
    }
    return out;
}

} // namespace

bool is_absolute_iri(std::string_view s) {
    if (s.empty() || !std::isalpha(static_cast<unsigned char>(s[0]))) return false;
    for (std::size_t i = 1; i < s.size(); ++i) {
        char c = s[i];
        if (c == ':') return true;
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return false;
    }
    return false;
}

bool is_blank_node_id(std::string_view s) { return s.starts_with("_:"); }

bool has_keyword_form(std::string_view s) {
    if (s.size() < 2 || s[0] != '@') return false;
    return std::all_of(s.begin() + 1, s.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
}

bool is_keyword(std::string_view s) {
    static constexpr std::array<std::string_view, 29> kw = {
        "@base", "@container", "@context", "@default", "@direction", "@embed", "@explicit",
        "@graph", "@id", "@import", "@included", "@index", "@json", "@language", "@list",
        "@nest", "@none", "@omitDefault", "@prefix", "@preserve", "@propagate", "@protected",
        "@requireAll", "@reverse", "@set", "@type", "@value", "@version", "@vocab"};
    return s.size() > 1 && s[0] == '@' && std::find(kw.begin(), kw.end(), s) != kw.end();
}

bool is_well_formed_iri(std::string_view s) {
    if (!is_absolute_iri(s)) return false;
    if (std::count(s.begin(), s.end(), '#') > 1) return false; // a fragment holds no '#'
    for (char c : s) {
        auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || c == '<' || c == '>' || c == '"' || c == '{' || c == '}' || c == '|' ||
            c == '\\' || c == '^' || c == '`')
            return false;
    }
    return true;
}

bool is_well_formed_language(std::string_view s) {
    // BCP47 shape only: primary subtag of letters, then alphanumeric subtags, each 1-8.
    std::size_t i = 0, n = 0;
    bool first = true;
    while (true) {
        n = 0;
        while (i < s.size() && s[i] != '-') {
            auto c = static_cast<unsigned char>(s[i]);
            if (first ? !std::isalpha(c) : !std::isalnum(c)) return false;
            ++i, ++n;
        }
        if (n == 0 || n > 8) return false;
        if (i == s.size()) return true;
        ++i;
        first = false;
    }
}

std::string resolve_iri(std::string_view base, std::string_view ref) {
    if (base.empty()) return std::string(ref);
    Parts r = split(ref);
    Parts b = split(base);
    std::string scheme, authority, path;
    std::optional<std::string_view> query, authority_opt;
    if (r.scheme) {
        scheme = *r.scheme;
        authority_opt = r.authority;
        path = remove_dot_segments(r.path);
        query = r.query;
    } else {
        scheme = b.scheme.value_or("");
        if (r.authority) {
            authority_opt = r.authority;
            path = remove_dot_segments(r.path);
            query = r.query;
        } else {
            authority_opt = b.authority;
            if (r.path.empty()) {
                path = b.path;
                query = r.query ? r.query : b.query;
            } else {
                if (r.path.front() == '/') {
                    path = remove_dot_segments(r.path);
                } else {
                    std::string merged;
                    if (b.authority && b.path.empty()) merged = "/";
                    else if (auto slash = b.path.rfind('/'); slash != std::string_view::npos)
                        merged = b.path.substr(0, slash + 1);
                    merged += r.path;
                    path = remove_dot_segments(merged);
                }
                query = r.query;
            }
        }
    }
    std::string out;
    if (!scheme.empty()) out += scheme + ':';
    if (authority_opt) {
        out += "//";
        out += *authority_opt;
    }
    out += path;
    if (query) {
        out += '?';
        out += *query;
    }
    if (r.fragment) {
        out += '#';
        out += *r.fragment;
    }
    return out;
}

} // namespace mc::credentials::jsonld
