#include "assessment/module.hpp"

#include <spdlog/spdlog.h>

#include "assessment/assessors/web.hpp"
#include "assessment/assigner.hpp"
#include "assessment/coaching/appeals.hpp"
#include "assessment/coaching/referrals.hpp"
#include "assessment/coaching/reminders.hpp"
#include "assessment/coaching/web.hpp"
#include "assessment/web.hpp"

namespace mc::assessment {

void install(app::App& app) {
    install_queue_pages(app);
    install_scoring_pages(app);
    install_result_pages(app);
    install_api(app);
    install_reliability_pages(app);
    assessors::install_pages(app);
    assessors::install_api(app);
    coaching::install(app);
    // A submitted attempt reaches an assessor without an admin having to act.
    app.background_jobs.push_back({"auto-assigner", 30, [](app::App& a, long long) {
                                       int assigned = auto_assign(a);
                                       if (assigned > 0) spdlog::info("auto-assigner gave out {} submissions", assigned);
                                   }});
    // Turnaround reminders (each sent once) and reviewers for waiting appeals and referrals.
    app.background_jobs.push_back({"turnaround reminders", 30, [](app::App& a, long long now) {
                                       int reminded = coaching::send_turnaround_reminders(a, now);
                                       if (reminded > 0) spdlog::info("turnaround: {} reminders sent", reminded);
                                   }});
    app.background_jobs.push_back(
        {"appeal reviewers", 30, [](app::App& a, long long) { coaching::assign_waiting_appeals(a); }});
    app.background_jobs.push_back(
        {"referral coaches", 30, [](app::App& a, long long) { coaching::assign_waiting_referrals(a); }});
}

// seed_demo is in seed.cpp.

} // namespace mc::assessment
