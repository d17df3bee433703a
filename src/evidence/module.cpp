#include "evidence/module.hpp"

#include "evidence/privacy_store.hpp"
#include "evidence/privacy_web.hpp"
#include "evidence/upload_storage.hpp"
#include "evidence/web.hpp"

namespace mc::evidence {

void install(app::App& app) {
    install_learning_pages(app);
    install_submission_pages(app);
    install_submission_actions(app);
    install_uploads(app);
    install_file_routes(app);
    install_api(app);
    install_privacy_pages(app);
    install_privacy_api(app);
    // Evidence past its retention period goes within the hour (the sweep logs its own errors).
    app.background_jobs.push_back({"evidence retention", 3600, [](app::App& a, long long now) { sweep_retention(a, now); }});
    // Abandoned uploads (past Upload-Expires) and their .part files (logs its own errors).
    app.background_jobs.push_back(
        {"expired uploads", 30, [](app::App& a, long long now) { sweep_expired_uploads(a, now); }});
}

// Nothing to seed: the demo educators start with an empty /learning and enroll themselves.
Result<void> seed_demo(app::App&) { return {}; }

} // namespace mc::evidence
