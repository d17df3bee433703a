// Pure rules of turnaround, completeness and appeals: no SOCI, no HTTP, so they read and test
// on their own.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mc::assessment::coaching {

inline constexpr long long kDay = 86400;

// Program defaults when assessment_settings holds no value.
inline constexpr int kDefaultTurnaroundDays = 7;
inline constexpr int kDefaultAppealWindowDays = 30;
inline constexpr int kMaxSettingDays = 365;

// When the program promised a decision: the target counted from when the evidence was sent.
long long due_at(long long submitted_at, int target_days);
bool overdue(long long submitted_at, int target_days, long long now);

// Which reminders are owed at `now` for an open assignment, in the order they are sent:
// "assessor_75" once 75% of the target has passed, "assessor_overdue" and "admins_overdue"
// once the due date has passed. The caller drops the ones already recorded.
std::vector<std::string> reminders_due(long long submitted_at, int target_days, long long now);

// Completeness: what is wrong with one part of the evidence.
bool is_completeness_problem(std::string_view problem); // missing | unplayable | wrong_content

struct PartProblem {
    std::string part_id;
    std::string problem;
};

// An appeal may be filed on a "Not yet" decision within the window (inclusive of the last second).
bool within_window(long long decided_at, int window_days, long long now);

// Written fields on appeals and completeness notes.
inline constexpr std::size_t kMaxAppealText = 4000;
bool blank_text(std::string_view s);

} // namespace mc::assessment::coaching
