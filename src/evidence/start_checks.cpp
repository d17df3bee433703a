#include "evidence/start_checks.hpp"

#include <map>
#include <mutex>
#include <vector>

namespace mc::evidence {

namespace {
std::mutex g_mutex;
std::map<const app::App*, std::vector<StartCheck>>& checks() {
    static std::map<const app::App*, std::vector<StartCheck>> all;
    return all;
}
} // namespace

void add_start_check(const app::App& app, StartCheck check) {
    std::lock_guard lock(g_mutex);
    checks()[&app].push_back(std::move(check));
}

Result<void> may_start(const app::App& app, soci::session& sql, const std::string& educator_id,
                       const std::string& micro_credential_id) {
    std::vector<StartCheck> mine;
    {
        std::lock_guard lock(g_mutex);
        auto it = checks().find(&app);
        if (it != checks().end()) mine = it->second;
    }
    for (const auto& check : mine) TRY(check(sql, educator_id, micro_credential_id));
    return {};
}

void drop_start_checks(const app::App& app) {
    std::lock_guard lock(g_mutex);
    checks().erase(&app);
}

} // namespace mc::evidence
