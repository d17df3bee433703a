// What the catalog's pages and API share: route installers and view models built from the
// store's records. Internal to src/catalog.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "catalog/catalog_store.hpp"

namespace mc::catalog {

void install_public_pages(app::App& app);
void install_authoring_pages(app::App& app);
void install_framework_pages(app::App& app);
void install_api(app::App& app);

// "1.5", "10": numbers as people write them.
std::string format_number(double value);
// "10 clock hours · 1 CEU"; empty when the micro-credential carries no credit.
std::string credit_text(const app::App& app, const http::Request& req, const Credit& credit);
// The language a micro-credential is shown in: the visitor's when it is offered, else English.
std::string content_locale(const Content& content, const std::string& wanted);
// A catalog card: title, area, hours, credit, languages.
nlohmann::json card_view(const app::App& app, const http::Request& req, const CatalogEntry& entry);
// Everything on the detail page, in `locale` (see content_locale).
nlohmann::json content_view(const app::App& app, const http::Request& req, const Content& content,
                            const std::string& locale);

// A leased session: `auto sql = lease(app);` then `*sql << ...`.
inline auto lease(app::App& app) { return app.db->lease(); }

// The version named by the route's {slug} and {version}; not_found for a number that is not one.
Result<VersionRecord> version_from_route(app::App& app, const http::Request& req);

} // namespace mc::catalog
