// Server-rendered pages: mustache templates (web/templates) inside one layout, strings from
// the locale catalogs through the {{#t}}dotted.key{{/t}} section. {{name}} always escapes;
// triple braces are banned for anything but the layout's {{{content}}} (a test enforces it).
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "platform/http/http.hpp"
#include "platform/i18n/catalog.hpp"

namespace mc::web {

class Views {
public:
    Views(std::filesystem::path templates_dir, const i18n::Catalog& catalog);

    // Adds role flags etc. for the signed-in user to every page (set by accounts wiring).
    void set_principal_context(std::function<nlohmann::json(const http::Principal&)> f) {
        principal_context_ = std::move(f);
    }

    // Renders one template (a fragment, an email body) with the catalog lambda for `locale`.
    Result<std::string> render(std::string_view name, const nlohmann::json& context, std::string_view locale) const;

    // A whole page: the named template inside layout.mustache, with the common context
    // (lang, csrf, user, title from ctx["title_key"], notice from ?notice=). htmx requests
    // that target a fragment get the template alone.
    http::Response page(const http::Request& req, std::string_view name, nlohmann::json context,
                        int status = 200) const;
    // Just the template, for htmx swaps.
    http::Response fragment(const http::Request& req, std::string_view name, const nlohmann::json& context,
                            int status = 200) const;

    nlohmann::json common_context(const http::Request& req) const;
    const i18n::Catalog& catalog() const { return catalog_; }

private:
    std::string load(std::string_view name) const;
    // The template's text with every {{>partial}} written in place (partials of partials too).
    std::string expanded(std::string_view name, int depth = 0) const;

    std::filesystem::path dir_;
    const i18n::Catalog& catalog_;
    std::function<nlohmann::json(const http::Principal&)> principal_context_;
};

} // namespace mc::web
