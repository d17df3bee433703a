#include "assessment/assigner.hpp"

#include <spdlog/spdlog.h>

#include "assessment/assessment_store.hpp"
#include "assessment/reliability_store.hpp"
#include "assessment/workflow.hpp"

namespace mc::assessment {

int auto_assign(app::App& app) {
    int assigned = 0;
    try {
        auto sql = app.db->lease();
        // A bounded batch per tick: the loop runs again soon, and a long run would hold the
        // write lock away from educators and assessors.
        for (const auto& id : submissions_needing_assessors(*sql, 100)) {
            db::WriteTx tx(*sql);
            auto r = assign_best(app, *sql, id, "");
            if (r) {
                tx.commit();
                ++assigned;
            } else if (r.error().key != "assessment.errors.no_eligible_assessor") {
                spdlog::warn("auto-assign {}: {}", id, r.error().detail);
            }
        }
    } catch (const std::exception& e) {
        spdlog::error("auto-assign stopped: {}", e.what());
    }
    return assigned;
}

} // namespace mc::assessment
