// Re-evaluating every pathway and requirement for a synthetic workforce (seed-synthetic: about
// ten awards per educator), as a ratio to one plain scan of the same award rows in the same run
// and on the same database. Target: within 3x. The absolute figures are printed beside the ratio.
//   mc_pathways_bench --database sqlite:/path/db --data-dir DIR --educators 100000 [--runs 5]
// An empty database is filled first (seed-synthetic, seed 1).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <vector>

#include <CLI/CLI.hpp>
#include <soci/soci.h>

#include "app/app.hpp"
#include "app/modules.hpp"
#include "pathways/everyone.hpp"
#include "reports/module.hpp"
#include "mc_source_dir.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double median(std::vector<double> v) {
    std::ranges::sort(v);
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char** argv) {
    CLI::App cli{"pathways re-evaluation against a plain scan of the awards"};
    std::string database;
    long long educators = 100000;
    int runs = 5;
    std::string data_dir = (std::filesystem::temp_directory_path() / "mc-pathways-bench").string();
    cli.add_option("--data-dir", data_dir, "the server's data directory (issuer keys)");
    cli.add_option("--database", database, "database URL (sqlite:... or postgresql://...)")->required();
    cli.add_option("--educators", educators, "synthetic educators when the database is empty");
    cli.add_option("--runs", runs, "measured runs of each (median reported)");
    CLI11_PARSE(cli, argc, argv);
    runs = std::clamp(runs, 1, 50);

    mc::app::Config config;
    config.database = database;
    config.source_dir = MC_SOURCE_DIR;
    config.data_dir = data_dir;
    auto app = mc::app::App::create(config);
    if (!app) {
        std::cerr << "bench: " << app.error().detail << "\n";
        return 1;
    }
    mc::app::install_modules(**app);
    long long have = 0;
    {
        auto sql = (*app)->db->lease();
        *sql << "SELECT COUNT(*) FROM awards", soci::into(have);
    }
    if (have == 0) {
        if (auto seeded = mc::app::seed_demo(**app); !seeded) {
            std::cerr << "bench: demo: " << seeded.error().detail << "\n";
            return 1;
        }
        mc::reports::SyntheticOptions options;
        options.educators = static_cast<int>(educators);
        if (mc::reports::seed_synthetic_command(**app, options, std::cout, std::cerr) != 0) return 1;
    } else if (auto seeded = mc::app::seed_demo(**app); !seeded) { // the pathway documents
        std::cerr << "bench: demo: " << seeded.error().detail << "\n";
        return 1;
    }

    auto sql = (*app)->db->lease();
    long long now = static_cast<long long>(std::time(nullptr));
    std::vector<double> scan, evaluate;
    long long rows = 0;
    mc::pathways::EveryoneCounts counts;
    for (int i = 0; i < runs + 1; ++i) { // the first of each warms the caches and is not counted
        auto t0 = Clock::now();
        std::string educator, micro_credential;
        long long issued = 0, revoked = 0;
        soci::indicator revoked_ind = soci::i_null;
        soci::statement st = (sql->prepare << "SELECT educator_id, micro_credential_id, issued_at, revoked_at FROM awards",
                              soci::into(educator), soci::into(micro_credential), soci::into(issued),
                              soci::into(revoked, revoked_ind));
        st.execute();
        long long n = 0;
        while (st.fetch()) ++n;
        auto t1 = Clock::now();
        counts = mc::pathways::evaluate_everyone(*sql, now);
        auto t2 = Clock::now();
        rows = n;
        if (i == 0) continue;
        scan.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
        evaluate.push_back(std::chrono::duration<double, std::milli>(t2 - t1).count());
    }
    double s = median(scan), e = median(evaluate);
    std::printf("| measure | median ms | ratio to the scan |\n|---|---|---|\n");
    std::printf("| plain scan of %lld award rows | %.1f | 1.00 |\n", rows, s);
    std::printf("| re-evaluate %lld educators (%lld holdings): every pathway and requirement | %.1f | %.2f |\n",
                counts.educators, counts.holdings, e, e / s);
    std::printf("\n%lld pathways met, %lld requirements evaluated (%lld met, %lld at risk or overdue)\n",
                counts.pathways_met, counts.requirements_evaluated, counts.requirements_met, counts.requirements_at_risk);
    return 0;
}
