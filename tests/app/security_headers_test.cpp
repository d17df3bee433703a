// Security headers on every answer (issue 8, item 7): a CSP without inline script and with
// frame-ancestors 'none', nosniff, a Referrer-Policy, no-store on signed-in pages and APIs, HSTS
// only when the base URL is https; and the templates really carry no inline script for the CSP
// to break.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "platform/http/security_headers.hpp"
#include "tests/support/test_app.hpp"
#include "mc_source_dir.hpp"

namespace mc::testing {
namespace {

// The directive's value in a CSP ("script-src 'self'" -> "'self'"), or "" when absent.
std::string directive(const std::string& csp, const std::string& name) {
    std::regex re("(^|;)\\s*" + name + "\\s+([^;]*)");
    std::smatch m;
    return std::regex_search(csp, m, re) ? m[2].str() : std::string();
}

void expect_page_headers(const http::Response& res, const std::string& what) {
    auto csp = res.header_value("Content-Security-Policy");
    EXPECT_EQ(directive(csp, "script-src"), "'self'") << what << ": " << csp;
    EXPECT_EQ(directive(csp, "frame-ancestors"), "'none'") << what;
    EXPECT_EQ(directive(csp, "object-src"), "'none'") << what;
    EXPECT_EQ(res.header_value("X-Content-Type-Options"), "nosniff") << what;
    EXPECT_FALSE(res.header_value("Referrer-Policy").empty()) << what;
}

TEST(SecurityHeaders, AnonymousPagesErrorsAndStaticFilesCarryThem) {
    TestApp t;
    auto c = t.client();
    auto home = c.get("/");
    ASSERT_EQ(home.status, 200);
    expect_page_headers(home, "/");
    expect_page_headers(c.get("/no-such-page"), "404 page");
    auto css = c.get("/static/css/microcred.css");
    ASSERT_EQ(css.status, 200);
    expect_page_headers(css, "static css");
    EXPECT_EQ(css.header_value("Cache-Control"), "public, max-age=3600"); // the route's own rule stays
    EXPECT_EQ(home.header_value("Strict-Transport-Security"), ""); // http base URL: no HSTS
}

TEST(SecurityHeaders, SignedInPagesAndApisAreNotStored) {
    TestApp t(true, true);
    auto c = t.client();
    auto signed_in = c.sign_in("educator@demo.microcred.test", "microcred-demo");
    ASSERT_EQ(signed_in.status, 303);
    auto dashboard = c.get("/dashboard");
    ASSERT_EQ(dashboard.status, 200);
    expect_page_headers(dashboard, "/dashboard");
    EXPECT_EQ(dashboard.header_value("Cache-Control"), "no-store");
    auto me = c.get("/api/v1/me");
    ASSERT_EQ(me.status, 200);
    EXPECT_EQ(me.header_value("Cache-Control"), "no-store");
    auto anonymous_api = t.client().get("/api/v1/me");
    EXPECT_EQ(anonymous_api.header_value("Cache-Control"), "no-store");
}

TEST(SecurityHeaders, HstsOnlyWhenTheBaseUrlIsHttps) {
    http::Request req;
    req.path = "/";
    http::Response plain, secure;
    http::add_security_headers(req, plain, {.https = false});
    http::add_security_headers(req, secure, {.https = true});
    EXPECT_EQ(plain.header_value("Strict-Transport-Security"), "");
    EXPECT_TRUE(secure.header_value("Strict-Transport-Security").starts_with("max-age="));
}

TEST(SecurityHeaders, AHandlersOwnStricterPolicyWins) {
    http::Request req;
    req.path = "/x";
    http::Response res;
    res.header("Content-Security-Policy", "sandbox; default-src 'none'");
    http::add_security_headers(req, res, {});
    int count = 0;
    for (const auto& [k, v] : res.headers) count += k == "Content-Security-Policy";
    EXPECT_EQ(count, 1);
    EXPECT_EQ(res.header_value("Content-Security-Policy"), "sandbox; default-src 'none'");
}

// script-src 'self' blocks inline <script> blocks and on* attributes: none may exist in the
// templates (JSON data blocks are not scripts and stay allowed).
TEST(SecurityHeaders, TemplatesHaveNoInlineScript) {
    std::regex script_tag(R"(<script\b([^>]*)>)", std::regex::icase);
    std::regex handler_attr(R"(<[^>]*\son[a-z]+\s*=)", std::regex::icase);
    std::regex js_url(R"(href\s*=\s*["']?\s*javascript:)", std::regex::icase);
    int files = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(std::string(MC_SOURCE_DIR) + "/web/templates")) {
        if (e.path().extension() != ".mustache") continue;
        ++files;
        std::ifstream in(e.path());
        std::stringstream ss;
        ss << in.rdbuf();
        auto text = ss.str();
        for (std::sregex_iterator it(text.begin(), text.end(), script_tag), end; it != end; ++it) {
            auto attrs = (*it)[1].str();
            bool external = attrs.find("src=") != std::string::npos;
            bool data_block = attrs.find("application/json") != std::string::npos ||
                              attrs.find("application/ld+json") != std::string::npos;
            EXPECT_TRUE(external || data_block) << e.path() << ": " << it->str();
        }
        EXPECT_FALSE(std::regex_search(text, handler_attr)) << e.path() << " has an on* attribute";
        EXPECT_FALSE(std::regex_search(text, js_url)) << e.path() << " has a javascript: URL";
    }
    EXPECT_GT(files, 10);
}

} // namespace
} // namespace mc::testing
