#include "assessment/coaching/completeness.hpp"
#include "assessment/coaching/web.hpp"

namespace mc::assessment::coaching {

void install(app::App& app) {
    install_appeal_pages(app);
    install_turnaround_pages(app);
    install_completeness_pages(app);
    install_coaching_api(app);
    install_coaching_pages(app);
    install_referral_api(app);
    // The educator's draft page (evidence) says why it came back.
    app.returned_draft_notice = [&app](const http::Request& req, soci::session& sql, const std::string& submission_id) {
        return open_return_view(app, req, sql, submission_id);
    };
}

} // namespace mc::assessment::coaching
