// What the assessor and the result page show of an educator's evidence: each part's prompt,
// the written answer and the files. The evidence domain will offer the same through
// src/evidence/evidence_view.hpp; until it lands in main this small reader stands in, behind
// one function so the swap touches only this file.
#pragma once

#include <string>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "catalog/content.hpp"

namespace mc::assessment {

// [{title, prompt, answer, has_answer, files: [{id, name, url, is_video, is_image, is_audio}]}]
nlohmann::json evidence_parts(soci::session& sql, const catalog::Content& content, const std::string& submission_id,
                              const std::string& locale);

} // namespace mc::assessment
