#include "accounts/module.hpp"

namespace mc::accounts {

void install(app::App&) {}
Result<void> seed_demo(app::App&) { return {}; }

} // namespace mc::accounts

#include "accounts/notifications.hpp"

namespace mc::accounts {
Result<void> notify(app::App&, soci::session&, const std::string&, const std::string&, const nlohmann::json&,
                    const std::string&) {
    return {};
}
} // namespace mc::accounts
