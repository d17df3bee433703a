#include "accounts/sign_in_throttle.hpp"

#include <algorithm>

namespace mc::accounts {

long long guess_wait(const GuessBudget& budget, int failures, long long last_failure_at, long long now) {
    if (failures < budget.free_failures) return 0;
    long long delay = budget.first_delay;
    for (int i = budget.free_failures; i < failures && delay < budget.max_delay; ++i) delay *= 2;
    delay = std::min(delay, budget.max_delay);
    return std::max(0LL, last_failure_at + delay - now);
}

} // namespace mc::accounts
