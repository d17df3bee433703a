#include "assessment/module.hpp"

namespace mc::assessment {

void install(app::App&) {}
Result<void> seed_demo(app::App&) { return {}; }

} // namespace mc::assessment
