#include "ob3api/module.hpp"

#include <spdlog/spdlog.h>

#include "ob3api/oauth_store.hpp"
#include "ob3api/web.hpp"
#include "platform/db/database.hpp"

namespace mc::ob3api {

void install(app::App& app) {
    install_oauth_api(app);
    install_consent_pages(app);
    install_resource_api(app);
    // Spent codes and expired tokens are of no use after a day: keep the tables small.
    app.background_jobs.push_back({"expired api tokens", 3600, [](app::App& a, long long now) {
                                       auto sql = a.db->lease();
                                       db::WriteTx tx(*sql);
                                       long long n = delete_expired(*sql, now);
                                       tx.commit();
                                       if (n > 0) spdlog::info("ob3api: {} expired codes and tokens deleted", n);
                                   }});
}

} // namespace mc::ob3api
