#include "assessment/coaching/referrals.hpp"

#include <map>

#include <spdlog/spdlog.h>

#include "accounts/notifications.hpp"
#include "accounts/roles.hpp"
#include "assessment/assessment_store.hpp"
#include "assessment/coaching/rules.hpp"
#include "assessment/coaching/settings_store.hpp"
#include "assessment/workflow.hpp"
#include "platform/crypto/random.hpp"
#include "platform/db/database.hpp"

namespace mc::assessment::coaching {

namespace {

std::vector<Referral> query(soci::session& sql, const std::string& where, const std::string& value) {
    std::vector<Referral> out;
    Referral r;
    soci::indicator coach_ind, closed_ind;
    std::string v = value;
    soci::statement st = (sql.prepare << "SELECT id, enrollment_id, educator_id, coach_id, status, not_yet_count, "
                                         "created_at, closed_at FROM coach_referrals " + where,
                          soci::use(v), soci::into(r.id), soci::into(r.enrollment_id), soci::into(r.educator_id),
                          soci::into(r.coach_id, coach_ind), soci::into(r.status), soci::into(r.not_yet_count),
                          soci::into(r.created_at), soci::into(r.closed_at, closed_ind));
    st.execute();
    while (st.fetch()) {
        Referral c = r;
        if (coach_ind != soci::i_ok) c.coach_id.clear();
        if (closed_ind != soci::i_ok) c.closed_at = 0;
        out.push_back(std::move(c));
    }
    return out;
}

std::string enrollment_version(soci::session& sql, const std::string& enrollment_id) {
    std::string v;
    sql << "SELECT version_id FROM enrollments WHERE id = :e", soci::use(enrollment_id), soci::into(v);
    return v;
}

Result<void> tell_both(app::App& app, soci::session& sql, const Referral& r) {
    auto educator = load_user(sql, r.educator_id);
    auto coach = load_user(sql, r.coach_id);
    if (!educator || !coach) return {};
    auto version = enrollment_version(sql, r.enrollment_id);
    TRY(accounts::notify(app, sql, r.educator_id, "coach_referred_educator",
                         {{"credential", version_title(sql, version, educator->locale)}, {"coach", coach->display_name}},
                         "/dashboard"));
    return accounts::notify(app, sql, r.coach_id, "coach_referred_coach",
                            {{"credential", version_title(sql, version, coach->locale)}, {"educator", educator->display_name}},
                            "/coaching/" + r.id);
}

} // namespace

Result<Referral> load_referral(soci::session& sql, const std::string& referral_id) {
    auto found = query(sql, "WHERE id = :v", referral_id);
    if (found.empty()) return fail(Errc::not_found, "errors.not_found", "referral " + referral_id);
    return found.front();
}

std::optional<Referral> referral_of_enrollment(soci::session& sql, const std::string& enrollment_id) {
    auto found = query(sql, "WHERE enrollment_id = :v", enrollment_id);
    if (found.empty()) return std::nullopt;
    return found.front();
}

std::vector<Referral> list_referrals(soci::session& sql, const std::string& coach_id) {
    const char* order = " ORDER BY CASE WHEN status = 'open' THEN 0 ELSE 1 END, created_at DESC, id";
    if (coach_id.empty()) return query(sql, std::string("WHERE id <> :v") + order, "");
    return query(sql, std::string("WHERE coach_id = :v") + order, coach_id);
}

std::optional<std::string> choose_coach_for(soci::session& sql, const std::string& educator_id) {
    auto educator = load_user(sql, educator_id);
    if (!educator) return std::nullopt;
    std::vector<CoachCandidate> coaches;
    std::string id, employer;
    soci::indicator emp_ind;
    int bit = static_cast<int>(accounts::coach);
    soci::statement st = (sql.prepare << "SELECT id, employer_org_id FROM users WHERE disabled = 0 AND (roles & :r) <> 0",
                          soci::use(bit), soci::into(id), soci::into(employer, emp_ind));
    st.execute();
    while (st.fetch()) coaches.push_back({id, emp_ind == soci::i_ok ? employer : "", 0});
    long long n = 0;
    soci::statement counts = (sql.prepare << "SELECT coach_id, COUNT(*) FROM coach_referrals WHERE status = 'open' "
                                             "AND coach_id IS NOT NULL GROUP BY coach_id",
                              soci::into(id), soci::into(n));
    counts.execute();
    std::map<std::string, int> open;
    while (counts.fetch()) open[id] = static_cast<int>(n);
    for (auto& c : coaches) c.open_referrals = open[c.id];
    return choose_coach(coaches, educator_id, educator->employer_org_id);
}

Result<void> refer_if_due(app::App& app, soci::session& sql, const std::string& enrollment_id) {
    long long count = 0;
    sql << "SELECT COUNT(*) FROM decisions d JOIN submissions s ON s.id = d.submission_id "
           "WHERE s.enrollment_id = :e AND d.outcome = 'not_yet'",
        soci::use(enrollment_id), soci::into(count);
    if (!referral_due(static_cast<int>(count), load_times(sql).coach_referral_after)) return {};
    if (referral_of_enrollment(sql, enrollment_id)) return {};
    Referral r;
    r.id = crypto::new_id();
    r.enrollment_id = enrollment_id;
    sql << "SELECT educator_id FROM enrollments WHERE id = :e", soci::use(enrollment_id), soci::into(r.educator_id);
    r.coach_id = choose_coach_for(sql, r.educator_id).value_or("");
    r.not_yet_count = static_cast<int>(count);
    r.created_at = now_seconds();
    soci::indicator coach_ind = r.coach_id.empty() ? soci::i_null : soci::i_ok;
    sql << "INSERT INTO coach_referrals (id, enrollment_id, educator_id, coach_id, status, not_yet_count, created_at) "
           "VALUES (:id, :e, :u, :c, 'open', :n, :t)",
        soci::use(r.id), soci::use(r.enrollment_id), soci::use(r.educator_id), soci::use(r.coach_id, coach_ind),
        soci::use(r.not_yet_count), soci::use(r.created_at);
    if (r.coach_id.empty()) return {}; // assign_waiting_referrals finds one later
    return tell_both(app, sql, r);
}

int assign_waiting_referrals(app::App& app) {
    int given = 0;
    try {
        auto sql = app.db->lease();
        for (auto r : query(*sql, "WHERE coach_id IS NULL AND status = 'open' AND id <> :v ORDER BY created_at LIMIT 100", "")) {
            db::WriteTx tx(*sql);
            auto coach = choose_coach_for(*sql, r.educator_id);
            if (!coach) continue;
            *sql << "UPDATE coach_referrals SET coach_id = :c WHERE id = :id AND coach_id IS NULL", soci::use(*coach),
                soci::use(r.id);
            r.coach_id = *coach;
            if (!tell_both(app, *sql, r)) continue;
            tx.commit();
            ++given;
        }
    } catch (const std::exception& e) {
        spdlog::error("coach referrals: {}", e.what());
    }
    return given;
}

Result<std::string> log_session(soci::session& sql, const std::string& referral_id, const std::string& coach_id,
                                const SessionInput& in, const std::vector<std::string>& criterion_ids,
                                std::vector<FieldError>& field_errors) {
    auto r = TRY(load_referral(sql, referral_id));
    if (r.coach_id.empty() || r.coach_id != coach_id) return fail(Errc::not_found, "errors.not_found", "not the coach");
    if (r.status != "open") return fail(Errc::conflict, "coaching.errors.closed", "referral closed");
    if (!is_iso_date(in.held_on)) field_errors.push_back({"held_on", "coaching.errors.date"});
    int minutes = 0;
    if (in.minutes.empty() || in.minutes.size() > 3 || in.minutes.find_first_not_of("0123456789") != std::string::npos ||
        (minutes = std::stoi(in.minutes)) < 1 || minutes > kMaxSessionMinutes)
        field_errors.push_back({"minutes", "coaching.errors.minutes"});
    if (!is_session_mode(in.mode)) field_errors.push_back({"mode", "coaching.errors.mode"});
    nlohmann::json focus = nlohmann::json::array();
    for (const auto& f : in.focus) {
        bool known = false;
        for (const auto& c : criterion_ids) known = known || c == f;
        if (!known) {
            field_errors.push_back({"focus", "coaching.errors.focus"});
            break;
        }
        focus.push_back(f);
    }
    if (in.notes.size() > kMaxAppealText) field_errors.push_back({"notes", "coaching.errors.too_long"});
    if (!field_errors.empty()) return fail(Errc::bad_input, "coaching.errors.check_form", "session invalid");
    std::string id = crypto::new_id(), focus_text = focus.dump();
    long long now = now_seconds();
    sql << "INSERT INTO coaching_sessions (id, referral_id, coach_id, held_on, minutes, mode, focus, notes, created_at) "
           "VALUES (:id, :r, :c, :d, :m, :mode, :f, :n, :t)",
        soci::use(id), soci::use(referral_id), soci::use(coach_id), soci::use(in.held_on), soci::use(minutes),
        soci::use(in.mode), soci::use(focus_text), soci::use(in.notes), soci::use(now);
    return id;
}

std::vector<SessionRecord> sessions_of(soci::session& sql, const std::string& referral_id) {
    std::vector<SessionRecord> out;
    SessionRecord s;
    std::string focus;
    soci::statement st = (sql.prepare << "SELECT id, held_on, mode, notes, minutes, focus FROM coaching_sessions "
                                         "WHERE referral_id = :r ORDER BY held_on DESC, created_at DESC, id",
                          soci::use(referral_id), soci::into(s.id), soci::into(s.held_on), soci::into(s.mode),
                          soci::into(s.notes), soci::into(s.minutes), soci::into(focus));
    st.execute();
    while (st.fetch()) {
        SessionRecord c = s;
        c.focus.clear();
        for (const auto& f : nlohmann::json::parse(focus, nullptr, false))
            if (f.is_string()) c.focus.push_back(f);
        out.push_back(std::move(c));
    }
    return out;
}

Result<void> close_referral(app::App& app, soci::session& sql, const std::string& referral_id, const std::string& by) {
    long long now = now_seconds();
    soci::statement st = (sql.prepare << "UPDATE coach_referrals SET status = 'closed', closed_at = :t, closed_by = :b "
                                         "WHERE id = :id AND status = 'open'",
                          soci::use(now), soci::use(by), soci::use(referral_id));
    st.execute(true);
    if (st.get_affected_rows() != 1) return fail(Errc::conflict, "coaching.errors.closed", "already closed");
    auto r = TRY(load_referral(sql, referral_id));
    return app.publish(sql, {"coaching_closed", r.educator_id, r.id});
}

} // namespace mc::assessment::coaching
