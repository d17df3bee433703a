#include "assessment/coaching/web.hpp"

namespace mc::assessment::coaching {

void install(app::App& app) {
    install_appeal_pages(app);
    install_turnaround_pages(app);
    install_completeness_pages(app);
    install_coaching_api(app);
    install_coaching_pages(app);
    install_referral_api(app);
}

} // namespace mc::assessment::coaching
