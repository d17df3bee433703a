// The locale catalogs (web/locales/<lang>/<domain>.json): every user-visible string lives there, in
// English and Spanish from the first page. Keys are dotted paths into the JSON tree.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "platform/error.hpp"

namespace mc::i18n {

class Catalog {
public:
    Result<void> load(const std::filesystem::path& dir); // dir/<locale>/*.json; "en" must exist

    bool has_locale(std::string_view locale) const;
    const std::vector<std::string>& locales() const { return locales_; }
    const std::string& default_locale() const { return default_; }

    // Text for a dotted key; falls back to English, then to the key itself (visible in tests).
    std::string text(std::string_view locale, std::string_view key) const;
    // Text with {name} placeholders replaced by the given values (values are not escaped here:
    // the template escapes them).
    std::string format(std::string_view locale, std::string_view key,
                       const std::vector<std::pair<std::string, std::string>>& args) const;
    bool has_key(std::string_view locale, std::string_view key) const;
    // All dotted keys of a locale, for the catalog-completeness tests.
    std::vector<std::string> keys(std::string_view locale) const;

    // Picks a supported locale from an Accept-Language header ("es-MX,es;q=0.9,en;q=0.8").
    std::string from_accept_language(std::string_view header) const;

private:
    std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> flat_;
    std::vector<std::string> locales_;
    std::string default_ = "en";
};

} // namespace mc::i18n
