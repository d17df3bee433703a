#include "assessment/coaching/rules.hpp"

#include <string>

namespace mc::assessment::coaching {

long long due_at(long long submitted_at, int target_days) { return submitted_at + target_days * kDay; }

bool overdue(long long submitted_at, int target_days, long long now) { return now > due_at(submitted_at, target_days); }

std::vector<std::string> reminders_due(long long submitted_at, int target_days, long long now) {
    std::vector<std::string> out;
    // Three quarters of the target, in whole seconds (rounded down so the reminder is never late).
    long long three_quarters = submitted_at + (target_days * kDay * 3) / 4;
    if (now >= three_quarters) out.emplace_back("assessor_75");
    if (overdue(submitted_at, target_days, now)) {
        out.emplace_back("assessor_overdue");
        out.emplace_back("admins_overdue");
    }
    return out;
}

bool is_completeness_problem(std::string_view p) {
    return p == "missing" || p == "unplayable" || p == "wrong_content";
}

bool within_window(long long decided_at, int window_days, long long now) {
    return now >= decided_at && now <= decided_at + window_days * kDay;
}

bool blank_text(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

bool referral_due(int not_yet_count, int refer_after) { return refer_after > 0 && not_yet_count == refer_after; }

std::optional<std::string> choose_coach(const std::vector<CoachCandidate>& coaches, const std::string& educator_id,
                                        const std::string& educator_employer) {
    const CoachCandidate* best = nullptr;
    for (const auto& c : coaches) {
        if (c.id == educator_id) continue;
        if (!c.employer_org_id.empty() && c.employer_org_id == educator_employer) continue;
        if (!best || c.open_referrals < best->open_referrals ||
            (c.open_referrals == best->open_referrals && c.id < best->id))
            best = &c;
    }
    if (!best) return std::nullopt;
    return best->id;
}

bool is_session_mode(std::string_view m) { return m == "in_person" || m == "phone" || m == "video"; }

bool is_iso_date(std::string_view d) {
    if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (d[i] < '0' || d[i] > '9') return false;
    int month = (d[5] - '0') * 10 + (d[6] - '0');
    int day = (d[8] - '0') * 10 + (d[9] - '0');
    int year = std::stoi(std::string(d.substr(0, 4)));
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1) return false;
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return day <= days[month - 1] + (month == 2 && leap ? 1 : 0);
}

} // namespace mc::assessment::coaching
