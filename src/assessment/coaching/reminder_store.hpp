// SQL for turnaround reminders: the open scoring assignments they are about (assignments with
// their submission) and turnaround_reminders, one row per reminder sent.
#pragma once

#include <string>
#include <vector>

#include <soci/soci.h>

namespace mc::assessment::coaching {

struct OpenAssignment {
    std::string id, assessor_id, submission_id, version_id;
    long long submitted_at = 0;
};
// Scoring and adjudication assignments still assigned on a submission in review, oldest first.
std::vector<OpenAssignment> open_assignments(soci::session& sql);
bool reminder_already_sent(soci::session& sql, const std::string& assignment_id, const std::string& kind);
void record_reminder(soci::session& sql, const std::string& assignment_id, const std::string& kind, long long at);

} // namespace mc::assessment::coaching
