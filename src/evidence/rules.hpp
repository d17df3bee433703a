// The rules of a submission, free of storage and HTTP: what "complete" means for each part,
// which states allow which actions, and what the educator should do next.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/content.hpp"

namespace mc::evidence {

// Words as a reader counts them: runs of non-space characters (ASCII and common Unicode spaces).
int count_words(std::string_view text);

struct PartProblem {
    std::string part_id; // empty for problems of the whole submission (consent)
    std::string key;     // catalog key of the message, e.g. "evidence.errors.too_few_words"
    int min_words = 0;
    int words = 0;
};

// What the submit button checks. answers: part id -> text; file_counts: part id -> files attached.
std::vector<PartProblem> check_complete(const catalog::Content& content, const std::map<std::string, std::string>& answers,
                                        const std::map<std::string, int>& file_counts, int media_files,
                                        bool consent_attested);

// Status rules (submissions.status).
inline bool is_editable(std::string_view status) { return status == "draft"; }
inline bool can_withdraw(std::string_view status) {
    return status == "draft" || status == "submitted" || status == "in_review";
}
inline bool can_revise(std::string_view status) { return status == "returned"; }
bool is_known_status(std::string_view status);

// Catalog key of the next step shown on /learning for a status.
std::string next_step_key(std::string_view status);

// Evidence languages an educator may pick.
bool is_evidence_language(std::string_view lang);

} // namespace mc::evidence
