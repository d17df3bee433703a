#include "tests/catalog/catalog_test_support.hpp"

#include <ctime>
#include <stdexcept>

#include <soci/soci.h>

#include "catalog/seed.hpp"
#include "platform/crypto/random.hpp"
#include "mc_source_dir.hpp"

namespace mc::testing {

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
    // A first visit, as a browser makes one: it is handed the anonymous CSRF cookie, which the
    // client would otherwise pick up on the test's first page; the session's own token wins.
    c.get("/catalog");
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
