#include "catalog/module.hpp"

namespace mc::catalog {

void install(app::App&) {}
Result<void> seed_demo(app::App&) { return {}; }

} // namespace mc::catalog
