#include "assessment/module.hpp"

#include "assessment/assessors/web.hpp"
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
}

// seed_demo is in seed.cpp.

} // namespace mc::assessment
