// Settings of one server process. Defaults give the embedded demo (SQLite under ./data);
// every field can be set from the environment (MICROCRED_*) or the command line.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace mc::app {

struct Config {
    std::string address = "127.0.0.1";
    std::uint16_t port = 8080;
    unsigned threads = 8;
    std::string base_url;  // public origin for links, ids and QR codes; default http://address:port
    std::string database = "sqlite:data/microcred.db";
    std::filesystem::path data_dir = "data";   // evidence files, keys (mode 0700)
    std::filesystem::path source_dir;          // where web/ and migrations/ live
    std::string smtp_host = "127.0.0.1";
    std::uint16_t smtp_port = 2525;
    std::string mail_from = "microcred <no-reply@microcred.local>";
    bool secure_cookies = false;               // true when base_url is https
    bool base_url_derived = false;             // base_url came from address:port, not from the operator
    std::uint64_t max_upload_bytes = 2ull * 1024 * 1024 * 1024; // 2 GiB evidence files

    std::filesystem::path web_dir() const { return source_dir / "web"; }
    std::filesystem::path migrations_dir() const { return source_dir / "migrations"; }
    std::filesystem::path evidence_dir() const { return data_dir / "evidence"; }

    // Reads MICROCRED_* variables over the defaults.
    void apply_environment();
    void finish(); // derives base_url, secure_cookies
    // With --port 0 the port is known only once the server listens: links must carry the real one.
    void listening_on(std::uint16_t bound_port);
};

} // namespace mc::app
