#include "credentials/web/award.hpp"
#include "credentials/web/module.hpp"

namespace mc::credentials {

void install(app::App&) {}
Result<void> seed_demo(app::App&) { return {}; }
Result<std::string> award_submission(app::App&, soci::session&, const std::string&) {
    return fail(Errc::internal, "errors.internal", "award not implemented yet");
}

} // namespace mc::credentials
