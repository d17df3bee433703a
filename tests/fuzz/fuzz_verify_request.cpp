// The public POST /verify path as a whole: form body in (urlencoded; a pasted credential or a
// base64 badge), through the real router, CSRF gate and handler, verdict out. Bytes 0 picks the
// language and whether the JSON report or the HTML page is asked for. A 5xx is a bug here: every
// input must get a verdict or a clear 4xx. One App (SQLite in a temporary folder, the agency
// issuer seeded) serves every input.
#include <cstdlib>
#include <filesystem>

#include "app/app.hpp"
#include "credentials/web/module.hpp"
#include "platform/crypto/random.hpp"
#include "platform/http/http.hpp"
#include "mc_source_dir.hpp"

namespace {

mc::app::App& fuzz_app() {
    static std::unique_ptr<mc::app::App> app = [] {
        auto dir = std::filesystem::temp_directory_path() / ("mc-fuzz-verify-" + mc::crypto::new_id());
        std::filesystem::create_directories(dir);
        mc::app::Config config;
        config.source_dir = MC_SOURCE_DIR;
        config.data_dir = (dir / "data").string();
        config.base_url = "http://127.0.0.1:8080";
        config.database = "sqlite:" + (dir / "fuzz.db").string();
        auto created = mc::app::App::create(config);
        if (!created) std::abort();
        mc::credentials::install(**created);
        if (!mc::credentials::seed_demo(**created)) std::abort();
        return std::move(*created);
    }();
    return *app;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    if (size == 0) return 0;
    static const std::string token(40, 'a');
    auto& app = fuzz_app();
    mc::http::Request req;
    req.method = "POST";
    req.target = "/verify";
    req.headers["content-type"] = "application/x-www-form-urlencoded";
    req.headers["accept"] = (data[0] & 1) ? "application/json" : "text/html";
    req.headers["accept-language"] = (data[0] & 2) ? "es" : "en";
    req.headers["x-csrf-token"] = token;
    req.headers["cookie"] = "mc_csrf=" + token;
    req.cookies["mc_csrf"] = token;
    req.body.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
    req.form = mc::http::parse_urlencoded(req.body);
    auto res = app.router.handle(req);
    if (res.status >= 500) std::abort();
    return 0;
}
