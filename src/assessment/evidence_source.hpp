// What the assessor and the appeal review show of an educator's evidence: each part's prompt,
// the written answer and the files, only to the readers the evidence domain's policy names.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "catalog/content.hpp"

namespace mc::assessment {

// Whether the evidence policy (evidence/access.hpp) lets this person see the submission's
// evidence now: the scorer until the decision, the lead of an open appeal, auditors.
bool reads_evidence(soci::session& sql, const std::string& submission_id, const std::string& user_id,
                    std::uint32_t roles);

// The parts below for a reader the policy allows, with the showing logged at `place`; an empty
// list for anyone else. Every page and API of this domain goes through this, never evidence_parts.
nlohmann::json evidence_for(soci::session& sql, const catalog::Content& content, const std::string& submission_id,
                            const std::string& locale, const std::string& user_id, std::uint32_t roles,
                            std::string_view place);

// [{title, prompt, answer, has_answer, files: [{id, name, url, is_video, is_image, is_audio}]}]
// Unchecked: only evidence_for calls it.
nlohmann::json evidence_parts(soci::session& sql, const catalog::Content& content, const std::string& submission_id,
                              const std::string& locale);

} // namespace mc::assessment
