// SQL for assessment: the queue, assignments, draft scores, decisions and attempt history.
// Functions take a leased session; writes expect the caller's db::WriteTx so a whole step
// (assign + notify, decide + award + notify) commits or rolls back together.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "assessment/rules.hpp"
#include "platform/error.hpp"

namespace mc::assessment {

long long now_seconds();

struct SubmissionInfo {
    std::string id;
    std::string enrollment_id;
    std::string educator_id;
    std::string educator_employer;
    std::string version_id;
    int attempt = 0;
    std::string status;
    std::string evidence_language;
    long long submitted_at = 0;
    long long decided_at = 0;
};

struct AssignmentRecord {
    std::string id;
    std::string assessor_id;
    std::string status; // assigned | completed | released
    std::string kind = "scoring"; // scoring | adjudication
    long long assigned_at = 0;
    long long completed_at = 0;
    SubmissionInfo submission;
};

struct QueueItem {
    SubmissionInfo submission;
    std::string assignment_id; // empty when unassigned
    std::string assessor_id;
    std::string assessor_name;
};

struct AssessorLoad {
    Candidate candidate;
    std::string name;
};

struct DecisionRecord {
    std::string id;
    std::string assignment_id;
    std::string decided_by;
    std::string outcome;
    std::string summary;
    long long decided_at = 0;
    std::string basis = "single"; // single | agreed | adjudicated
    std::string rationale;        // the lead's reason, for the program's records
};

Result<SubmissionInfo> load_submission(soci::session& sql, const std::string& submission_id);
Result<AssignmentRecord> load_assignment(soci::session& sql, const std::string& assignment_id);
// The open ('assigned') assignment of a submission, if any.
std::optional<AssignmentRecord> open_assignment_of(soci::session& sql, const std::string& submission_id);
// Any assignment (open or completed) of this assessor on the submission: lets them see the result.
bool ever_assigned(soci::session& sql, const std::string& submission_id, const std::string& assessor_id);
// The assignment ids of a calibration round, in id order.
std::vector<std::string> assignments_of_round(soci::session& sql, const std::string& round_id);

// Submissions waiting ('submitted') or being assessed ('in_review'), oldest first.
std::vector<QueueItem> open_queue(soci::session& sql);
std::vector<std::string> unassigned_submissions(soci::session& sql, int limit);
// Every enabled user with the assessor role, with their count of open assignments.
std::vector<AssessorLoad> assessors_with_load(soci::session& sql);
std::vector<AssignmentRecord> assignments_of(soci::session& sql, const std::string& assessor_id);

std::vector<Score> load_scores(soci::session& sql, const std::string& assignment_id);
// Upserts the given criteria only; other saved criteria stay as they were.
void save_scores(soci::session& sql, const std::string& assignment_id, const std::vector<Score>& scores);

std::optional<DecisionRecord> decision_for(soci::session& sql, const std::string& submission_id);
// The (criterion, level) scores a decision on the submission rests on: the decision's assignment
// when the decision row is written, else the latest assignment that has scores (the award is
// made inside the decision, before its row). Ordered by criterion id.
std::vector<std::pair<std::string, std::string>> decision_scores(soci::session& sql, const std::string& submission_id);
// All attempts on one enrollment, newest first.
std::vector<SubmissionInfo> attempts_of(soci::session& sql, const std::string& enrollment_id);

struct UserBrief {
    std::string id;
    std::string display_name;
    std::string locale;
    std::string employer_org_id;
    unsigned roles = 0;
    bool disabled = false;
};
std::optional<UserBrief> load_user(soci::session& sql, const std::string& user_id);

} // namespace mc::assessment
