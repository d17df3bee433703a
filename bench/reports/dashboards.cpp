// Dashboards on a large synthetic workforce (seed-synthetic), each page's p95 as a ratio to one
// bare aggregate query over the same data (the submissions table the dashboards summarize), both
// measured in this run on this database; the absolute figures are printed beside the ratios.
//   mc_reports_bench --database sqlite:/path/db --educators 100000 [--runs 40]
// An empty database is filled first (seed-synthetic, seed 1). Requests go through the real
// router in this process, signed in as the demo agency admin and the demo program director.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <soci/soci.h>

#include "app/app.hpp"
#include "app/modules.hpp"
#include "reports/module.hpp"
#include "reports/refresh.hpp"
#include "mc_source_dir.hpp"

namespace {

using Clock = std::chrono::steady_clock;

struct Client {
    mc::app::App& app;
    std::map<std::string, std::string> cookies;
    std::string csrf;
    mc::http::Response send(const std::string& method, const std::string& target, const std::string& body = {}) {
        mc::http::Request req;
        req.method = method;
        req.target = target;
        auto q = target.find('?');
        req.path = target.substr(0, q);
        if (q != std::string::npos) req.query = mc::http::parse_urlencoded(target.substr(q + 1));
        req.cookies = cookies;
        req.remote_addr = "127.0.0.1";
        if (!body.empty()) {
            req.headers["content-type"] = "application/x-www-form-urlencoded";
            req.body = body;
            req.form = mc::http::parse_urlencoded(body);
        }
        auto res = app.router.handle(req);
        for (const auto& [k, v] : res.headers)
            if (k == "Set-Cookie") {
                auto eq = v.find('='), semi = v.find(';');
                cookies[v.substr(0, eq)] = v.substr(eq + 1, semi - eq - 1);
                if (v.substr(0, eq) == "mc_csrf") csrf = v.substr(eq + 1, semi - eq - 1);
            }
        auto meta = res.body.find("name=\"csrf-token\" content=\"");
        if (meta != std::string::npos) csrf = res.body.substr(meta + 27, res.body.find('"', meta + 27) - meta - 27);
        return res;
    }
    bool sign_in(const std::string& email) {
        send("GET", "/sign-in");
        auto res = send("POST", "/sign-in",
                        "email=" + mc::http::percent_encode(email) + "&password=microcred-demo&_csrf=" + csrf);
        return res.status == 303;
    }
};

double p95(std::vector<double> ms) {
    std::sort(ms.begin(), ms.end());
    std::size_t rank = static_cast<std::size_t>(std::ceil(0.95 * static_cast<double>(ms.size())));
    return ms[std::max<std::size_t>(1, rank) - 1];
}

template <class F>
double measure(int runs, F&& f) {
    std::vector<double> ms;
    f(); // warm: caches, the parsed snapshot, templates
    for (int i = 0; i < runs; ++i) {
        auto t = Clock::now();
        f();
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t).count());
    }
    return p95(ms);
}

} // namespace

int main(int argc, char** argv) {
    CLI::App cli{"report dashboards against a bare aggregate query"};
    mc::app::Config config;
    config.source_dir = MC_SOURCE_DIR;
    config.apply_environment();
    long long educators = 100000;
    int runs = 40;
    cli.add_option("--database", config.database)->required();
    cli.add_option("--data-dir", config.data_dir);
    cli.add_option("--source-dir", config.source_dir);
    cli.add_option("--educators", educators);
    cli.add_option("--runs", runs);
    CLI11_PARSE(cli, argc, argv);
    auto created = mc::app::App::create(config);
    if (!created) {
        std::cerr << created.error().detail << "\n";
        return 1;
    }
    auto& app = **created;
    mc::app::install_modules(app);
    long long submissions = 0;
    {
        auto sql = app.db->lease();
        *sql << "SELECT COUNT(*) FROM submissions", soci::into(submissions);
    }
    if (submissions < educators) {
        auto t = Clock::now();
        if (auto seeded = mc::app::seed_demo(app); !seeded) {
            std::cerr << seeded.error().detail << "\n";
            return 1;
        }
        mc::reports::SyntheticOptions opt;
        opt.educators = educators;
        if (int rc = mc::reports::seed_synthetic_command(app, opt, std::cerr, std::cerr)) return rc;
        std::cerr << "seeded in " << std::chrono::duration<double>(Clock::now() - t).count() << " s\n";
        auto sql = app.db->lease();
        *sql << "SELECT COUNT(*) FROM submissions", soci::into(submissions);
    }
    long long enrolled = 0, people = 0;
    {
        auto sql = app.db->lease();
        *sql << "SELECT COUNT(*) FROM enrollments", soci::into(enrolled);
        *sql << "SELECT COUNT(*) FROM users", soci::into(people);
    }
    // The reference: one bare aggregate over the table the dashboards summarize.
    double reference = measure(runs, [&] {
        auto sql = app.db->lease();
        long long n = 0, sum = 0;
        *sql << "SELECT COUNT(*), SUM(attempt) FROM submissions", soci::into(n), soci::into(sum);
    });
    // The periodic job that makes the dashboards fast, measured against the same reference.
    auto t = Clock::now();
    auto report = mc::reports::refresh_agency(app);
    double refresh_ms = std::chrono::duration<double, std::milli>(Clock::now() - t).count();

    Client agency{app, {}, {}}, director{app, {}, {}};
    if (!agency.sign_in("agency.admin@demo.microcred.test") || !director.sign_in("director@demo.microcred.test")) {
        std::cerr << "sign-in failed\n";
        return 1;
    }
    std::string mc_id;
    {
        auto sql = app.db->lease();
        *sql << "SELECT micro_credential_id FROM enrollments GROUP BY micro_credential_id ORDER BY COUNT(*) DESC LIMIT 1",
            soci::into(mc_id);
    }
    std::vector<std::pair<std::string, Client*>> pages = {
        {"/admin/reports", &agency},
        {"/admin/reports/by/micro_credential", &agency},
        {"/admin/reports/by/county", &agency},
        {"/admin/reports/by/program", &agency},
        {"/admin/reports/by/race_ethnicity", &agency},
        {"/admin/reports/trends?period=month", &agency},
        {"/admin/reports/equity", &agency},
        {"/admin/reports/impact", &agency},
        {"/admin/reports/quarterly", &agency},
        {"/admin/reports/micro-credentials/" + mc_id, &agency},
        {"/admin/reports/by/county.csv", &agency},
        {"/api/v1/reports/dimensions/setting", &agency},
        {"/admin/reports (director, live)", &director},
    };
    std::printf("\n%s: %lld people, %lld enrollments, %lld submissions\n\n", app.db->dialect() == mc::db::Dialect::sqlite ? "SQLite" : "PostgreSQL",
                people, enrolled, submissions);
    std::printf("| view | p95 ms | ratio to the bare aggregate |\n|---|---:|---:|\n");
    std::printf("| reference: SELECT COUNT(*), SUM(attempt) FROM submissions | %.1f | 1.00 |\n", reference);
    for (auto& [path, client] : pages) {
        std::string target = path.substr(0, path.find(' '));
        int status = 0;
        double ms = measure(runs, [&] { status = client->send("GET", target).status; });
        std::printf("| %s%s | %.1f | %.2f |\n", path.c_str(), status == 200 ? "" : " (status not 200!)", ms, ms / reference);
    }
    std::printf("| snapshot refresh (the periodic job, once) | %.0f | %.1f |\n", refresh_ms, refresh_ms / reference);
    (void)report;
    return 0;
}
