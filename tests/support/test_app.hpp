// A whole microcred App for integration tests: a real SQLite file in a temporary folder, or a
// fresh database on the PostgreSQL server named by MICROCRED_TEST_PG (the test command starts
// one on 127.0.0.1). Requests go through the real router: gate, access, CSRF, handlers.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "app/app.hpp"
#include "platform/http/http.hpp"

namespace mc::testing {

class TestApp {
public:
    // install_all: every module's routes (as the server has them); seed: the demo data.
    explicit TestApp(bool install_all = true, bool seed = false);
    ~TestApp();

    app::App& app() { return *app_; }
    bool on_postgres() const { return !pg_database_.empty(); }

    // A browser-like client: keeps cookies between requests, sends the CSRF token it was given.
    struct Client {
        TestApp* owner;
        std::map<std::string, std::string> cookies;
        std::string csrf; // learnt from the mc_csrf cookie or a page's csrf meta tag

        http::Response get(const std::string& target, std::map<std::string, std::string> headers = {});
        // Form post (application/x-www-form-urlencoded); adds _csrf unless with_csrf is false.
        http::Response post(const std::string& target, std::map<std::string, std::string> form,
                            bool with_csrf = true);
        http::Response send(http::Request req);
        // Signs in through the real sign-in form; returns the final response.
        http::Response sign_in(const std::string& email, const std::string& password);
    };
    Client client() { return Client{this, {}, {}}; }

private:
    std::unique_ptr<app::App> app_;
    std::string dir_;
    std::string pg_database_;
    std::string pg_admin_url_;
};

// Form-encodes a map (for request bodies).
std::string form_encode(const std::map<std::string, std::string>& form);

} // namespace mc::testing
