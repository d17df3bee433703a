// The evidence policy, written once. Evidence (written answers, file names, thumbnails and
// image tags, the files themselves) may show children, so it is seen only by:
//   - the educator who submitted it;
//   - an assessor while they assess it: an open assignment (scoring, adjudication,
//     calibration), or a finished one until the decision is made (a second scorer or the
//     adjudicating lead may still be at work); access ends with the decision;
//   - the lead reviewing an open appeal of that decision (the appeal re-opens it for them only);
//   - privacy auditors, whose job is to check who looked.
// Program and agency administrators run the program without seeing children: never.
// Every page and API that renders evidence asks evidence_reader() first; the file route logs
// each opening, the pages log each showing (log_evidence_shown).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace mc::evidence {

enum class EvidenceReader { none, educator, assessor, appeal_lead, auditor };

// What is true of one person and one submission; the store gathers it (evidence_standing).
struct EvidenceStanding {
    bool owner = false;              // the submission is theirs
    bool auditor = false;            // holds the auditor role
    bool assessor_role = false;      // holds the assessor role (taken away: no access)
    bool open_assignment = false;    // an 'assigned' slot of any kind on the submission
    bool finished_assignment = false; // a 'completed' scoring/adjudication slot
    bool decided = false;            // the submission has its decision
    bool reviews_open_appeal = false; // the reviewer of an open appeal of this submission
};

// The policy table. Pure, so it is tested row by row.
EvidenceReader evidence_reader(const EvidenceStanding& s);

inline bool may_read_evidence(const EvidenceStanding& s) { return evidence_reader(s) != EvidenceReader::none; }

// "educator", "assessor", "appeal_lead", "auditor", "none": for logs and tests.
std::string_view reader_name(EvidenceReader r);

} // namespace mc::evidence
