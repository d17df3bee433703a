#include "evidence/rules.hpp"

#include <cstdint>

namespace mc::evidence {

namespace {
// Length of a UTF-8 space at s[i] (ASCII whitespace, NBSP, the U+2000 block, ideographic), or 0.
std::size_t space_at(std::string_view s, std::size_t i) {
    auto c = static_cast<std::uint8_t>(s[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<std::uint8_t>(s[i + 1]) == 0xA0) return 2;
    if (c == 0xE2 && i + 2 < s.size() && static_cast<std::uint8_t>(s[i + 1]) == 0x80 &&
        static_cast<std::uint8_t>(s[i + 2]) <= 0x8A)
        return 3;
    if (c == 0xE3 && i + 2 < s.size() && static_cast<std::uint8_t>(s[i + 1]) == 0x80 &&
        static_cast<std::uint8_t>(s[i + 2]) == 0x80)
        return 3;
    return 0;
}
} // namespace

int count_words(std::string_view text) {
    int words = 0;
    bool in_word = false;
    for (std::size_t i = 0; i < text.size();) {
        if (auto n = space_at(text, i)) {
            in_word = false;
            i += n;
            continue;
        }
        if (!in_word) ++words;
        in_word = true;
        ++i;
    }
    return words;
}

std::vector<PartProblem> check_complete(const catalog::Content& content, const std::map<std::string, std::string>& answers,
                                        const std::map<std::string, int>& file_counts, int media_files,
                                        bool consent_attested) {
    std::vector<PartProblem> problems;
    for (const auto& part : content.parts) {
        auto files = file_counts.contains(part.id) ? file_counts.at(part.id) : 0;
        if (part.kind == catalog::PartKind::artifact) {
            if (part.required && files == 0) problems.push_back({part.id, "evidence.errors.file_required"});
            if (part.max_files > 0 && files > part.max_files)
                problems.push_back({part.id, "evidence.errors.too_many_files"});
            continue;
        }
        auto it = answers.find(part.id);
        int words = it == answers.end() ? 0 : count_words(it->second);
        if (words == 0) {
            if (part.required) problems.push_back({part.id, "evidence.errors.answer_required", part.min_words, 0});
        } else if (words < part.min_words) {
            problems.push_back({part.id, "evidence.errors.too_few_words", part.min_words, words});
        }
    }
    // Children may appear in photos, video or audio: the educator confirms families agreed.
    if (media_files > 0 && !consent_attested) problems.push_back({"", "evidence.errors.consent_required"});
    return problems;
}

bool is_known_status(std::string_view s) {
    for (std::string_view k : {"draft", "submitted", "in_review", "returned", "demonstrated", "withdrawn"})
        if (s == k) return true;
    return false;
}

std::string next_step_key(std::string_view status) {
    if (!is_known_status(status)) return "evidence.next.draft";
    return "evidence.next." + std::string(status);
}

bool is_evidence_language(std::string_view lang) { return lang == "en" || lang == "es"; }

} // namespace mc::evidence
