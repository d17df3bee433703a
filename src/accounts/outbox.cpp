#include "accounts/outbox.hpp"

#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include <spdlog/spdlog.h>

#include "accounts/outbox_store.hpp"
#include "accounts/user_store.hpp"
#include "platform/mail/mailer.hpp"

namespace mc::accounts {

namespace {

constexpr int max_attempts = 12;        // about a day of retries, then left for an operator
constexpr long long claim_seconds = 300; // a sender that dies mid-send frees the message after this

struct Sender {
    std::mutex mutex;
    std::condition_variable wake;
    bool stopping = false;
    std::thread thread;
};

std::mutex senders_mutex;
std::map<app::App*, std::unique_ptr<Sender>> senders; // one per App (tests run several)

} // namespace

long long retry_delay(int attempts) {
    long long delay = 30;
    for (int i = 1; i < attempts && delay < 3600; ++i) delay *= 2;
    return std::min(delay, 3600LL);
}

int deliver_outbox(app::App& app) {
    if (!app.mailer) return 0;
    int sent = 0;
    auto sql = app.db->lease();
    long long now = now_seconds();
    for (const auto& p : due_messages(*sql, now, max_attempts)) {
        if (!claim_message(*sql, p, now + claim_seconds)) continue;
        auto result = app.mailer->send(p.to, p.subject, p.body);
        long long after = now_seconds();
        if (result) {
            mark_message_sent(*sql, p.id, after);
            ++sent;
        } else {
            // The error names the SMTP step and reply, never the message (it may hold a reset link).
            long long next = after + retry_delay(p.attempts + 1);
            std::string error = result.error().detail.substr(0, 500);
            mark_message_failed(*sql, p.id, next, error);
            spdlog::warn("outbox: message {} not sent (attempt {}): {}", p.id, p.attempts + 1, error);
        }
    }
    return sent;
}

void start_outbox_sender(app::App& app, std::chrono::milliseconds poll) {
    std::lock_guard lock(senders_mutex);
    auto& slot = senders[&app];
    if (slot) return;
    slot = std::make_unique<Sender>();
    Sender* s = slot.get();
    s->thread = std::thread([&app, s, poll] {
        std::unique_lock lock(s->mutex);
        while (!s->stopping) {
            lock.unlock();
            try {
                deliver_outbox(app);
            } catch (const std::exception& e) {
                // The database may be briefly away; the next pass tries again.
                spdlog::error("outbox: {}", e.what());
            }
            lock.lock();
            s->wake.wait_for(lock, poll, [s] { return s->stopping; });
        }
    });
}

void stop_outbox_sender(app::App& app) {
    std::unique_ptr<Sender> s;
    {
        std::lock_guard lock(senders_mutex);
        auto it = senders.find(&app);
        if (it == senders.end()) return;
        s = std::move(it->second);
        senders.erase(it);
    }
    {
        std::lock_guard lock(s->mutex);
        s->stopping = true;
    }
    s->wake.notify_all();
    if (s->thread.joinable()) s->thread.join();
}

} // namespace mc::accounts
