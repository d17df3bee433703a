#include "evidence/access.hpp"

namespace mc::evidence {

EvidenceReader evidence_reader(const EvidenceStanding& s) {
    if (s.owner) return EvidenceReader::educator;
    if (s.auditor) return EvidenceReader::auditor;
    if (!s.assessor_role) return EvidenceReader::none;
    if (s.reviews_open_appeal) return EvidenceReader::appeal_lead;
    if (s.open_assignment) return EvidenceReader::assessor;
    // Scored, but others are still at work on the same evidence: the scorer may look again
    // until the decision; after it the evidence is no longer theirs to see.
    if (s.finished_assignment && !s.decided) return EvidenceReader::assessor;
    return EvidenceReader::none;
}

std::string_view reader_name(EvidenceReader r) {
    switch (r) {
    case EvidenceReader::educator: return "educator";
    case EvidenceReader::assessor: return "assessor";
    case EvidenceReader::appeal_lead: return "appeal_lead";
    case EvidenceReader::auditor: return "auditor";
    case EvidenceReader::none: break;
    }
    return "none";
}

} // namespace mc::evidence
