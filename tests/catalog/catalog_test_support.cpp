#include "tests/catalog/catalog_test_support.hpp"

#include <ctime>
#include <stdexcept>

#include <soci/soci.h>

#include "catalog/seed.hpp"
#include "platform/crypto/random.hpp"

namespace mc::testing {

namespace {

// Until the accounts gate is installed by install_modules, tests resolve sessions themselves,
// the same way: sha256 of the mc_session cookie -> sessions row -> user.
void install_test_gate(app::App& app) {
    app::App* self = &app;
    app.router.set_gate([self](http::Request& req) {
        self->base_gate(req);
        auto cookie = req.cookies.find("mc_session");
        if (cookie == req.cookies.end()) return;
        auto sql = self->db->lease();
        std::string hash = crypto::sha256_hex(cookie->second), user_id, csrf, name;
        int roles = 0;
        *sql << "SELECT s.user_id, s.csrf_token, u.display_name, u.roles FROM sessions s JOIN users u "
                "ON u.id = s.user_id WHERE s.id_hash = :h",
            soci::use(hash), soci::into(user_id), soci::into(csrf), soci::into(name), soci::into(roles);
        if (!sql->got_data()) return;
        req.principal.user_id = user_id;
        req.principal.display_name = name;
        req.principal.roles = static_cast<std::uint32_t>(roles);
        req.principal.session_id = hash;
        req.principal.csrf_token = csrf;
    });
}

} // namespace

std::string sign_in_as(TestApp& t, TestApp::Client& c, std::uint32_t roles, const std::string& name) {
    std::string user_id = crypto::new_id(), token = crypto::random_token(32), csrf = crypto::random_token(24);
    std::string email = user_id + "@example.org", hash = crypto::sha256_hex(token);
    long long now = std::time(nullptr), expires = now + 3600;
    int r = static_cast<int>(roles);
    {
        auto sql = t.app().db->lease();
        *sql << "INSERT INTO users (id, email, password_hash, display_name, roles, created_at, updated_at) "
                "VALUES (:id, :e, 'x', :n, :r, :t, :t2)",
            soci::use(user_id), soci::use(email), soci::use(name), soci::use(r), soci::use(now), soci::use(now);
        *sql << "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) "
                "VALUES (:h, :u, :c, :t, :t2, :e)",
            soci::use(hash), soci::use(user_id), soci::use(csrf), soci::use(now), soci::use(now), soci::use(expires);
    }
    c.cookies["mc_session"] = token;
    c.csrf = csrf;
    // Anonymous here means no gate resolves sessions yet: add the test gate.
    auto probe = c.get("/admin/catalog");
    if (probe.status == 303) install_test_gate(t.app());
    c.csrf = csrf;
    return user_id;
}

void seed_test_catalog(TestApp& t) {
    auto seeded = catalog::seed_from(t.app(), std::string(MC_SOURCE_DIR) + "/tests/catalog/data");
    if (!seeded) throw std::runtime_error("seed: " + seeded.error().detail);
}

long long count_rows(TestApp& t, const std::string& sql_text) {
    auto sql = t.app().db->lease();
    long long n = 0;
    *sql << sql_text, soci::into(n);
    return n;
}

std::string query_text(TestApp& t, const std::string& sql_text) {
    auto sql = t.app().db->lease();
    std::string s;
    *sql << sql_text, soci::into(s);
    return s;
}

http::Response send_json(TestApp::Client& c, const std::string& method, const std::string& target,
                         const std::string& body, bool with_csrf) {
    http::Request req;
    req.method = method;
    req.target = target;
    req.headers["content-type"] = "application/json";
    req.headers["accept"] = "application/json";
    if (with_csrf) req.headers["x-csrf-token"] = c.csrf;
    req.body = body;
    return c.send(std::move(req));
}

} // namespace mc::testing
