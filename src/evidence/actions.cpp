// What the pages and the API share: loading the caller's submission, submitting, withdrawing.
#include <filesystem>
#include <set>

#include "accounts/notifications.hpp"
#include "evidence/blob_store.hpp"
#include "evidence/sniff.hpp"
#include "evidence/upload_sink.hpp"
#include "evidence/web.hpp"
#include "platform/db/database.hpp"

namespace mc::evidence {

Result<Owned> load_owned_with_version(soci::session& sql, const std::string& submission_id, const std::string& user_id) {
    auto sub = TRY(load_owned(sql, submission_id, user_id));
    auto version = TRY(catalog::load_version(sql, sub.version_id));
    return Owned{std::move(sub), std::move(version)};
}

Result<SubmitOutcome> submit(app::App& app, soci::session& sql, const Owned& owned, const std::string& language,
                             bool consent) {
    const auto& sub = owned.sub;
    if (!is_editable(sub.status)) return fail(Errc::conflict, "evidence.errors.not_editable", "submit " + sub.status);
    if (!is_evidence_language(language)) return fail(Errc::bad_input, "evidence.errors.language", language);
    std::map<std::string, int> counts;
    int media = 0;
    for (const auto& f : files_of(sql, sub.id)) {
        ++counts[f.part_id];
        if (evidence_kind(f.media_type) != "document") ++media;
    }
    SubmitOutcome out;
    out.problems = check_complete(owned.version.content, answers_of(sql, sub.id), counts, media, consent);
    if (!out.problems.empty()) return out;
    db::WriteTx tx(sql);
    if (!mark_submitted(sql, sub.id, language, consent))
        return fail(Errc::conflict, "evidence.errors.not_editable", "submitted twice " + sub.id);
    const auto& title = owned.version.content.title;
    TRY(accounts::notify(app, sql, sub.educator_id, "submitted",
                         {{"title", title.en}, {"title_es", title.es.empty() ? title.en : title.es},
                          {"attempt", sub.attempt}},
                         "/submissions/" + sub.id));
    tx.commit();
    return out;
}

Result<void> withdraw(app::App& app, soci::session& sql, const Submission& sub) {
    if (!can_withdraw(sub.status)) return fail(Errc::conflict, "evidence.errors.not_withdrawable", sub.status);
    auto files = files_of(sql, sub.id);
    auto uploads = open_uploads_of(sql, sub.id);
    std::set<std::string> hashes;
    for (const auto& f : files) hashes.insert(f.sha256);
    // File rows stay, marked removed (the history of attempts and views keeps its meaning); the bytes go
    // unless another live submission holds the same content.
    std::lock_guard store(store_mutex());
    {
        db::WriteTx tx(sql);
        if (!mark_withdrawn(sql, sub.id)) return fail(Errc::conflict, "evidence.errors.not_withdrawable", sub.id);
        mark_files_removed(sql, sub.id, "withdrawn", now_seconds());
        for (const auto& u : uploads) delete_upload(sql, u.id);
        tx.commit();
    }
    for (const auto& sha : hashes)
        if (!bytes_in_use(sql, sha)) remove_blob(app.config.evidence_dir(), sha);
    for (const auto& u : uploads) {
        std::error_code ec;
        std::filesystem::remove(upload_part_path(app.config.data_dir, u.id), ec);
        forget_hash_progress(u.id);
    }
    return {};
}

std::string problem_message(const app::App& app, std::string_view locale, const PartProblem& p,
                            const catalog::Content& content) {
    std::string part_title;
    if (const auto* part = content.part(p.part_id)) part_title = part->title.in(locale);
    return app.catalog.format(locale, p.key,
                              {{"part", part_title}, {"min", std::to_string(p.min_words)}, {"words", std::to_string(p.words)}});
}

std::string accept_attribute(const std::vector<std::string>& kinds) {
    std::string out;
    auto add = [&](std::string_view s) { out += (out.empty() ? "" : ",") + std::string(s); };
    for (const auto& k : kinds) {
        if (k == "video") add("video/*,.mp4,.mov,.webm,.mkv,.3gp");
        if (k == "audio") add("audio/*,.mp3,.m4a,.wav,.ogg,.aac");
        if (k == "image") add("image/jpeg,image/png,image/gif,image/heic,image/webp,.heic,.jpg,.jpeg,.png");
        if (k == "document") add(".pdf,.docx,.xlsx,.pptx,.txt,application/pdf,text/plain");
    }
    return out;
}

} // namespace mc::evidence
