#include "app/modules.hpp"

#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <ctime>
#include <iostream>
#include <memory>
#include <mutex>
#include <thread>

#include <spdlog/spdlog.h>

#include "accounts/module.hpp"
#include "app/home.hpp"
#include "assessment/module.hpp"
#include "catalog/module.hpp"
#include "credentials/verify/cli.hpp"
#include "credentials/web/bulk_issue.hpp"
#include "credentials/web/module.hpp"
#include "evidence/module.hpp"
#include "incentives/module.hpp"
#include "ob3api/module.hpp"
#include "pathways/module.hpp"
#include "reports/module.hpp"
#include "surveys/module.hpp"

namespace mc::app {

// Order matters: accounts installs the session gate every other route relies on.
void install_modules(App& app) {
    accounts::install(app);
    install_home(app);
    catalog::install(app);
    evidence::install(app);
    assessment::install(app);
    credentials::install(app);
    surveys::install(app);
    pathways::install(app);
    incentives::install(app);
    reports::install(app);
    ob3api::install(app);
}

// Demo data in dependency order: people and organizations, then the catalog, then the issuer.
Result<void> seed_demo(App& app) {
    TRY(accounts::seed_demo(app));
    TRY(catalog::seed_demo(app));
    TRY(credentials::seed_demo(app));
    TRY(evidence::seed_demo(app));
    TRY(assessment::seed_demo(app));
    TRY(surveys::seed_demo(app));
    TRY(pathways::seed_demo(app));
    TRY(incentives::seed_demo(app));
    TRY(reports::seed_demo(app));
    return {};
}

namespace {
// One sweeper thread runs every domain's App::background_jobs; stopping wakes it at once.
struct Sweeper {
    std::mutex mutex;
    std::condition_variable wake;
    bool stopping = false;
    std::thread thread;
};
Sweeper& sweeper() {
    static Sweeper s;
    return s;
}
} // namespace

void start_background(App& app) {
    accounts::start_background(app);
    auto& s = sweeper();
    s.stopping = false;
    s.thread = std::thread([&app, &s] {
        std::unique_lock lock(s.mutex);
        std::vector<long long> last_run(app.background_jobs.size(), 0);
        while (!s.stopping) {
            lock.unlock();
            long long now = static_cast<long long>(std::time(nullptr));
            for (std::size_t i = 0; i < app.background_jobs.size(); ++i) {
                const auto& job = app.background_jobs[i];
                if (last_run[i] != 0 && now - last_run[i] < job.every_seconds) continue;
                last_run[i] = now;
                try {
                    job.run(app, now);
                } catch (const std::exception& e) {
                    spdlog::error("background job {}: {}", job.name, e.what());
                }
            }
            lock.lock();
            s.wake.wait_for(lock, std::chrono::seconds(30), [&s] { return s.stopping; });
        }
    });
}

void stop_background(App& app) {
    auto& s = sweeper();
    {
        std::lock_guard lock(s.mutex);
        s.stopping = true;
    }
    s.wake.notify_all();
    if (s.thread.joinable()) s.thread.join();
    accounts::stop_background(app);
}

std::vector<ModuleCommand> add_module_commands(CLI::App& cli, Config& config,
                                               const std::function<void(CLI::App*)>& add_common) {
    std::vector<ModuleCommand> commands;

    // credentials: verify files offline; issue from a CSV file (needs the database and the issuer key).
    auto* credentials = cli.add_subcommand("credentials", "work with Open Badges 3.0 credentials");
    credentials->require_subcommand(1);
    auto files = std::make_shared<std::vector<std::string>>();
    auto verify_options = std::make_shared<credentials::OfflineOptions>();
    auto* verify = credentials->add_subcommand(
        "verify", "verify credential files offline (JSON, JWT, PNG, SVG). Exit code: 0 valid and issuer confirmed "
                  "(signed with a --trust-key key), 3 signature intact but issuer NOT confirmed, 1 not valid, 2 usage");
    verify->add_option("--trust-key", verify_options->trusted_keys,
                       "an issuer's Ed25519 public key (multibase z6Mk..., from its issuer page) that confirms it; repeatable");
    verify->add_option("files", *files, "credential files")->required()->check(CLI::ExistingFile);
    commands.push_back({.command = verify, .offline = [files, verify_options] {
                            return credentials::verify_files(*files, std::cout, *verify_options);
                        }});

    auto bulk = std::make_shared<credentials::BulkCliOptions>();
    auto* issue = credentials->add_subcommand("issue", "issue one achievement to every recipient of a CSV file "
                                                       "(columns name,email; optional identifier,validFrom)");
    add_common(issue);
    issue->add_option("--achievement", bulk->achievement, "published version id, or micro-credential id or slug")
        ->required();
    issue->add_option("--csv", bulk->csv_path, "recipient list (CSV with a header row)")->required();
    issue->add_option("--locale", bulk->locale, "language of the credential texts (en or es)")
        ->check(CLI::IsMember({"en", "es"}));
    issue->add_flag("--skip-invalid", bulk->skip_invalid, "issue the correct rows even when other rows have errors");
    issue->add_option("--base-url", config.base_url, "public origin of the server (issuer and status-list URLs)");
    commands.push_back({.command = issue, .run = [bulk](App& app) {
                            bulk->progress_bar = ::isatty(STDERR_FILENO) == 1;
                            return credentials::bulk_issue_command(app, *bulk, std::cout, std::cerr);
                        }});

    // reports: a synthetic workforce on top of the demo data.
    auto synthetic = std::make_shared<reports::SyntheticOptions>();
    auto* seed = cli.add_subcommand("seed-synthetic", "fill the database with a synthetic workforce (same seed, same data)");
    add_common(seed);
    seed->add_option("--educators", synthetic->educators, "how many educators (about ten submissions each)")->required();
    seed->add_option("--seed", synthetic->seed, "seed of the generator (default 1)");
    seed->add_option("--until", synthetic->until, "the synthetic today, YYYY-MM-DD (default 2026-12-01)");
    commands.push_back({.command = seed, .run = [synthetic](App& app) {
                            if (auto seeded = seed_demo(app); !seeded) {
                                std::cerr << "microcred: demo data: " << seeded.error().detail << "\n";
                                return 1;
                            }
                            return reports::seed_synthetic_command(app, *synthetic, std::cout, std::cerr);
                        }});
    return commands;
}

} // namespace mc::app
