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

// Coach referral: after this many "Not yet" decisions on one enrollment (default 3).
inline constexpr int kDefaultCoachReferralAfter = 3;
// True exactly when the count reaches the setting: earlier counts do not refer, and later ones
// find the referral already made.
bool referral_due(int not_yet_count, int refer_after);

struct CoachCandidate {
    std::string id;
    std::string employer_org_id; // empty: none known
    int open_referrals = 0;
};
// The coach with the fewest open referrals, never the educator, never at the educator's
// employer; ties go to the smallest id so the choice is repeatable.
std::optional<std::string> choose_coach(const std::vector<CoachCandidate>& coaches, const std::string& educator_id,
                                        const std::string& educator_employer);

// A coaching session's fields.
bool is_session_mode(std::string_view mode); // in_person | phone | video
bool is_iso_date(std::string_view date);     // YYYY-MM-DD with a real month and day
inline constexpr int kMaxSessionMinutes = 600;

} // namespace mc::assessment::coaching
