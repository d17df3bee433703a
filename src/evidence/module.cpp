#include "evidence/module.hpp"

namespace mc::evidence {

void install(app::App&) {}
Result<void> seed_demo(app::App&) { return {}; }

} // namespace mc::evidence
