// Routes requests to handlers, and enforces on the server, for every route, the checks a
// handler must never forget: who may call it (AccessRule) and CSRF on unsafe methods.
// Object-level checks (is this *your* submission?) stay in the handlers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "platform/http/http.hpp"

namespace mc::http {

struct AccessRule {
    enum class Kind { anyone, signed_in, roles } kind = Kind::anyone;
    std::uint32_t any_of = 0; // for Kind::roles: the caller needs at least one of these bits

    static AccessRule anyone() { return {Kind::anyone, 0}; }
    static AccessRule signed_in() { return {Kind::signed_in, 0}; }
    static AccessRule roles(std::uint32_t mask) { return {Kind::roles, mask}; }
    bool allows(const Principal& p) const;
};

struct Route {
    std::string method;
    std::string pattern; // "/submissions/{id}/files/{file}"; a trailing "/*" matches the rest as {*}
    AccessRule access;
    Handler handler;       // buffered routes
    StreamHandler stream;  // streaming-body routes (uploads)
    std::size_t body_limit = 1 << 20;
    bool csrf = true; // unsafe methods must echo the CSRF token (tus and form posts alike)
};

class Router {
public:
    Route& get(std::string pattern, AccessRule access, Handler h);
    Route& post(std::string pattern, AccessRule access, Handler h);
    Route& put(std::string pattern, AccessRule access, Handler h);
    Route& patch(std::string pattern, AccessRule access, Handler h);
    Route& del(std::string pattern, AccessRule access, Handler h);
    Route& add(std::string method, std::string pattern, AccessRule access, Handler h);
    Route& stream(std::string method, std::string pattern, AccessRule access, StreamHandler h,
                  std::size_t body_limit);

    // Runs first on every request: resolves the session into req.principal and picks req.locale.
    void set_gate(std::function<void(Request&)> gate) { gate_ = std::move(gate); }
    // Runs after every handler: adds cookies the gate decided on (CSRF double-submit, locale).
    void set_finisher(std::function<void(const Request&, Response&)> f) { finisher_ = std::move(f); }
    // Turns an Error into a page or a JSON body in the caller's language.
    void set_error_renderer(std::function<Response(const Request&, const Error&)> r) {
        error_renderer_ = std::move(r);
    }

    struct Match {
        const Route* route = nullptr;
        bool method_mismatch = false; // path exists with another method: 405
    };
    Match match(Request& req) const; // fills req.params

    // Full dispatch for a buffered request whose body is in req.body.
    Response handle(Request& req) const;

    // For the server's streaming path: gate + access + CSRF, then the stream handler.
    // Returns a Response when the request is refused or answered at once.
    StreamStart start_stream(const Route& route, Request& req) const;
    Response finish_stream(const Request& req, Result<Response> result) const;

    Response render_error(const Request& req, const Error& e) const;
    const std::vector<Route>& routes() const { return routes_; }

private:
    void finish(const Request& req, Response& res) const;
    std::optional<Error> check(const Route& route, Request& req) const;

    std::vector<Route> routes_;
    std::function<void(Request&)> gate_;
    std::function<void(const Request&, Response&)> finisher_;
    std::function<Response(const Request&, const Error&)> error_renderer_;
};

bool is_unsafe_method(std::string_view method);
bool constant_time_equal(std::string_view a, std::string_view b);

} // namespace mc::http
