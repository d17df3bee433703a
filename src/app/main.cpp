// microcred: one binary for the server and the command line.
#include <csignal>
#include <cstring>
#include <filesystem>
#include <iostream>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "app/app.hpp"
#include "app/modules.hpp"
#include "credentials/web/verify_worker.hpp"
#include "evidence/thumbnail_worker.hpp"
#include "platform/http/server.hpp"
#include "platform/process/isolation.hpp"
#include "platform/process/supervisor.hpp"
#include "mc_source_dir.hpp"

namespace {
mc::http::Server* g_server = nullptr;
void on_signal(int) {
    if (g_server) g_server->stop();
}
} // namespace

namespace {
int load_demo(mc::app::App& app) {
    if (auto seeded = mc::app::seed_demo(app); !seeded) {
        std::cerr << "microcred: demo data: " << seeded.error().detail << "\n";
        return 1;
    }
    return 0;
}
} // namespace

// `microcred __worker <kind> [--test-crash-hooks]`: a worker process started by the server
// (platform/process). Not a command for people, so it is not listed in --help.
int run_worker(int argc, char** argv) {
    std::string kind = argv[2];
    for (int i = 3; i < argc; ++i)
        if (std::strcmp(argv[i], "--test-crash-hooks") == 0) mc::process::set_worker_crash_hooks(true);
    if (kind == "verify") return mc::credentials::run_verify_worker();
    if (kind == "thumbnail") return mc::evidence::run_thumbnail_worker();
    return 64;
}

int main(int argc, char** argv) {
    if (argc >= 3 && std::strcmp(argv[1], "__worker") == 0) return run_worker(argc, argv);
    CLI::App cli{"microcred: competency-based micro-credentials for early care and education"};
    cli.require_subcommand(1);
    mc::app::Config config;
    config.source_dir = MC_SOURCE_DIR;
    config.apply_environment();

    auto add_common = [&](CLI::App* sub) {
        sub->add_option("--database", config.database, "sqlite:PATH or postgresql://...");
        sub->add_option("--data-dir", config.data_dir, "folder for evidence files and keys");
        sub->add_option("--source-dir", config.source_dir, "folder holding web/ and migrations/");
    };
    auto* serve = cli.add_subcommand("serve", "run the web server");
    add_common(serve);
    serve->add_option("--address", config.address, "listen address (default 127.0.0.1)");
    serve->add_option("--port", config.port, "listen port (0 picks one)");
    serve->add_option("--threads", config.threads, "io threads");
    serve->add_option("--base-url", config.base_url, "public origin used in links and credential ids");
    bool demo = false;
    serve->add_flag("--demo", demo, "load demo content and accounts on start (idempotent)");
    bool no_supervisor = false;
    serve->add_flag("--no-supervisor", no_supervisor,
                    "serve in this process, without the parent that restarts it after a crash (debugging)");
    int listen_fd = -1;
    serve->add_option("--listen-fd", listen_fd, "a listening socket handed over by the supervisor")->group("");
    bool crash_hooks = false;
    serve->add_flag("--test-crash-hooks", crash_hooks,
                    "TESTS ONLY: a marked input crashes or hangs a worker process (see docs/security.md)");

    auto* migrate = cli.add_subcommand("migrate", "apply database migrations");
    add_common(migrate);
    auto* seed = cli.add_subcommand("seed-demo", "load demo content and demo accounts");
    add_common(seed);

    std::vector<mc::app::ModuleCommand> module_commands = mc::app::add_module_commands(cli, config, add_common);

    CLI11_PARSE(cli, argc, argv);
    const mc::app::ModuleCommand* chosen = nullptr;
    for (const auto& c : module_commands)
        if (c.command->parsed()) chosen = &c;
    if (chosen && chosen->offline) return chosen->offline();

    // The supervisor holds the socket and restarts the serving child; it opens no database.
    if (serve->parsed() && !no_supervisor) {
        std::string error;
        int fd = mc::process::bind_listener(config.address, config.port, error);
        if (fd < 0) {
            std::cerr << "microcred: " << error << "\n";
            return 1;
        }
        std::error_code exe_error;
        auto exe = std::filesystem::read_symlink("/proc/self/exe", exe_error);
        if (exe_error) {
            std::cerr << "microcred: cannot find its own binary: " << exe_error.message() << "\n";
            return 1;
        }
        std::vector<std::string> child{exe.string()};
        for (int i = 1; i < argc; ++i) child.emplace_back(argv[i]);
        child.insert(child.end(), {"--no-supervisor", "--listen-fd", "3"});
        return mc::process::supervise({.child_argv = child, .listen_fd = fd});
    }

    auto app = mc::app::App::create(config);
    if (!app) {
        std::cerr << "microcred: " << app.error().detail << "\n";
        return 1;
    }
    if (migrate->parsed()) {
        std::cout << "schema version " << (*app)->db->schema_version() << "\n";
        return 0;
    }
    mc::app::install_modules(**app);
    if (seed->parsed()) return load_demo(**app);
    if (chosen) return chosen->run(**app);

    // Work on untrusted bytes runs in worker processes: this binary again, in worker mode.
    std::error_code exe_error;
    auto self_exe = std::filesystem::read_symlink("/proc/self/exe", exe_error);
    if (exe_error) {
        std::cerr << "microcred: cannot find its own binary for worker processes: " << exe_error.message() << "\n";
        return 1;
    }
    mc::process::enable_isolation({.executable = self_exe.string(), .crash_hooks = crash_hooks});
    if (crash_hooks) spdlog::warn("--test-crash-hooks is on: marked inputs crash worker processes (tests only)");

    // Listen before the demo is seeded: the issuer's id and every link carry the real port.
    mc::http::Server server((*app)->router, {.address = (*app)->config.address,
                                             .port = (*app)->config.port,
                                             .threads = (*app)->config.threads,
                                             .listen_fd = listen_fd});
    if (auto listening = server.listen(); !listening) {
        std::cerr << "microcred: " << listening.error().detail << "\n";
        return 1;
    }
    (*app)->config.listening_on(server.port());
    if (demo) {
        if (int failed = load_demo(**app)) return failed;
    }

    g_server = &server;
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    // Tests read this line to learn the port when started with --port 0.
    std::cout << "microcred listening on http://" << (*app)->config.address << ":" << server.port() << std::endl;
    mc::app::start_background(**app);
    server.run();
    mc::app::stop_background(**app);
    return 0;
}
