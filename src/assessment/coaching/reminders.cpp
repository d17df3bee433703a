#include "assessment/coaching/reminders.hpp"

#include <spdlog/spdlog.h>

#include "accounts/notifications.hpp"
#include "accounts/roles.hpp"
#include "accounts/user_store.hpp"
#include "assessment/assessment_store.hpp"
#include "assessment/coaching/reminder_store.hpp"
#include "assessment/coaching/rules.hpp"
#include "assessment/coaching/settings_store.hpp"
#include "assessment/web_support.hpp"
#include "assessment/workflow.hpp"
#include "platform/db/database.hpp"

namespace mc::assessment::coaching {

namespace {

Result<void> send_one(app::App& app, soci::session& sql, const OpenAssignment& a, const std::string& kind,
                      long long due, long long now) {
    record_reminder(sql, a.id, kind, now);
    std::string due_on = format_date(due);
    if (kind == "admins_overdue") {
        for (const auto& [id, locale] : accounts::active_users_with_role(sql, accounts::program_admin))
            TRY(accounts::notify(app, sql, id, "turnaround_admins_overdue",
                                 {{"credential", version_title(sql, a.version_id, locale)}, {"due", due_on}},
                                 "/admin/queue?view=overdue"));
        return {};
    }
    auto who = load_user(sql, a.assessor_id);
    std::string locale = who ? who->locale : "en";
    std::string notice = kind == "assessor_75" ? "turnaround_due_soon" : "turnaround_overdue";
    return accounts::notify(app, sql, a.assessor_id, notice,
                            {{"credential", version_title(sql, a.version_id, locale)}, {"due", due_on}},
                            "/assess/" + a.id);
}

} // namespace

int send_turnaround_reminders(app::App& app, long long now) {
    int sent = 0;
    try {
        auto sql = app.db->lease();
        auto times = load_times(*sql);
        auto overrides = load_overrides(*sql);
        for (const auto& a : open_assignments(*sql)) {
            int days = target_days_for_version(*sql, a.version_id, times, overrides);
            for (const auto& kind : reminders_due(a.submitted_at, days, now)) {
                if (reminder_already_sent(*sql, a.id, kind)) continue;
                // One transaction per reminder: the record and its notices commit together.
                db::WriteTx tx(*sql);
                if (reminder_already_sent(*sql, a.id, kind)) continue; // another node won while we waited
                auto r = send_one(app, *sql, a, kind, due_at(a.submitted_at, days), now);
                if (!r) {
                    spdlog::warn("turnaround reminder {} {}: {}", a.id, kind, r.error().detail);
                    continue;
                }
                tx.commit();
                ++sent;
            }
        }
    } catch (const std::exception& e) {
        spdlog::error("turnaround reminders stopped: {}", e.what());
    }
    return sent;
}

} // namespace mc::assessment::coaching
