#include "evidence/module.hpp"

#include "evidence/privacy_web.hpp"
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
}

// Nothing to seed: the demo educators start with an empty /learning and enroll themselves.
Result<void> seed_demo(app::App&) { return {}; }

} // namespace mc::evidence
