#pragma once
#include "app/app.hpp"
namespace mc::app {
// The landing page: what microcred is, and a way in for each kind of user.
void install_home(App& app);
}
