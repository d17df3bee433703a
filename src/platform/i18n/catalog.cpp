#include "platform/i18n/catalog.hpp"

#include <algorithm>
#include <fstream>

namespace mc::i18n {

namespace {
void flatten(const nlohmann::json& node, const std::string& prefix,
             std::map<std::string, std::string, std::less<>>& out) {
    for (auto it = node.begin(); it != node.end(); ++it) {
        std::string key = prefix.empty() ? it.key() : prefix + "." + it.key();
        if (it->is_object())
            flatten(*it, key, out);
        else if (it->is_string())
            out[key] = it->get<std::string>();
    }
}
} // namespace

Result<void> Catalog::load(const std::filesystem::path& dir) {
    // One folder per locale (web/locales/en/, es/), one JSON file per domain inside, so each
    // domain owns its strings; a key defined twice is a mistake and stops the start.
    std::error_code ec;
    for (const auto& folder : std::filesystem::directory_iterator(dir, ec)) {
        if (!folder.is_directory()) continue;
        auto locale = folder.path().filename().string();
        auto& flat = flat_[locale];
        for (const auto& entry : std::filesystem::directory_iterator(folder.path(), ec)) {
            if (entry.path().extension() != ".json") continue;
            std::ifstream in(entry.path());
            auto tree = nlohmann::json::parse(in, nullptr, false);
            if (tree.is_discarded() || !tree.is_object())
                return fail(Errc::internal, "errors.internal", "locale file is not a JSON object: " + entry.path().string());
            std::map<std::string, std::string, std::less<>> part;
            flatten(tree, "", part);
            for (auto& [k, v] : part)
                if (!flat.emplace(k, std::move(v)).second)
                    return fail(Errc::internal, "errors.internal", "key " + k + " defined twice in locale " + locale);
        }
        locales_.push_back(locale);
    }
    if (ec || !flat_.contains("en")) return fail(Errc::internal, "errors.internal", "no en/ in " + dir.string());
    std::ranges::sort(locales_);
    return {};
}

bool Catalog::has_locale(std::string_view locale) const { return flat_.find(locale) != flat_.end(); }

bool Catalog::has_key(std::string_view locale, std::string_view key) const {
    auto l = flat_.find(locale);
    return l != flat_.end() && l->second.find(key) != l->second.end();
}

std::string Catalog::text(std::string_view locale, std::string_view key) const {
    for (auto candidate : {locale, std::string_view(default_)}) {
        auto l = flat_.find(candidate);
        if (l == flat_.end()) continue;
        auto k = l->second.find(key);
        if (k != l->second.end()) return k->second;
    }
    return std::string(key);
}

std::string Catalog::format(std::string_view locale, std::string_view key,
                            const std::vector<std::pair<std::string, std::string>>& args) const {
    std::string s = text(locale, key);
    for (const auto& [name, value] : args) {
        std::string slot = "{" + name + "}";
        for (auto pos = s.find(slot); pos != std::string::npos; pos = s.find(slot, pos + value.size()))
            s.replace(pos, slot.size(), value);
    }
    return s;
}

std::vector<std::string> Catalog::keys(std::string_view locale) const {
    std::vector<std::string> out;
    auto l = flat_.find(locale);
    if (l != flat_.end())
        for (const auto& [k, v] : l->second) out.push_back(k);
    return out;
}

std::string Catalog::from_accept_language(std::string_view header) const {
    // Take languages in the order given, ignoring weights below the first match: browsers
    // already send them in preference order.
    while (!header.empty()) {
        auto comma = header.find(',');
        auto item = header.substr(0, comma);
        header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        auto tag = item.substr(0, item.find_first_of(";-_ "));
        std::string lang(tag);
        std::ranges::transform(lang, lang.begin(), [](unsigned char c) { return std::tolower(c); });
        if (has_locale(lang)) return lang;
    }
    return default_;
}

} // namespace mc::i18n
