// Re-evaluating every educator at once (a rule change, a nightly check, the bench): one pass
// over all awards and employments, then every pathway and requirement per educator in memory.
// Reads only; nothing is issued or revoked here (that happens on each educator's events).
#pragma once

#include <soci/soci.h>

namespace mc::pathways {

struct EveryoneCounts {
    long long educators = 0, holdings = 0;
    long long pathways_met = 0;
    long long requirements_evaluated = 0, requirements_met = 0, requirements_at_risk = 0;
};

EveryoneCounts evaluate_everyone(soci::session& sql, long long now);

} // namespace mc::pathways
