#include "platform/http/router.hpp"

#include <limits>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "platform/http/edge_text.hpp"
#include "platform/http/field_error.hpp"

namespace mc::http {

bool AccessRule::allows(const Principal& p) const {
    switch (kind) {
    case Kind::anyone: return true;
    case Kind::signed_in: return p.signed_in();
    case Kind::roles: return p.signed_in() && (p.roles & any_of) != 0;
    }
    return false;
}

bool is_unsafe_method(std::string_view m) {
    return m != "GET" && m != "HEAD" && m != "OPTIONS";
}

bool constant_time_equal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    unsigned char diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

namespace {
// Splits "/a/b/c" into {"a","b","c"}; empty segments are kept so "/a//b" does not match "/a/b".
std::vector<std::string_view> segments(std::string_view path) {
    std::vector<std::string_view> out;
    if (!path.empty() && path.front() == '/') path.remove_prefix(1);
    while (true) {
        auto slash = path.find('/');
        out.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash + 1);
    }
    return out;
}

bool match_pattern(std::string_view pattern, std::string_view path,
                   std::map<std::string, std::string>& params) {
    auto ps = segments(pattern);
    auto xs = segments(path);
    std::map<std::string, std::string> found;
    for (std::size_t i = 0; i < ps.size(); ++i) {
        if (ps[i] == "*" && i + 1 == ps.size()) {
            std::string rest;
            for (std::size_t j = i; j < xs.size(); ++j) rest += (j > i ? "/" : "") + std::string(xs[j]);
            found["*"] = rest;
            params = std::move(found);
            return true;
        }
        if (i >= xs.size()) return false;
        if (ps[i].size() > 2 && ps[i].front() == '{' && ps[i].back() == '}') {
            if (xs[i].empty()) return false;
            found[std::string(ps[i].substr(1, ps[i].size() - 2))] = std::string(xs[i]);
        } else if (ps[i] != xs[i]) {
            return false;
        }
    }
    if (xs.size() != ps.size()) return false;
    params = std::move(found);
    return true;
}
} // namespace

Route& Router::add(std::string method, std::string pattern, AccessRule access, Handler h) {
    Route r;
    r.method = std::move(method);
    r.pattern = std::move(pattern);
    r.access = access;
    r.handler = std::move(h);
    routes_.push_back(std::move(r));
    return routes_.back();
}
Route& Router::get(std::string p, AccessRule a, Handler h) { return add("GET", std::move(p), a, std::move(h)); }
Route& Router::post(std::string p, AccessRule a, Handler h) { return add("POST", std::move(p), a, std::move(h)); }
Route& Router::put(std::string p, AccessRule a, Handler h) { return add("PUT", std::move(p), a, std::move(h)); }
Route& Router::patch(std::string p, AccessRule a, Handler h) { return add("PATCH", std::move(p), a, std::move(h)); }
Route& Router::del(std::string p, AccessRule a, Handler h) { return add("DELETE", std::move(p), a, std::move(h)); }

Route& Router::stream(std::string method, std::string pattern, AccessRule access, StreamHandler h,
                      std::size_t body_limit) {
    Route r;
    r.method = std::move(method);
    r.pattern = std::move(pattern);
    r.access = access;
    r.stream = std::move(h);
    r.body_limit = body_limit;
    routes_.push_back(std::move(r));
    return routes_.back();
}

Router::Match Router::match(Request& req) const {
    Match m;
    // Exact patterns win over ones with parameters, so "/submissions/new" beats "/submissions/{id}".
    const Route* best = nullptr;
    int best_score = std::numeric_limits<int>::min();
    for (const auto& r : routes_) {
        std::map<std::string, std::string> params;
        if (!match_pattern(r.pattern, req.path, params)) continue;
        bool method_ok = r.method == req.method || (req.method == "HEAD" && r.method == "GET");
        if (!method_ok) {
            m.method_mismatch = true;
            continue;
        }
        int score = static_cast<int>(r.pattern.size()) - 100 * static_cast<int>(params.size());
        if (score > best_score) {
            best = &r;
            best_score = score;
            req.params = std::move(params);
        }
    }
    m.route = best;
    if (best) m.method_mismatch = false;
    return m;
}

std::optional<Error> Router::check(const Route& route, Request& req) const {
    if (!route.access.allows(req.principal)) {
        if (!req.principal.signed_in())
            return Error{Errc::unauthenticated, "errors.sign_in_needed", "access: anonymous on " + route.pattern};
        return Error{Errc::forbidden, "errors.forbidden",
                     "access: user " + req.principal.user_id + " on " + route.pattern};
    }
    if (route.csrf && is_unsafe_method(req.method)) {
        // Only from a header or the form body, never the query string: a URL with the token ends
        // up in logs, browser history and Referer headers, where anyone can lift it.
        std::string sent = req.header("x-csrf-token");
        if (sent.empty()) sent = req.form_value("_csrf");
        const auto& expected = req.principal.csrf_token;
        if (expected.empty() || !constant_time_equal(sent, expected))
            return Error{Errc::forbidden, "errors.csrf", "csrf token missing or wrong on " + route.pattern};
    }
    return std::nullopt;
}

Response Router::render_error(const Request& req, const Error& e) const {
    if (error_renderer_) return error_renderer_(req, e);
    return Response::text(e.key, http_status(e.code));
}

namespace {
bool has_json_body(const Request& req) {
    return !req.body.empty() && req.header("content-type").find("json") != std::string::npos;
}

// A JSON member of the wrong type is the client's mistake: 422 naming the member when the
// handler read it through JsonBody::value(), 422 without a name when it read the tree directly.
// Only for requests that carry a JSON body: the same exception from stored data is our bug (500).
Result<Response> call_handler(const Route& route, Request& req) {
    try {
        return route.handler(req);
    } catch (const FieldTypeError& e) {
        return std::unexpected(field_error(e.field, "errors.wrong_type"));
    } catch (const nlohmann::json::exception& e) {
        if (!has_json_body(req)) throw;
        if (dynamic_cast<const nlohmann::json::type_error*>(&e) == nullptr &&
            dynamic_cast<const nlohmann::json::out_of_range*>(&e) == nullptr)
            throw;
        return fail(Errc::bad_input, "errors.wrong_type", std::string("json: ") + e.what());
    }
}
} // namespace

Response Router::handle(Request& req) const {
    if (gate_) gate_(req);
    auto m = match(req);
    Response res;
    if (!m.route || !m.route->handler) {
        res = m.method_mismatch ? render_error(req, Error{Errc::bad_input, "errors.method_not_allowed", req.method})
                                : render_error(req, Error{Errc::not_found, "errors.not_found", req.path});
        if (m.method_mismatch) res.status = 405;
    } else if (auto refused = check(*m.route, req)) {
        spdlog::info("refused {} {}: {}", req.method, req.path, refused->detail);
        res = render_error(req, *refused);
    } else if (auto bad_text = check_request_text(req)) {
        spdlog::info("refused {} {}: text in {}", req.method, req.path, bad_text->detail);
        res = render_error(req, *bad_text);
    } else {
        auto result = call_handler(*m.route, req);
        if (result) {
            res = std::move(*result);
        } else {
            if (result.error().code == Errc::internal)
                spdlog::error("{} {}: {}", req.method, req.path, result.error().detail);
            else if (!result.error().detail.empty())
                spdlog::info("{} {}: {}", req.method, req.path, result.error().detail);
            res = render_error(req, result.error());
        }
    }
    finish(req, res);
    return res;
}

void Router::finish(const Request& req, Response& res) const {
    for (const auto& c : req.pending_cookies) res.set_cookie(c);
    if (finisher_) finisher_(req, res);
}

StreamStart Router::start_stream(const Route& route, Request& req) const {
    if (gate_) gate_(req);
    auto refused = check(route, req);
    if (!refused) refused = check_request_text(req);
    if (refused) {
        Response res = render_error(req, *refused);
        finish(req, res);
        return res;
    }
    auto started = route.stream(req);
    if (!started) {
        Response res = render_error(req, started.error());
        finish(req, res);
        return res;
    }
    if (auto* res = std::get_if<Response>(&*started)) {
        finish(req, *res);
    }
    return std::move(*started);
}

Response Router::finish_stream(const Request& req, Result<Response> result) const {
    Response res;
    if (result) {
        res = std::move(*result);
    } else {
        if (result.error().code == Errc::internal)
            spdlog::error("{} {}: {}", req.method, req.path, result.error().detail);
        res = render_error(req, result.error());
    }
    finish(req, res);
    return res;
}

} // namespace mc::http
