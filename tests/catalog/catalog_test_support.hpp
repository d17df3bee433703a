// Helpers for the catalog's integration tests: signed-in sessions made directly in the
// database (independent of the sign-in pages), and the small test catalog in data/.
#pragma once

#include <cstdint>
#include <string>

#include "catalog/seed.hpp"
#include "tests/support/test_app.hpp"

namespace mc::testing {

// Creates a user with these roles and a session for it, and puts the session cookie and its
// CSRF token into the client. Returns the user id.
std::string sign_in_as(TestApp& t, TestApp::Client& c, std::uint32_t roles, const std::string& name = "Test User");

// Loads tests/catalog/data (one framework, two published micro-credentials).
void seed_test_catalog(TestApp& t);

// A count from the database, for "nothing changed" checks.
long long count_rows(TestApp& t, const std::string& sql_text);
std::string query_text(TestApp& t, const std::string& sql_text);

// A JSON request (PUT/POST) with the client's CSRF token in the header.
http::Response send_json(TestApp::Client& c, const std::string& method, const std::string& target,
                         const std::string& body, bool with_csrf = true);

} // namespace mc::testing
