#include "assessment/evidence_source.hpp"

#include <map>

namespace mc::assessment {

nlohmann::json evidence_parts(soci::session& sql, const catalog::Content& content, const std::string& submission_id,
                              const std::string& locale) {
    std::map<std::string, std::string> answers;
    {
        std::string part, body;
        soci::statement st = (sql.prepare << "SELECT part_id, body FROM submission_answers WHERE submission_id = :s",
                              soci::use(submission_id), soci::into(part), soci::into(body));
        st.execute();
        while (st.fetch()) answers[part] = body;
    }
    std::multimap<std::string, nlohmann::json> files;
    {
        std::string id, part, media_type, name;
        soci::statement st = (sql.prepare << "SELECT id, part_id, media_type, original_name FROM evidence_files "
                                             "WHERE submission_id = :s AND removed_at IS NULL ORDER BY created_at, id",
                              soci::use(submission_id), soci::into(id), soci::into(part), soci::into(media_type),
                              soci::into(name));
        st.execute();
        while (st.fetch())
            // The evidence domain serves these bytes with its own access checks and view log.
            files.emplace(part, nlohmann::json{{"id", id},
                                               {"name", name},
                                               {"url", "/evidence/files/" + id},
                                               {"thumb_url", "/evidence/files/" + id + "/thumbnail"},
                                               {"is_video", media_type.starts_with("video/")},
                                               {"is_image", media_type.starts_with("image/")},
                                               {"is_audio", media_type.starts_with("audio/")}});
    }
    nlohmann::json out = nlohmann::json::array();
    for (const auto& p : content.parts) {
        nlohmann::json part{{"id", p.id}, {"title", p.title.in(locale)}, {"prompt", p.prompt.in(locale)}};
        auto a = answers.find(p.id);
        part["answer"] = a == answers.end() ? "" : a->second;
        part["has_answer"] = a != answers.end() && !a->second.empty();
        nlohmann::json list = nlohmann::json::array();
        auto [from, to] = files.equal_range(p.id);
        for (auto it = from; it != to; ++it) list.push_back(it->second);
        part["has_files"] = !list.empty();
        part["files"] = std::move(list);
        out.push_back(std::move(part));
    }
    return out;
}

} // namespace mc::assessment
