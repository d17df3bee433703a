// The authorization walk: every route the server has, called by every kind of caller (anonymous
// and a demo account for each role, signed in through the real form), with made-up ids.
//
// What each caller may do is written once, in tests/app/access_policy.txt (route x role ->
// allowed); the walk compares what every route actually does with that table, so a wrong rule
// in a route's registration or in a handler fails here, and so does a route without a row.
// Besides the policy, it checks what the router promises on every route, whoever wrote it:
//   - never a 5xx;
//   - a caller the route's AccessRule does not allow is refused: 403 when signed in; when
//     anonymous, 401 JSON under /api/, a 303 to the sign-in page for other GETs, 401 otherwise;
//   - POST/PUT/PATCH/DELETE without the CSRF token never reach the handler (403 for allowed
//     callers; callers not allowed at all get the access refusal, which the router checks first),
//     and with the token the access verdict is the same as for a GET.
// Prints a table of routes x callers (status with the token / without it) into the test log.
#include <gtest/gtest.h>

#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "accounts/roles.hpp"
#include "tests/support/test_app.hpp"

using mc::testing::TestApp;
namespace http = mc::http;

namespace {

struct Caller {
    std::string label;
    std::string email;  // empty: anonymous
    std::string column; // the policy table's column this caller is checked against
};

// One account per column of the policy table, and two more that hold the same roles in Spanish.
const std::vector<Caller> demo_accounts = {
    {"educator", "educator@demo.microcred.test", "educ"},
    {"educadora", "educadora@demo.microcred.test", "educ"},
    {"coach", "coach@demo.microcred.test", "coach"},
    {"assessor", "assessor@demo.microcred.test", "assr"},
    {"assessor2", "assessor2@demo.microcred.test", "assr"},
    {"lead", "lead.assessor@demo.microcred.test", "lead"},
    {"prog.admin", "program.admin@demo.microcred.test", "padm"},
    {"agency.admin", "agency.admin@demo.microcred.test", "aadm"},
    {"auditor", "auditor@demo.microcred.test", "audit"},
    {"director", "director@demo.microcred.test", "dir"},
    {"college", "college@demo.microcred.test", "coll"},
};
// The table's columns (legend in access_policy.txt): anonymous, educator, coach, assessor, lead
// assessor (an assessor with the lead flag), program admin, agency admin, auditor, director,
// college partner.
const std::vector<std::string> policy_columns = {"anon", "educ", "coach", "assr", "lead",
                                                 "padm", "aadm", "audit", "dir",  "coll"};
constexpr int kPatternWidth = 56;
constexpr const char* demo_password = "microcred-demo";

// "/submissions/{id}/files/{file}" -> "/submissions/unknown/files/unknown"; "/static/*" -> "/static/unknown".
std::string concrete_path(const std::string& pattern) {
    static const std::regex param(R"(\{[^/}]+\}|\*$)");
    return std::regex_replace(pattern, param, "unknown");
}

bool is_api(const std::string& path) { return path.starts_with("/api/"); }

// The policy table: "METHOD /pattern" -> column -> allowed. Lines: '#' comments, one header
// line "method route <columns...>", then one row per route with y (allowed) or n (refused).
struct Policy {
    std::map<std::string, std::map<std::string, bool>> rows;
    std::vector<std::string> problems; // what is wrong with the file itself
};

Policy load_policy() {
    Policy p;
    std::ifstream in(MC_ACCESS_POLICY);
    if (!in) {
        p.problems.push_back(std::string("cannot read ") + MC_ACCESS_POLICY);
        return p;
    }
    std::vector<std::string> header;
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream words(line);
        std::vector<std::string> cells;
        for (std::string w; words >> w;) cells.push_back(w);
        if (cells.empty()) continue;
        if (header.empty()) {
            header = cells;
            std::vector<std::string> want{"method", "route"};
            want.insert(want.end(), policy_columns.begin(), policy_columns.end());
            if (header != want) p.problems.push_back("line " + std::to_string(n) + ": header is not 'method route " +
                                                     "anon educ coach assr lead padm aadm audit dir coll'");
            continue;
        }
        if (cells.size() != header.size()) {
            p.problems.push_back("line " + std::to_string(n) + ": " + std::to_string(cells.size()) + " cells, want " +
                                 std::to_string(header.size()));
            continue;
        }
        auto key = cells[0] + " " + cells[1];
        if (p.rows.contains(key)) p.problems.push_back("line " + std::to_string(n) + ": " + key + " twice");
        auto& row = p.rows[key];
        for (std::size_t i = 2; i < cells.size(); ++i) {
            if (cells[i] != "y" && cells[i] != "n")
                p.problems.push_back("line " + std::to_string(n) + ": '" + cells[i] + "' is neither y nor n");
            row[header[i]] = cells[i] == "y";
        }
    }
    if (header.empty()) p.problems.push_back("no header line");
    return p;
}

// A row as it would appear in the table (for a new route: check it is what you mean, then add it).
std::string policy_row(const std::string& key, const std::map<std::string, bool>& verdicts) {
    std::ostringstream out;
    auto space = key.find(' ');
    out << std::left << std::setw(8) << key.substr(0, space) << std::setw(kPatternWidth) << key.substr(space + 1) << " ";
    for (const auto& col : policy_columns) {
        auto it = verdicts.find(col);
        out << std::setw(static_cast<int>(col.size()) + 1) << (it == verdicts.end() ? "?" : it->second ? "y" : "n");
    }
    auto text = out.str();
    return text.substr(0, text.find_last_not_of(' ') + 1);
}

struct Outcome {
    int status = 0;
    std::string location;
    std::string body;
    bool reached_stream = false; // a streaming route accepted the request and returned its body sink
};

class Walker {
public:
    Walker(TestApp& t) : t_(t) {
        for (const auto& lang : t.app().catalog.locales()) {
            forbidden_texts_.push_back(t.app().catalog.text(lang, "errors.forbidden"));
            csrf_texts_.push_back(t.app().catalog.text(lang, "errors.csrf"));
            sign_in_texts_.push_back(t.app().catalog.text(lang, "errors.sign_in_needed"));
        }
    }

    // Anonymous refusal: JSON 401 under /api/, 303 to sign-in for page GETs, 401 otherwise.
    bool anonymous_refusal(const Outcome& o) const {
        if (o.status == 303) return o.location.starts_with("/sign-in");
        return o.status == 401;
    }
    bool access_refusal(const Outcome& o) const { return o.status == 403 && mentions(o, forbidden_texts_, "errors.forbidden"); }
    bool csrf_refusal(const Outcome& o) const { return o.status == 403 && mentions(o, csrf_texts_, "errors.csrf"); }
    bool sign_in_refusal(const Outcome& o) const {
        return (o.status == 401 && mentions(o, sign_in_texts_, "errors.sign_in_needed")) ||
               (o.status == 303 && o.location.starts_with("/sign-in?next="));
    }

    Outcome call(TestApp::Client& c, const http::Route& route, bool with_csrf) {
        auto path = concrete_path(route.pattern);
        http::Request req;
        req.method = route.method;
        req.target = path;
        req.path = path;
        bool api = is_api(path);
        req.headers["accept"] = api ? "application/json" : "text/html";
        if (http::is_unsafe_method(route.method)) {
            if (c.csrf.empty()) c.get("/"); // a first visit hands out the token
            if (api) {
                req.headers["content-type"] = "application/json";
                req.body = "{}";
                if (with_csrf) req.headers["x-csrf-token"] = c.csrf;
            } else {
                req.headers["content-type"] = "application/x-www-form-urlencoded";
                req.body = with_csrf ? mc::testing::form_encode({{"_csrf", c.csrf}}) : "";
            }
        }
        if (route.stream) return call_stream(c, route, std::move(req));
        auto res = c.send(std::move(req));
        return {res.status, res.header_value("Location"), res.body, false};
    }

private:
    // Streaming routes (uploads) are not reachable through Router::handle: go the server's way.
    Outcome call_stream(TestApp::Client& c, const http::Route& route, http::Request req) {
        req.cookies.insert(c.cookies.begin(), c.cookies.end());
        req.remote_addr = "127.0.0.1";
        req.headers["tus-resumable"] = "1.0.0";
        req.headers["upload-length"] = "16";
        if (req.headers["content-type"] == "application/x-www-form-urlencoded" && !req.body.empty()) {
            req.headers["x-csrf-token"] = c.csrf; // a stream body is not a form: the header carries the token
            req.body.clear();
            req.headers["content-type"] = "application/offset+octet-stream";
        }
        t_.app().router.match(req); // fills req.params
        auto started = t_.app().router.start_stream(route, req);
        if (auto* res = std::get_if<http::Response>(&started))
            return {res->status, res->header_value("Location"), res->body, false};
        std::get<std::unique_ptr<http::BodySink>>(started)->abort();
        return {100, "", "", true};
    }

    static bool mentions(const Outcome& o, const std::vector<std::string>& texts, const std::string& key) {
        if (o.body.find(key) != std::string::npos) return true;
        for (const auto& t : texts) {
            if (o.body.find(http::html_escape(t)) != std::string::npos || o.body.find(t) != std::string::npos) return true;
        }
        return false;
    }

    TestApp& t_;
    std::vector<std::string> forbidden_texts_, csrf_texts_, sign_in_texts_;
};

std::string cell(const Outcome& with, const std::optional<Outcome>& without) {
    auto s = [](const Outcome& o) { return o.reached_stream ? std::string("sink") : std::to_string(o.status); };
    return without ? s(with) + "/" + s(*without) : s(with);
}

std::string rule_text(const http::AccessRule& r) {
    using K = http::AccessRule::Kind;
    if (r.kind == K::anyone) return "anyone";
    if (r.kind == K::signed_in) return "signed in";
    std::string out;
    for (auto role : mc::accounts::every_role)
        if (r.any_of & role) out += (out.empty() ? "" : "|") + std::string(mc::accounts::role_name(role));
    return out;
}

struct Signed {
    Caller caller;
    TestApp::Client client;
    http::Principal principal; // what the router should see: roles from the users table
};

// Signs a caller in; returns false (and the sign-in status) when it did not work.
bool sign_in(TestApp& t, Signed& s, int& status) {
    auto res = s.client.sign_in(s.caller.email, demo_password);
    status = res.status;
    return res.status == 303 && s.client.cookies.contains("mc_session");
}

// Walks every route for the given callers; anonymous when `signed` is empty.
void walk(TestApp& t, std::vector<Signed>& callers) {
    Walker w(t);
    const auto& routes = t.app().router.routes();
    ASSERT_FALSE(routes.empty());
    const Policy policy = load_policy();
    ASSERT_TRUE(policy.problems.empty()) << MC_ACCESS_POLICY << ":\n" << testing::PrintToString(policy.problems);
    std::map<std::string, std::map<std::string, bool>> observed; // for the rows printed on a mismatch
    std::set<std::string> differs;

    std::ostringstream table;
    table << "\n" << std::left << std::setw(44) << "route" << std::setw(22) << "access";
    for (const auto& s : callers) table << std::setw(13) << s.caller.label;
    table << "\n";
    int resigned = 0;

    for (const auto& route : routes) {
        table << std::setw(44) << (route.method + " " + route.pattern).substr(0, 43) << std::setw(22)
              << rule_text(route.access).substr(0, 21);
        for (auto& s : callers) {
            const bool anonymous = s.caller.email.empty();
            const bool allowed = route.access.allows(s.principal);
            const bool unsafe = http::is_unsafe_method(route.method);
            const std::string what = route.method + " " + concrete_path(route.pattern) + " as " + s.caller.label +
                                     " (rule: " + rule_text(route.access) + ")";

            auto with = w.call(s.client, route, true);
            std::optional<Outcome> without;
            if (unsafe && route.csrf) without = w.call(s.client, route, false);

            // The policy: refused means the access refusal (403) or "sign in first" (401, or a
            // 303 to the sign-in page), whether the router or the handler said it.
            const std::string key = route.method + " " + route.pattern;
            const bool answered = !(w.access_refusal(with) || w.sign_in_refusal(with));
            observed[key][s.caller.column] = answered;
            if (auto row = policy.rows.find(key); row != policy.rows.end()) {
                const bool want = row->second.at(s.caller.column);
                if (want != answered) differs.insert(key);
                EXPECT_EQ(want, answered) << what << ": access_policy.txt says " << s.caller.column << " is "
                                          << (want ? "allowed" : "refused") << ", the route "
                                          << (answered ? "answered" : "refused") << " (status " << with.status << ")";
            } else {
                differs.insert(key); // no row: EveryRouteHasAPolicyRowAndEveryRowARoute fails; print one
            }

            for (const auto* o : {&with, without ? &*without : nullptr}) {
                if (!o) continue;
                EXPECT_LT(o->status, 500) << what << ": server error\n" << o->body.substr(0, 400);
            }
            if (!allowed) {
                for (const auto* o : {&with, without ? &*without : nullptr}) {
                    if (!o) continue;
                    if (anonymous) {
                        EXPECT_TRUE(w.anonymous_refusal(*o))
                            << what << ": anonymous caller not refused (status " << o->status << ")";
                        if (is_api(concrete_path(route.pattern))) {
                            EXPECT_EQ(o->status, 401) << what << ": API wants 401";
                        } else if (route.method == "GET") {
                            EXPECT_EQ(o->status, 303) << what << ": page GET wants sign-in redirect";
                        }
                    } else {
                        EXPECT_TRUE(w.access_refusal(*o)) << what << ": not refused with 403 (status " << o->status << ")";
                    }
                }
            } else {
                EXPECT_FALSE(w.access_refusal(with) || w.sign_in_refusal(with) || w.csrf_refusal(with))
                    << what << ": allowed caller was refused (status " << with.status << ")\n" << with.body.substr(0, 300);
                if (without) {
                    EXPECT_TRUE(w.csrf_refusal(*without))
                        << what << ": request without CSRF token was not refused with 403 (status " << without->status << ")";
                }
            }
            table << std::setw(13) << cell(with, without);

            // A route may end the session (sign-out): sign in again so later routes see the same caller.
            if (!anonymous && !s.client.cookies.contains("mc_session")) {
                int status = 0;
                ++resigned;
                ASSERT_TRUE(sign_in(t, s, status)) << "could not sign " << s.caller.label << " in again after " << what;
            }
        }
        table << "\n";
    }
    table << "(status with CSRF token / without it for unsafe methods; 'sink' = upload accepted; "
          << resigned << " re-sign-ins after routes that ended the session)\n";
    std::cout << table.str();
    if (!differs.empty()) {
        std::cout << "\nRows as the routes behave (these callers only; '?' = not walked here). Change the code "
                     "or, if the policy really changed, the table:\n";
        for (const auto& key : differs) std::cout << policy_row(key, observed[key]) << "\n";
    }
}

} // namespace

TEST(Authorization, AnonymousCallerOnEveryRoute) {
    TestApp t(true, true);
    std::vector<Signed> callers{{Caller{"anonymous", "", "anon"}, t.client(), {}}};
    walk(t, callers);
}

TEST(Authorization, EveryDemoAccountOnEveryRoute) {
    TestApp t(true, true);
    std::vector<Signed> callers;
    for (const auto& c : demo_accounts) {
        Signed s{c, t.client(), {}};
        int status = 0;
        ASSERT_TRUE(sign_in(t, s, status)) << "demo account " << c.email << " could not sign in (status " << status << ")";
        int roles = 0;
        {
            auto sql = t.app().db->lease();
            *sql << "SELECT roles FROM users WHERE email = :e", soci::use(c.email), soci::into(roles);
        }
        ASSERT_NE(roles, 0) << c.email << " has no roles";
        s.principal.user_id = "signed-in";
        s.principal.roles = static_cast<std::uint32_t>(roles);
        callers.push_back(std::move(s));
    }
    walk(t, callers);
}

// The table and the router agree on which routes exist: a new route needs its row (printed
// below as the routes behave now, to be checked before it is pasted), a removed one loses it.
TEST(Authorization, EveryRouteHasAPolicyRowAndEveryRowARoute) {
    TestApp t(true, false);
    const Policy policy = load_policy();
    ASSERT_TRUE(policy.problems.empty()) << MC_ACCESS_POLICY << ":\n" << testing::PrintToString(policy.problems);
    std::set<std::string> registered;
    std::vector<std::string> missing;
    for (const auto& route : t.app().router.routes()) {
        auto key = route.method + " " + route.pattern;
        registered.insert(key);
        if (!policy.rows.contains(key)) missing.push_back(key);
    }
    std::string listing;
    for (const auto& key : missing) listing += "  " + key + "\n";
    EXPECT_TRUE(missing.empty()) << missing.size() << " routes have no row in " << MC_ACCESS_POLICY
                                 << " (the walk tests print a row for each as it behaves):\n" << listing;
    for (const auto& [key, row] : policy.rows)
        EXPECT_TRUE(registered.contains(key)) << key << " is in the policy table but no such route is registered";
}
