#include "assessment/coaching/reminders.hpp"

#include <spdlog/spdlog.h>

#include "accounts/notifications.hpp"
#include "accounts/roles.hpp"
#include "assessment/assessment_store.hpp"
#include "assessment/coaching/rules.hpp"
#include "assessment/coaching/settings_store.hpp"
#include "assessment/web_support.hpp"
#include "assessment/workflow.hpp"
#include "platform/db/database.hpp"

namespace mc::assessment::coaching {

namespace {

struct OpenAssignment {
    std::string id, assessor_id, submission_id, version_id;
    long long submitted_at = 0;
};

std::vector<OpenAssignment> open_assignments(soci::session& sql) {
    std::vector<OpenAssignment> out;
    OpenAssignment a;
    soci::statement st = (sql.prepare << "SELECT a.id, a.assessor_id, s.id, s.version_id, s.submitted_at "
                                         "FROM assignments a JOIN submissions s ON s.id = a.submission_id "
                                         "WHERE a.status = 'assigned' AND a.kind IN ('scoring', 'adjudication') "
                                         "AND s.status = 'in_review' ORDER BY s.submitted_at, a.id",
                          soci::into(a.id), soci::into(a.assessor_id), soci::into(a.submission_id),
                          soci::into(a.version_id), soci::into(a.submitted_at));
    st.execute();
    while (st.fetch()) out.push_back(a);
    return out;
}

bool already_sent(soci::session& sql, const std::string& assignment_id, const std::string& kind) {
    long long n = 0;
    sql << "SELECT COUNT(*) FROM turnaround_reminders WHERE assignment_id = :a AND kind = :k", soci::use(assignment_id),
        soci::use(kind), soci::into(n);
    return n > 0;
}

std::vector<std::pair<std::string, std::string>> program_admins(soci::session& sql) {
    std::vector<std::pair<std::string, std::string>> out; // id, locale
    std::string id, locale;
    int bit = static_cast<int>(accounts::program_admin);
    soci::statement st = (sql.prepare << "SELECT id, locale FROM users WHERE disabled = 0 AND (roles & :r) <> 0 ORDER BY id",
                          soci::use(bit), soci::into(id), soci::into(locale));
    st.execute();
    while (st.fetch()) out.emplace_back(id, locale);
    return out;
}

Result<void> send_one(app::App& app, soci::session& sql, const OpenAssignment& a, const std::string& kind,
                      long long due, long long now) {
    sql << "INSERT INTO turnaround_reminders (assignment_id, kind, sent_at) VALUES (:a, :k, :t)", soci::use(a.id),
        soci::use(kind), soci::use(now);
    std::string due_on = format_date(due);
    if (kind == "admins_overdue") {
        for (const auto& [id, locale] : program_admins(sql))
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
                if (already_sent(*sql, a.id, kind)) continue;
                // One transaction per reminder: the record and its notices commit together.
                db::WriteTx tx(*sql);
                if (already_sent(*sql, a.id, kind)) continue; // another node won while we waited
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
