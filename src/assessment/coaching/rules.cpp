#include "assessment/coaching/rules.hpp"

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

} // namespace mc::assessment::coaching
