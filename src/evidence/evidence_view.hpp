// A submission ready for templates: its parts in the micro-credential's order, each with the
// educator's answer or files. Used by the educator's page, the JSON API and the assessor's
// scoring page. It does not check who is asking: callers decide access first.
//
// Shape: {id, attempt, status, evidence_language, consent_attested, submitted_at, editable,
//         has_media, micro_credential: {id, slug, title, version},
//         parts: [{id, kind, is_text, is_artifact, title, prompt, guidance, required, min_words,
//                  answer, word_count, accepted_types, accept, max_files, has_files,
//                  files: [{id, url, name, size, size_label, media_type,
//                           is_video, is_audio, is_image, is_document}]}]}
// Texts are in `locale` (English when the version has no text in it). The partial
// web/templates/evidence/file_list.mustache ({{>evidence/file_list}}) renders a part's files.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "platform/error.hpp"

namespace mc::evidence {

Result<nlohmann::json> submission_view(soci::session& sql, const std::string& submission_id, std::string_view locale);

// The parts of submission_view for a reader the evidence policy allows (evidence/access.hpp),
// with the showing logged at `place`; an empty list for anyone else. Every page and API that
// shows evidence to someone other than its educator goes through this.
Result<nlohmann::json> evidence_parts_for(soci::session& sql, const std::string& submission_id, std::string_view locale,
                                          const std::string& user_id, std::uint32_t roles, std::string_view place);

// "840 KB", "12.5 MB": sizes as people read them.
std::string size_label(long long bytes);

} // namespace mc::evidence
