#include "evidence/evidence_view.hpp"

#include <cstdio>

#include "catalog/version_store.hpp"
#include "evidence/rules.hpp"
#include "evidence/sniff.hpp"
#include "evidence/submission_store.hpp"
#include "platform/dates.hpp"

namespace mc::evidence {

using nlohmann::json;

Result<nlohmann::json> evidence_parts_for(soci::session& sql, const std::string& submission_id, std::string_view locale,
                                          const std::string& user_id, std::uint32_t roles, std::string_view place) {
    auto reader = evidence_reader_of(sql, submission_id, user_id, roles);
    if (reader == EvidenceReader::none) return nlohmann::json::array();
    log_evidence_shown(sql, submission_id, user_id, reader, place);
    return TRY(submission_view(sql, submission_id, locale))["parts"];
}

std::string size_label(long long bytes) {
    char buf[32];
    if (bytes < 1024) std::snprintf(buf, sizeof buf, "%lld B", bytes);
    else if (bytes < 1024 * 1024) std::snprintf(buf, sizeof buf, "%lld KB", (bytes + 1023) / 1024);
    else if (bytes < 1024LL * 1024 * 1024) std::snprintf(buf, sizeof buf, "%.1f MB", bytes / (1024.0 * 1024));
    else std::snprintf(buf, sizeof buf, "%.2f GB", bytes / (1024.0 * 1024 * 1024));
    return buf;
}

namespace {
json file_json(const FileRow& f) {
    json out{{"id", f.id},
             {"name", f.original_name},
             {"size", f.size},
             {"size_label", size_label(f.size)},
             {"media_type", f.media_type},
             {"part_id", f.part_id},
             {"submission_id", f.submission_id},
             {"removed", f.removed_at != 0}};
    if (f.removed_at) {
        // The bytes are gone (retention period or withdrawal): the name and when stay, no player.
        out["removed_on"] = day_of(f.removed_at);
        out["removed_reason"] = f.removed_reason;
        out["removed_retention"] = f.removed_reason == "retention";
        return out;
    }
    auto kind = evidence_kind(f.media_type);
    out["url"] = "/evidence/files/" + f.id;
    out["is_video"] = kind == "video";
    out["is_audio"] = kind == "audio";
    out["is_image"] = kind == "image";
    if (kind == "image") out["thumb_url"] = "/evidence/files/" + f.id + "/thumbnail";
    out["is_document"] = kind == "document";
    return out;
}
} // namespace

Result<json> submission_view(soci::session& sql, const std::string& submission_id, std::string_view locale) {
    auto sub = TRY(load_submission(sql, submission_id));
    auto version = TRY(catalog::load_version(sql, sub.version_id));
    auto answers = answers_of(sql, sub.id);
    auto files = files_of(sql, sub.id);
    const auto& content = version.content;
    bool has_media = false;
    json parts = json::array();
    for (const auto& p : content.parts) {
        json part_files = json::array();
        for (const auto& f : files) {
            if (f.part_id != p.id) continue;
            part_files.push_back(file_json(f));
            has_media = has_media || (!f.removed_at && evidence_kind(f.media_type) != "document");
        }
        auto it = answers.find(p.id);
        std::string answer = it == answers.end() ? "" : it->second;
        bool artifact = p.kind == catalog::PartKind::artifact;
        parts.push_back({{"id", p.id},
                         {"kind", std::string(catalog::part_kind_name(p.kind))},
                         {"is_text", !artifact},
                         {"is_artifact", artifact},
                         {"title", p.title.in(locale)},
                         {"prompt", p.prompt.in(locale)},
                         {"guidance", p.guidance.in(locale)},
                         {"required", p.required},
                         {"min_words", p.min_words},
                         {"has_min_words", p.min_words > 0},
                         {"has_guidance", !p.guidance.in(locale).empty()},
                         {"answer", answer},
                         {"revision", answer_revision(sql, sub.id, p.id).revision},
                         {"has_answer", !answer.empty()},
                         {"word_count", count_words(answer)},
                         {"accepted_types", p.accepted_types},
                         {"max_files", p.max_files},
                         {"has_files", !part_files.empty()},
                         {"files", part_files},
                         {"submission_id", sub.id}});
    }
    return json{{"id", sub.id},
                {"attempt", sub.attempt},
                {"status", sub.status},
                {"evidence_language", sub.evidence_language},
                {"consent_attested", sub.consent_attested},
                {"exemplar_consent", sub.exemplar_consent},
                {"created_at", sub.created_at},
                {"updated_at", sub.updated_at},
                {"submitted_at", sub.submitted_at},
                {"editable", is_editable(sub.status)},
                {"has_media", has_media},
                {"micro_credential",
                 {{"id", version.micro_credential_id}, {"slug", version.slug}, {"title", content.title.in(locale)},
                  {"version", version.version}}},
                {"parts", parts}};
}

} // namespace mc::evidence
