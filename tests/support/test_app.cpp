#include "tests/support/test_app.hpp"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include <soci/soci.h>
#include <soci/postgresql/soci-postgresql.h>

#include "app/modules.hpp"
#include "platform/crypto/random.hpp"
#include "platform/db/database.hpp"
#include "mc_source_dir.hpp"

namespace mc::testing {

std::string form_encode(const std::map<std::string, std::string>& form) {
    std::string out;
    for (const auto& [k, v] : form) {
        if (!out.empty()) out += '&';
        out += http::percent_encode(k) + "=" + http::percent_encode(v);
    }
    return out;
}

TestApp::TestApp(bool install_all, bool seed) {
    dir_ = (std::filesystem::temp_directory_path() / ("mc-test-" + crypto::new_id())).string();
    std::filesystem::create_directories(dir_);
    app::Config config;
    config.source_dir = MC_SOURCE_DIR;
    config.data_dir = dir_ + "/data";
    config.port = 0;
    config.threads = 2;
    config.base_url = "http://127.0.0.1:8080";
    if (const char* pg = std::getenv("MICROCRED_TEST_PG"); pg && *pg) {
        // One fresh database per test, dropped afterwards: tests never see each other's rows.
        // SOCI 4.0.3 reads its connect string as "key=value" words and appends "=" to a word
        // without one, so a bare URI names the database "postgres=". A query part keeps it intact.
        std::string url(pg), query = "?connect_timeout=10";
        if (auto q = url.find('?'); q != std::string::npos) {
            query = url.substr(q);
            url.resize(q);
        }
        pg_admin_url_ = url + query;
        pg_database_ = "mc_test_" + crypto::new_id();
        soci::session admin(*soci::factory_postgresql(), db::pg_conninfo(pg_admin_url_));
        admin << "CREATE DATABASE " + pg_database_;
        auto slash = url.rfind('/');
        config.database = url.substr(0, slash + 1) + pg_database_ + query;
    } else {
        config.database = "sqlite:" + dir_ + "/test.db";
    }
    auto created = app::App::create(config);
    if (!created) throw std::runtime_error("TestApp: " + created.error().detail);
    app_ = std::move(*created);
    if (install_all) app::install_modules(*app_);
    if (seed) {
        auto seeded = app::seed_demo(*app_);
        if (!seeded) throw std::runtime_error("TestApp seed: " + seeded.error().detail);
    }
}

TestApp::~TestApp() {
    app_.reset(); // closes the pool before the database is dropped
    if (!pg_database_.empty()) {
        try {
            soci::session admin(*soci::factory_postgresql(), db::pg_conninfo(pg_admin_url_));
            admin << "DROP DATABASE IF EXISTS " + pg_database_;
        } catch (...) {
        }
    }
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
}

http::Response TestApp::Client::send(http::Request req) {
    if (req.path.empty()) {
        auto q = req.target.find('?');
        req.path = http::percent_decode(req.target.substr(0, q), false);
        if (q != std::string::npos) req.query = http::parse_urlencoded(req.target.substr(q + 1));
    }
    req.cookies.insert(cookies.begin(), cookies.end());
    req.remote_addr = "127.0.0.1";
    if (req.header("content-type").starts_with("application/x-www-form-urlencoded"))
        req.form = http::parse_urlencoded(req.body);
    auto res = owner->app().router.handle(req);
    for (const auto& [k, v] : res.headers) {
        if (k != "Set-Cookie") continue;
        auto eq = v.find('=');
        auto semi = v.find(';');
        auto name = v.substr(0, eq);
        auto value = v.substr(eq + 1, semi - eq - 1);
        if (v.find("Max-Age=0") != std::string::npos)
            cookies.erase(name);
        else
            cookies[name] = value;
        if (name == "mc_csrf") csrf = value;
    }
    // Signed-in pages carry the session-bound token in a meta tag.
    auto meta = res.body.find("name=\"csrf-token\" content=\"");
    if (meta != std::string::npos) {
        auto start = meta + 27;
        auto token = res.body.substr(start, res.body.find('"', start) - start);
        if (!token.empty()) csrf = token;
    }
    return res;
}

http::Response TestApp::Client::get(const std::string& target, std::map<std::string, std::string> headers) {
    http::Request req;
    req.method = "GET";
    req.target = target;
    for (auto& [k, v] : headers) req.headers[k] = v;
    return send(std::move(req));
}

http::Response TestApp::Client::post(const std::string& target, std::map<std::string, std::string> form,
                                     bool with_csrf) {
    if (with_csrf && csrf.empty()) get("/"); // a first visit hands out the token
    if (with_csrf) form["_csrf"] = csrf;
    http::Request req;
    req.method = "POST";
    req.target = target;
    req.headers["content-type"] = "application/x-www-form-urlencoded";
    req.body = form_encode(form);
    return send(std::move(req));
}

http::Response TestApp::Client::sign_in(const std::string& email, const std::string& password) {
    get("/sign-in");
    auto res = post("/sign-in", {{"email", email}, {"password", password}});
    if (res.status == 303) get(res.header_value("Location"));
    return res;
}

} // namespace mc::testing
