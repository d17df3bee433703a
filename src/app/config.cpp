#include "app/config.hpp"
#include "app/storage_limits.hpp"

#include <cstdlib>

namespace mc::app {

namespace {
const char* env(const char* name) {
    const char* v = std::getenv(name);
    return v && *v ? v : nullptr;
}
} // namespace

StorageLimits& storage_limits() {
    static StorageLimits limits;
    return limits;
}

void Config::apply_environment() {
    if (auto v = env("MICROCRED_ADDRESS")) address = v;
    if (auto v = env("MICROCRED_PORT")) port = static_cast<std::uint16_t>(std::atoi(v));
    if (auto v = env("MICROCRED_THREADS")) threads = static_cast<unsigned>(std::atoi(v));
    if (auto v = env("MICROCRED_BASE_URL")) base_url = v;
    if (auto v = env("MICROCRED_DATABASE")) database = v;
    if (auto v = env("MICROCRED_DATA_DIR")) data_dir = v;
    if (auto v = env("MICROCRED_SOURCE_DIR")) source_dir = v;
    if (auto v = env("MICROCRED_SMTP_HOST")) smtp_host = v;
    if (auto v = env("MICROCRED_SMTP_PORT")) smtp_port = static_cast<std::uint16_t>(std::atoi(v));
    if (auto v = env("MICROCRED_MAIL_FROM")) mail_from = v;
    if (auto v = env("MICROCRED_MAX_UPLOAD_BYTES")) max_upload_bytes = std::strtoull(v, nullptr, 10);
    auto& storage = storage_limits();
    if (auto v = env("MICROCRED_MAX_UNFINISHED_BYTES_PER_USER")) storage.max_unfinished_bytes_per_user = std::strtoull(v, nullptr, 10);
    if (auto v = env("MICROCRED_MAX_UNFINISHED_UPLOADS_PER_USER")) storage.max_unfinished_uploads_per_user = std::atoll(v);
    if (auto v = env("MICROCRED_MAX_EVIDENCE_BYTES_PER_USER")) storage.max_evidence_bytes_per_user = std::strtoull(v, nullptr, 10);
    if (auto v = env("MICROCRED_UPLOAD_EXPIRY_SECONDS")) storage.upload_expiry_seconds = std::atoll(v);
    if (auto v = env("MICROCRED_MIN_FREE_DISK_BYTES")) storage.min_free_disk_bytes = std::strtoull(v, nullptr, 10);
}

void Config::finish() {
    if (base_url.empty()) {
        base_url = "http://" + address + ":" + std::to_string(port);
        base_url_derived = true;
    }
    while (base_url.ends_with('/')) base_url.pop_back();
    secure_cookies = base_url.starts_with("https://");
}

void Config::listening_on(std::uint16_t bound_port) {
    port = bound_port;
    if (base_url_derived) base_url = "http://" + address + ":" + std::to_string(port);
}

} // namespace mc::app
