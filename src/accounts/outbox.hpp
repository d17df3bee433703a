// The outbox sender: delivers queued emails through app.mailer, retrying with growing
// pauses, from a background thread of each server process. Several processes may share one
// database: a message is claimed (its next attempt pushed out) before it is sent, so two
// senders do not both deliver it.
#pragma once

#include <chrono>

#include "app/app.hpp"

namespace mc::accounts {

// One pass over due messages; returns how many were sent. Safe to call from tests.
int deliver_outbox(app::App& app);

void start_outbox_sender(app::App& app, std::chrono::milliseconds poll = std::chrono::seconds(2));
void stop_outbox_sender(app::App& app); // waits for the current pass to finish

// Seconds to wait after the n-th failed attempt (1-based): 30 s doubling up to an hour.
long long retry_delay(int attempts);

} // namespace mc::accounts
