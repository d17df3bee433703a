#include "assessment/coaching/settings_store.hpp"

#include "assessment/assessment_store.hpp"
#include "assessment/coaching/rules.hpp"
#include "assessment/reliability_store.hpp"

namespace mc::assessment::coaching {

int parse_days(const std::string& text) {
    if (text.empty() || text.size() > 3 || text.find_first_not_of("0123456789") != std::string::npos) return -1;
    int d = std::stoi(text);
    return d >= 1 && d <= kMaxSettingDays ? d : -1;
}

ProgramTimes load_times(soci::session& sql) {
    ProgramTimes t;
    for (const auto& [name, value] : setting_values(sql)) {
        int d = parse_days(value);
        if (d < 0) continue; // a hand-edited bad value falls back to the default
        if (name == "turnaround_days") t.turnaround_days = d;
        else if (name == "appeal_window_days") t.appeal_window_days = d;
        else if (name == "coach_referral_after") t.coach_referral_after = d;
    }
    return t;
}

void save_times(soci::session& sql, const ProgramTimes& t, const std::string& by) {
    long long now = now_seconds();
    put_setting(sql, "turnaround_days", std::to_string(t.turnaround_days), by, now);
    put_setting(sql, "appeal_window_days", std::to_string(t.appeal_window_days), by, now);
    put_setting(sql, "coach_referral_after", std::to_string(t.coach_referral_after), by, now);
}

std::map<std::string, int> load_overrides(soci::session& sql) {
    std::map<std::string, int> out;
    std::string id;
    int days = 0;
    soci::statement st = (sql.prepare << "SELECT micro_credential_id, days FROM turnaround_overrides", soci::into(id),
                          soci::into(days));
    st.execute();
    while (st.fetch()) out[id] = days;
    return out;
}

void save_override(soci::session& sql, const std::string& micro_credential_id, int days, const std::string& by) {
    sql << "DELETE FROM turnaround_overrides WHERE micro_credential_id = :m", soci::use(micro_credential_id);
    if (days <= 0) return;
    long long now = now_seconds();
    sql << "INSERT INTO turnaround_overrides (micro_credential_id, days, updated_by, updated_at) VALUES (:m, :d, :b, :t)",
        soci::use(micro_credential_id), soci::use(days), soci::use(by), soci::use(now);
}

int target_days_for_version(soci::session& sql, const std::string& version_id, const ProgramTimes& t,
                            const std::map<std::string, int>& overrides) {
    if (overrides.empty()) return t.turnaround_days;
    std::string mc;
    soci::indicator ind = soci::i_null;
    sql << "SELECT micro_credential_id FROM micro_credential_versions WHERE id = :v", soci::use(version_id),
        soci::into(mc, ind);
    if (ind != soci::i_ok) return t.turnaround_days;
    auto it = overrides.find(mc);
    return it == overrides.end() ? t.turnaround_days : it->second;
}

} // namespace mc::assessment::coaching

namespace mc::assessment::coaching {

DueDates::DueDates(soci::session& sql) : sql_(sql), times_(load_times(sql)), overrides_(load_overrides(sql)) {}

int DueDates::target_days(const std::string& version_id) {
    auto it = by_version_.find(version_id);
    if (it != by_version_.end()) return it->second;
    return by_version_[version_id] = target_days_for_version(sql_, version_id, times_, overrides_);
}

long long DueDates::due(const std::string& version_id, long long submitted_at) {
    return due_at(submitted_at, target_days(version_id));
}

} // namespace mc::assessment::coaching
