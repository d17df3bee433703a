// Turnaround reminders. The background loop calls send_turnaround_reminders(app, now) on each
// sweep; tests call it with a made-up "now" to walk an assignment past 75% and past its due date.
#pragma once

#include "app/app.hpp"

namespace mc::assessment::coaching {

// For every open scoring or adjudication assignment: tells the assessor once when 75% of the
// target has passed and once when it is overdue, and tells every program admin once when it is
// overdue. Each reminder is recorded in turnaround_reminders in the same transaction as its
// notices, so restarts and other app nodes never send it twice. Returns how many reminders were
// recorded. Never throws: errors are logged.
int send_turnaround_reminders(app::App& app, long long now);

} // namespace mc::assessment::coaching
